/* tools/vsp-virt/vaddr: PM numbers, class B and C addresses, MAC octets. */
#include <string.h>

#include "conf.h"
#include "vaddr.h"
#include "tap.h"

static char *nodes[] = { "node082", "alpha", "node099", "node100", "node159",
	"node160", "node255" };

/* The MAC of (PM i, slot), as want. */
static void
mac(const struct vaddr *a, long i, long slot, const char *want,
    const char *name)
{
	char s[32] = "", err[256];

	vaddr_vm_mac(a, i, slot, s, sizeof s, err, sizeof err);
	is_str(s, want, name);
}

int
main(void)
{
	struct conf c;
	struct vaddr a;
	char s[32], err[256];

	memset(&c, 0, sizeof c);
	c.dir = "conf";
	c.nodes = nodes;
	c.nnodes = sizeof nodes / sizeof *nodes;
	vaddr_load(&a, &c);
	is_long(a.num[0], 82, "node082 is number 82");
	is_long(a.num[1], 2, "a name without digits takes its line");
	vaddr_node_ip(&a, "node082", 0, s, sizeof s, err, sizeof err);
	is_str(s, "172.16.82.254", "class B PM address");
	vaddr_vm_ip(&a, "node082", 0, 2, s, sizeof s, err, sizeof err);
	is_str(s, "172.16.82.3", "class B VM address: dhcp_b_start + slot");
	ok(vaddr_vm_ip(&a, "node082", 0, 253, s, sizeof s, err, sizeof err) < 0,
	    "class B slot 253 would be .254, the PM");
	is_str(err, "class B address 172.16.82.254 of slot 253 is past .253 "
	    "(.254 is the PM)", "and says so");
	mac(&a, 0, 2, "00:16:36:ff:82:03", "MAC of (node082, slot 2), as the original");
	mac(&a, 2, 98, "00:16:36:ff:99:99", "99 as its digits");
	mac(&a, 3, 99, "00:16:36:ff:0a:0a", "100 is the first octet with a letter");
	mac(&a, 4, 0, "00:16:36:ff:9f:01", "159");
	mac(&a, 5, 0, "00:16:36:ff:a0:01", "160");
	mac(&a, 6, 254, "00:16:36:ff:ff:ff", "255");
	ok(vaddr_vm_mac(&a, 6, 255, s, sizeof s, err, sizeof err) < 0,
	    "slot 255 has no octet");
	a.class_c = 1;
	vaddr_node_ip(&a, "alpha", 1, s, sizeof s, err, sizeof err);
	is_str(s, "192.168.3.2", "class C PM address: line + 1");
	vaddr_vm_ip(&a, "node082", 0, 2, s, sizeof s, err, sizeof err);
	is_str(s, "192.168.3.17", "class C (0, 2): the original's vector");
	vaddr_vm_ip(&a, "alpha", 1, 11, s, sizeof s, err, sizeof err);
	is_str(s, "192.168.3.41", "class C (1, 11): the original's vector");
	ok(vaddr_vm_ip(&a, "node255", 6, 150, s, sizeof s, err, sizeof err) < 0,
	    "class C past .254");
	vaddr_free(&a);
	return done();
}
