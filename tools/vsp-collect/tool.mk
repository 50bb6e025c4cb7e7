TOOLS += vsp-collect
vsp-collect_SRC = tools/vsp-collect/vsp-collect.c tools/vsp-collect/plugin.c tools/vsp-collect/runfiles.c tools/vsp-collect/summary.c
vsp-collect_LIBS =
