/*
 * The original's addressing scheme of PMs and VMs (vsp-virt(1), ADDRESSES),
 * without its bugs: a PM's number is its own trailing digits (never a
 * lookup in sorted order; its line in vsp.nodes from 1 if it has none),
 * distinct for every PM, and numbers up to 255 give distinct MAC octets.
 */
#ifndef VSP_VADDR_H
#define VSP_VADDR_H

#include <stddef.h>

#include "conf.h"

struct vaddr {
	int class_c;		/* net_class C, else B */
	const char *b_prefix;	/* "172.16" */
	long b_start;
	const char *c_prefix;	/* "192.168.3" */
	long c_start, c_step;
	const char *mac_prefix;	/* four octets "00:16:36:ff" */
	long *num;		/* number of each PM of vsp.nodes, 0-255 */
};

/*
 * Reads the net_* and dhcp_* settings and numbers the PMs; bad settings
 * or two PMs with one number end the program (2).
 */
void vaddr_load(struct vaddr *a, const struct conf *c);
void vaddr_free(struct vaddr *a);
/*
 * Addresses of PM index (line in vsp.nodes from 0) and of its VM slot,
 * written to out (at least 18 bytes). 0, or -1 with err set.
 */
int vaddr_node_ip(const struct vaddr *a, const char *node, long index,
	char *out, size_t outsz, char *err, size_t errsz);
int vaddr_vm_ip(const struct vaddr *a, const char *node, long index,
	long slot, char *out, size_t outsz, char *err, size_t errsz);
int vaddr_vm_mac(const struct vaddr *a, long index, long slot,
	char *out, size_t outsz, char *err, size_t errsz);
/* Subnet, netmask, router, broadcast of the class. */
void vaddr_subnet(const struct vaddr *a, char *subnet, char *mask,
	char *router, char *bcast, size_t sz);

#endif
