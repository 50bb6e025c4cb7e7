TOOLS += vsp-gen
vsp-gen_SRC = tools/vsp-gen/vsp-gen.c tools/vsp-gen/xmldef.c
vsp-gen_LIBS = $(XML_LIBS)
