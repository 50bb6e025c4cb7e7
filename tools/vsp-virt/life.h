/* The libvirt side of vsp-virt: one thread per PM (pm.c, up.c, down.c, ls.c). */
#ifndef VSP_VIRT_LIFE_H
#define VSP_VIRT_LIFE_H

#include <signal.h>
#include <stdatomic.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virt.h"

struct lsrow;

struct pm {
	struct virt *v;
	const char *node;
	const char *uri;
	const char *exp;
	struct vm **vms;
	size_t n;
	virConnectPtr conn;
	virStoragePoolPtr pool;	/* the PM's image store, or NULL */
	virStorageVolPtr base;	/* vm_disk in it */
	atomic_int *abort;	/* set by the first failure of the experiment */
	/* ls */
	long index;
	struct lsrow *rows;
	size_t nrows;
	char *err;
};

/* The signal that asks to stop (SIGINT, SIGTERM, SIGHUP), or 0. */
extern volatile sig_atomic_t stop_signal;

const char *lverr(void);
void init_libvirt(void);
/* The one way to open a PM's connection: virConnectOpenAuth, given up after
 * v->libvirt_timeout seconds without an answer, then keepalive (as virsh)
 * so a PM that dies later fails its calls in about as long. NULL with why. */
virConnectPtr pm_connect(const struct virt *v, const char *uri, char *why,
	size_t whysz);
/* In the PM's thread: libxml2 quiet, p->conn opened, or every VM of the
 * PM failed (pm_fail); 0 or -1. */
int pm_open(struct pm *p);
/* Fails every VM of the PM with the formatted reason and stops the
 * experiment; -1. */
int pm_fail(struct pm *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct pm *group_pms(struct virt *v, struct vm *vms, size_t n,
	atomic_int *abort, size_t *npm);
void run_all(struct pm *pms, size_t npm, void *(*fn)(void *));
void free_pms(struct pm *pms, size_t npm);
int remove_domain(virDomainPtr d, char *why, size_t whysz);
int domain_meta(virDomainPtr d, void (*fn)(void *, const char *, const char *),
	void *arg);
int str_cmp(const void *a, const void *b);

/* disk.c: the VMs' disks in the PM's pool (vm_disk_mode). */
/* up: finds the pool and a complete image; 0, or -1 (pm_fail). */
int disk_open(struct pm *p);
/* up: makes the VM's own volume; 0, or -1 (vm_fail). */
int disk_make(struct pm *p, struct vm *vm);
/* down and rollback: deletes the VM's volume if there is one; 0, or -1. */
int disk_drop(struct pm *p, struct vm *vm, char *why, size_t whysz);
/* The first line of a small volume (a checksum file), or NULL (why). */
char *vol_read_small(virConnectPtr c, virStorageVolPtr vol, char *why,
	size_t whysz);
/* "NAME.sha256": the checksum file vsp-virt image writes beside NAME. */
char *sum_name(const char *image);
double now(void);
void pause_s(double s);

#endif
