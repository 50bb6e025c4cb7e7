TOOLS += vsp-collect
vsp-collect_SRC = tools/vsp-collect/vsp-collect.c tools/vsp-collect/plugin.c
vsp-collect_LIBS =
