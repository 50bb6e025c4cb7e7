TOOLS += vsp-virt
vsp-virt_SRC = tools/vsp-virt/vsp-virt.c tools/vsp-virt/rows.c \
	tools/vsp-virt/pm.c tools/vsp-virt/up.c tools/vsp-virt/down.c \
	tools/vsp-virt/ls.c tools/vsp-virt/ready.c tools/vsp-virt/nethelp.c \
	tools/vsp-virt/netdef.c tools/vsp-virt/domxml.c tools/vsp-virt/uuid5.c \
	tools/vsp-virt/disk.c tools/vsp-virt/image.c \
	tools/vsp-virt/vaddr.c
vsp-virt_LIBS = $(VIRT_LIBS) $(XML_LIBS) $(SSH_LIBS) -pthread
