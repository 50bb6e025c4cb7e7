TOOLS += vsp-place
vsp-place_SRC = tools/vsp-place/vsp-place.c
vsp-place_LIBS =
