TOOLS += vsp-mon
vsp-mon_SRC = tools/vsp-mon/vsp-mon.c tools/vsp-mon/hosts.c tools/vsp-mon/collector.c tools/vsp-mon/sadf.c
vsp-mon_LIBS = $(SSH_LIBS)
