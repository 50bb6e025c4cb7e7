/* vsp-virt: the parts share the loaded configuration and the VM rows. */
#ifndef VSP_VIRT_H
#define VSP_VIRT_H

#include <stddef.h>

#include "buf.h"
#include "conf.h"
#include "domxml.h"
#include "name.h"
#include "ssh.h"
#include "tsv.h"
#include "vaddr.h"

enum ready { READY_RUNNING, READY_TCP, READY_CONSOLE, READY_SSH };

/* vm_disk_mode: where each VM's disk comes from (vsp-virt(1), DISKS). */
enum diskmode { DISK_OVERLAY, DISK_COPY, DISK_SHARED, DISK_FIXED };

struct virt {
	struct conf conf;
	struct vaddr addr;
	struct domtmpl tmpl;
	int have_tmpl;
	const char *uri_tmpl;	/* libvirt_uri */
	enum ready ready;
	long ready_port;
	const char *ready_marker;
	long ready_timeout;
	struct ssh_opts ssh;	/* vm_ready=ssh: ssh_* settings */
	long shutdown_timeout;	/* vm_shutdown_timeout: 0 destroys at once */
	long libvirt_timeout;	/* seconds a PM may stay silent */
	int overcommit;
	enum diskmode disk_mode;
	const char *disk;	/* vm_disk: the image, "" for no disk */
	const char *console_log;	/* vm_console_log pattern, "" none */
	int ib;			/* vm_infiniband: one VF per VM */
};

/* One VM row of an experiment, with what vsp-virt learns about it. */
struct vm {
	char **f;		/* input fields */
	unsigned long line;
	const char *exp, *name, *node, *pin;
	long index;		/* node's line in vsp.nodes from 0 */
	long slot, vcpus;
	long mem_kib;
	int physical;		/* idf -1 row: no VM */
	char uuid[37];
	char addr[32];
	char *uri;
	char *console;		/* serial console file, or NULL */
	char *pool;		/* the PM's image store (repo_pool), or NULL */
	char *vol;		/* the VM's own volume (overlay, copy), or NULL */
	int vol_created;	/* made by this call: rollback deletes it */
	char *xml;
	/* life cycle */
	void *dom;		/* virDomainPtr */
	int created;		/* defined by this call: rollback undoes it */
	int ready;
	char state[24];
	char *err;		/* why it failed, or NULL */
	char *not_yet;		/* why the last readiness check said "not yet" */
};

struct cols {
	int exp, vm, node, slot, vcpus, pin, uuid;
};

/* vsp-virt.c */
void virt_load_tmpl(struct virt *v);
char *virt_uri(const struct virt *v, const char *node);
/* The libvirt storage pool of a PM's images (repo_pool). */
char *virt_pool(const struct virt *v, const char *node);
/* A setting with {vm} {exp} {node} {slot} replaced; bad ones end (2). */
char *virt_expand(const struct virt *v, const char *key, const struct vm *vm);
/* rows.c */
/* Ends the program if hardware.params lacks what an InfiniBand VF needs. */
void need_ib(const struct virt *v);
/* Reads the VM rows of the group; bad input ends the program (2). */
void vms_read(struct virt *v, const struct tsv_reader *r,
	const struct cols *c, const struct tsv_group *g, struct vm *vms,
	int full);
void vms_free(struct vm *vms, size_t n);
void vm_fail(struct vm *vm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* up.c, down.c, ls.c: 0 on success, -1 if the experiment failed (reported). */
int life_up(struct virt *v, struct vm *vms, size_t n, const char *input);
int life_down(struct virt *v, struct vm *vms, size_t n, const char *input);
int life_ls(struct virt *v, struct buf *out);
/* Before exit, when any of them has run: stops libvirt's event loop. */
void fini_libvirt(void);

const char *state_name(int st);

/* ready.c: 1 ready, 0 not yet, -1 failed (vm->err set). */
int ready_check(const struct virt *v, struct vm *vm);
/*
 * Removes the console file before the VM starts, so an older boot's
 * marker cannot count. 0, or -1 (vm->err set).
 */
int ready_reset(struct vm *vm);

/* nethelp.c */
void net_hosts(struct virt *v, struct buf *out);
void net_dhcp(struct virt *v, struct buf *out);
void net_networks(struct virt *v, const char *dir, struct buf *out);
const char *net_xml(struct virt *v, long i, struct buf *out);
/* netdef.c: 0, or -1 if a PM's network failed (reported). */
int net_define(struct virt *v, struct buf *out);

/* image.c: 0, or -1 if a PM failed (reported). */
int image_send(struct virt *v, const char *file, const char *name, int check,
	struct buf *out);

/* Writes data to path through a temporary name; ends the program on error. */
void write_file(const char *path, const char *data, size_t len);

#endif
