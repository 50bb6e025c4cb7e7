/* VM names from the vm_name pattern of vsp.params. */
#ifndef VSP_VMNAME_H
#define VSP_VMNAME_H

#include "buf.h"

struct vmname_vars {
	const char *prefix;	/* {prefix}: vm_prefix */
	const char *exp;	/* {exp} */
	const char *app;	/* {app} */
	const char *node;	/* {node}; {suffix}: its trailing digits */
	long index;		/* {index}: the node's line in vsp.nodes, from 0 */
	long slot;		/* {slot} from 0; {slot1} from 1, two digits */
};

/*
 * Appends the name. 0, or -1 with err set if the pattern has an unknown
 * placeholder or the name is not a valid domain name ([A-Za-z0-9._-]).
 */
int vmname(struct buf *b, const char *pattern, const struct vmname_vars *v,
	char *err, size_t errsz);

/*
 * The same for every slot at once: the name with each {slot} as
 * VMNAME_SLOT0 and each {slot1} as VMNAME_SLOT1 (their characters are
 * checked by vmname_fill's caller, digits always pass).
 */
enum { VMNAME_SLOT0 = 1, VMNAME_SLOT1 = 2 };
int vmname_template(struct buf *b, const char *pattern,
	const struct vmname_vars *v, char *err, size_t errsz);
/*
 * Writes the name of slot from the n bytes of template t into out, which
 * has room for n + 20 * (marks in t) bytes; its length.
 */
size_t vmname_fill(char *out, const char *t, size_t n, long slot);

#endif
