#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "num.h"
#include "vaddr.h"

/* "a.b" (n = 2) or "a.b.c" (n = 3) with octets 0-255. */
static int
prefix_ok(const char *s, int n)
{
	int parts = 0;
	long v;

	while (*s) {
		const char *e = s;
		char oct[4];

		while (isdigit((unsigned char)*e))
			e++;
		if (e == s || e - s > 3)
			return 0;
		memcpy(oct, s, (size_t)(e - s));
		oct[e - s] = '\0';
		if (num_long(oct, 0, 255, &v) < 0)
			return 0;
		parts++;
		if (!*e)
			break;
		if (*e != '.')
			return 0;
		s = e + 1;
		if (!*s)
			return 0;
	}
	return parts == n;
}

static int
mac_prefix_ok(const char *s)
{
	int i;

	if (strlen(s) != 11)
		return 0;
	for (i = 0; i < 11; i++)
		if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static void number_nodes(struct vaddr *a, const struct conf *c);

void
vaddr_load(struct vaddr *a, const struct conf *c)
{
	const char *cls = conf_get(c, "net_class");

	if (!strcasecmp(cls, "B"))
		a->class_c = 0;
	else if (!strcasecmp(cls, "C"))
		a->class_c = 1;
	else
		die(EXIT_USAGE, "%s: net_class \"%s\" is not B or C",
		    conf_where(c, "net_class"), cls);
	a->b_prefix = conf_get(c, "dhcp_b_prefix");
	if (!prefix_ok(a->b_prefix, 2))
		die(EXIT_USAGE, "%s: dhcp_b_prefix \"%s\" is not two octets (172.16)",
		    conf_where(c, "dhcp_b_prefix"), a->b_prefix);
	a->c_prefix = conf_get(c, "dhcp_c_prefix");
	if (!prefix_ok(a->c_prefix, 3))
		die(EXIT_USAGE, "%s: dhcp_c_prefix \"%s\" is not three octets "
		    "(192.168.3)", conf_where(c, "dhcp_c_prefix"), a->c_prefix);
	a->b_start = conf_long(c, "dhcp_b_start", 1, 253);
	a->c_start = conf_long(c, "dhcp_c_start", 1, 254);
	a->c_step = conf_long(c, "dhcp_c_step", 0, 254);
	a->mac_prefix = conf_get(c, "net_mac_prefix");
	if (!mac_prefix_ok(a->mac_prefix))
		die(EXIT_USAGE, "%s: net_mac_prefix \"%s\" is not four octets "
		    "(00:16:36:ff)", conf_where(c, "net_mac_prefix"), a->mac_prefix);
	number_nodes(a, c);
}

/* Trailing digits of the name, -1 if none, 256 if too big. */
static long
trailing_number(const char *node)
{
	const char *e = node + strlen(node), *d = e;
	long v;

	while (d > node && isdigit((unsigned char)d[-1]))
		d--;
	if (d == e)
		return -1;
	while (*d == '0' && d + 1 < e)
		d++;
	if (e - d > 3 || num_long(d, 0, 255, &v) < 0)
		return 256;
	return v;
}

static void
number_nodes(struct vaddr *a, const struct conf *c)
{
	size_t i, j;

	a->num = xcalloc(c->nnodes, sizeof *a->num);
	for (i = 0; i < c->nnodes; i++) {
		a->num[i] = trailing_number(c->nodes[i]);
		if (a->num[i] < 0)
			a->num[i] = (long)i + 1;
		if (a->num[i] > 255)
			die(EXIT_USAGE, "%s/vsp.nodes: node \"%s\" ends in a number "
			    "above 255 (addresses and MACs need 0-255)", c->dir,
			    c->nodes[i]);
		for (j = 0; j < i; j++)
			if (a->num[j] == a->num[i])
				die(EXIT_USAGE, "%s/vsp.nodes: nodes \"%s\" and \"%s\" "
				    "both have number %ld (from trailing digits, else "
				    "the line): addresses would collide", c->dir,
				    c->nodes[j], c->nodes[i], a->num[i]);
	}
}

void
vaddr_free(struct vaddr *a)
{
	free(a->num);
	a->num = NULL;
}

int
vaddr_node_ip(const struct vaddr *a, const char *node, long index,
    char *out, size_t outsz, char *err, size_t errsz)
{
	long n;

	if (a->class_c) {
		if (index + 1 > 254) {
			snprintf(err, errsz, "node \"%s\": class C has no address "
			    "for PM %ld", node, index + 1);
			return -1;
		}
		snprintf(out, outsz, "%s.%ld", a->c_prefix, index + 1);
		return 0;
	}
	n = a->num[index];
	snprintf(out, outsz, "%s.%ld.254", a->b_prefix, n);
	return 0;
}

int
vaddr_vm_ip(const struct vaddr *a, const char *node, long index, long slot,
    char *out, size_t outsz, char *err, size_t errsz)
{
	long n, host;

	if (a->class_c) {
		host = a->c_start + a->c_step * index + slot;
		if (host > 254) {
			snprintf(err, errsz, "class C address %s.%ld of slot %ld "
			    "on \"%s\" is past .254", a->c_prefix, host, slot, node);
			return -1;
		}
		snprintf(out, outsz, "%s.%ld", a->c_prefix, host);
		return 0;
	}
	n = a->num[index];
	host = a->b_start + slot;
	if (host > 253) {
		snprintf(err, errsz, "class B address %s.%ld.%ld of slot %ld is "
		    "past .253 (.254 is the PM)", a->b_prefix, n, host, slot);
		return -1;
	}
	snprintf(out, outsz, "%s.%ld.%ld", a->b_prefix, n, host);
	return 0;
}

/*
 * One MAC octet for 0-255: 0-99 as their decimal digits (82 -> "82", as
 * the original), 100-255 as the octets with a hex letter in ascending
 * order (100 -> "0a"), so no two numbers share an octet.
 */
static unsigned
mac_octet(long n)
{
	unsigned v;
	long k = 0;

	if (n < 100)
		return (unsigned)(n / 10 * 16 + n % 10);
	for (v = 0; v < 256; v++)
		if ((v & 15) > 9 || (v >> 4) > 9)
			if (k++ == n - 100)
				return v;
	return 0;	/* not reached for n <= 255 */
}

int
vaddr_vm_mac(const struct vaddr *a, long index, long slot,
    char *out, size_t outsz, char *err, size_t errsz)
{
	long n = a->num[index];

	if (slot + 1 > 255) {
		snprintf(err, errsz, "slot %ld has no MAC octet (255 VMs per PM "
		    "at most)", slot);
		return -1;
	}
	snprintf(out, outsz, "%s:%02x:%02x", a->mac_prefix, mac_octet(n),
	    mac_octet(slot + 1));
	return 0;
}

void
vaddr_subnet(const struct vaddr *a, char *subnet, char *mask, char *router,
    char *bcast, size_t sz)
{
	const char *p = a->class_c ? a->c_prefix : a->b_prefix;

	if (a->class_c) {
		snprintf(subnet, sz, "%s.0", p);
		snprintf(mask, sz, "255.255.255.0");
		snprintf(router, sz, "%s.1", p);
		snprintf(bcast, sz, "%s.255", p);
	} else {
		snprintf(subnet, sz, "%s.0.0", p);
		snprintf(mask, sz, "255.255.0.0");
		snprintf(router, sz, "%s.0.254", p);
		snprintf(bcast, sz, "%s.255.255", p);
	}
}
