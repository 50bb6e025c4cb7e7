TOOLS += vsp-mon
vsp-mon_SRC = tools/vsp-mon/vsp-mon.c tools/vsp-mon/sadf.c
vsp-mon_LIBS = $(SSH_LIBS)
