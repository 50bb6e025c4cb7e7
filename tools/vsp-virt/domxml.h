/*
 * libvirt domain XML from a template (share/vsp/domain.xml or the config
 * folder's copy): vsp's values go into the parsed tree, never pasted text.
 */
#ifndef VSP_DOMXML_H
#define VSP_DOMXML_H

#include <stddef.h>

#include "buf.h"

/* Namespace of vsp's <metadata> element: <vsp:vm xmlns:vsp=...>. */
#define DOMXML_NS "urn:vsp:vm:1"
#define DOMXML_NS_PREFIX "vsp"

struct domtmpl {
	void *doc;		/* xmlDocPtr of the template */
	char *path;
};

struct domnet {
	const char *network;	/* <source network=...>; NULL: no interface */
	const char *mac;
	int virtio;		/* <model type='virtio'/> */
	const char *driver;	/* <driver name=...> (vhost, qemu) or NULL */
};

struct domspec {
	const char *type;	/* <domain type=...> */
	const char *name;
	const char *uuid;
	long mem_kib;
	long vcpus;
	long sockets, cores;	/* guest topology: sockets * cores = vcpus */
	const char *pin;	/* cpusets of each vcpu split by ';', "" none */
	const char *disk;	/* source of the template's disk; NULL: no disk */
	const char *disk_pool;	/* with it, disk is a volume of this pool */
	int disk_readonly;	/* <readonly/>: one image shared by VMs */
	const char *disk_type, *disk_dev, *disk_bus;
	struct domnet net;
	const char *console_log;	/* serial console file, or NULL */
	const char *kernel;	/* direct kernel boot: kernel, or NULL / "" */
	const char *initrd, *cmdline;	/* with it; NULL or "": none */
	const char *serial;	/* SMBIOS system serial number: the VM's name */
	int vf;			/* pass an InfiniBand VF through: */
	unsigned vf_bus, vf_slot, vf_function;	/* its PCI address */
	const char *const *meta_keys;	/* <vsp:key>value</vsp:key> */
	const char *const *meta_vals;
	size_t nmeta;
};

/*
 * Reads and checks a template: well-formed, root <domain>, with <os> and
 * <devices>. 0, or -1 with err set ("path:line: what").
 */
int domxml_load(struct domtmpl *t, const char *path, char *err, size_t errsz);
void domxml_free(struct domtmpl *t);
/* Appends the domain XML of spec to out. */
void domxml_build(const struct domtmpl *t, const struct domspec *spec,
	struct buf *out);

/*
 * Reads vsp's metadata element (as virDomainGetMetadata returns it): calls fn for each
 * child element's name and text. 0, or -1 if xml is not ours.
 */
int domxml_meta_each(const char *xml,
	void (*fn)(void *arg, const char *key, const char *val), void *arg);

/* Appends node of doc (an xmlDocPtr, freed) as XML text and a newline. */
void domxml_dump(void *doc, void *node, struct buf *out);
/* Initializes libxml2 before threads start (libvirt parses with it too). */
void domxml_init(void);
/* Silences libxml2's own messages in this thread (libvirt uses it too). */
void domxml_quiet(void);

#endif
