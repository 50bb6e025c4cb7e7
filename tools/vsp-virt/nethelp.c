/* Setup helpers from the addressing scheme: /etc/hosts, dhcpd.conf, networks. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "err.h"
#include "virt.h"
#include "vmname.h"

#define X(s) ((const xmlChar *)(s))

/* Calls fn for every candidate VM: every slot (0..cores-1) of every PM. */
static void
each_vm(struct virt *v, void (*fn)(struct virt *, long, long, const char *,
    const char *, void *), void *arg)
{
	const char *pat = conf_get(&v->conf, "vm_name");
	struct vmname_vars vars = { 0 };
	struct buf name = { 0 };
	char err[512], ip[32];
	long i, k;

	if (strstr(pat, "{exp}") || strstr(pat, "{app}"))
		die(EXIT_USAGE, "%s: vm_name \"%s\" names VMs per experiment; "
		    "setup files need names without {exp} and {app}",
		    conf_where(&v->conf, "vm_name"), pat);
	vars.prefix = conf_get(&v->conf, "vm_prefix");
	vars.exp = vars.app = "";
	for (i = 0; i < (long)v->conf.nnodes; i++)
		for (k = 0; k < v->conf.hw.cores; k++) {
			vars.node = v->conf.nodes[i];
			vars.index = i;
			vars.slot = k;
			buf_reset(&name);
			if (vmname(&name, pat, &vars, err, sizeof err) < 0 ||
			    vaddr_vm_ip(&v->addr, vars.node, i, k, ip, sizeof ip,
			    err, sizeof err) < 0)
				die(EXIT_USAGE, "%s", err);
			fn(v, i, k, buf_str(&name), ip, arg);
		}
	buf_free(&name);
}

static void
node_ip(struct virt *v, long i, char *ip, size_t sz)
{
	char err[512];

	if (vaddr_node_ip(&v->addr, v->conf.nodes[i], i, ip, sz, err,
	    sizeof err) < 0)
		die(EXIT_USAGE, "%s", err);
}

static void
host_line(struct virt *v, long i, long k, const char *name, const char *ip,
    void *arg)
{
	(void)v, (void)i, (void)k;
	buf_addf(arg, "%s\t%s\n", ip, name);
}

void
net_hosts(struct virt *v, struct buf *out)
{
	char ip[32];
	size_t i;

	buf_adds(out, "# vsp physical machines\n");
	for (i = 0; i < v->conf.nnodes; i++) {
		node_ip(v, (long)i, ip, sizeof ip);
		buf_addf(out, "%s\t%s\n", ip, v->conf.nodes[i]);
	}
	buf_adds(out, "# vsp virtual machines\n");
	each_vm(v, host_line, out);
}

static void
dhcp_entry(struct virt *v, long i, long k, const char *name, const char *ip,
    void *arg)
{
	char mac[32], err[512];

	if (vaddr_vm_mac(&v->addr, i, k, mac, sizeof mac, err,
	    sizeof err) < 0)
		die(EXIT_USAGE, "%s", err);
	buf_addf(arg, "\n\thost %s {\n\t\thardware ethernet %s;\n"
	    "\t\tfixed-address %s;\n\t}\n", name, mac, ip);
}

void
net_dhcp(struct virt *v, struct buf *out)
{
	char subnet[32], mask[32], router[32], bcast[32];

	vaddr_subnet(&v->addr, subnet, mask, router, bcast, sizeof subnet);
	buf_addf(out, "ddns-update-style none;\nlog-facility local7;\n\n"
	    "subnet %s netmask %s {\n\n"
	    "\toption routers %s;\n\toption subnet-mask %s;\n"
	    "\toption broadcast-address %s;\n"
	    "\tdefault-lease-time 86400;\n\tmax-lease-time 86400;\n",
	    subnet, mask, router, mask, bcast);
	each_vm(v, dhcp_entry, out);
	buf_adds(out, "}\n");
}

struct dhcp_hosts {
	xmlNode *dhcp;
	long node;		/* the PM whose VMs it lists, -1: all */
	uint32_t lo, hi;	/* lowest and highest address, for the range */
	char first[32], last[32];
};

static uint32_t
ip_num(const char *ip)
{
	struct in_addr a;

	return inet_pton(AF_INET, ip, &a) == 1 ? ntohl(a.s_addr) : 0;
}

static void
net_host(struct virt *v, long i, long k, const char *name, const char *ip,
    void *arg)
{
	struct dhcp_hosts *h = arg;
	char mac[32], err[512];
	xmlNode *n;

	if (h->node >= 0 && i != h->node)
		return;
	if (vaddr_vm_mac(&v->addr, i, k, mac, sizeof mac, err,
	    sizeof err) < 0)
		die(EXIT_USAGE, "%s", err);
	if (!*h->first || ip_num(ip) < h->lo) {
		h->lo = ip_num(ip);
		snprintf(h->first, sizeof h->first, "%s", ip);
	}
	if (!*h->last || ip_num(ip) > h->hi) {
		h->hi = ip_num(ip);
		snprintf(h->last, sizeof h->last, "%s", ip);
	}
	n = xmlNewChild(h->dhcp, NULL, X("host"), NULL);
	xmlSetProp(n, X("mac"), X(mac));
	xmlSetProp(n, X("name"), X(name));
	xmlSetProp(n, X("ip"), X(ip));
}

/* The libvirt network of PM i for the network_source; returns its name. */
const char *
net_xml(struct virt *v, long i, struct buf *out)
{
	const char *name = NULL;
	const char *src = conf_get(&v->conf, "network_source");
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNode *net = xmlNewNode(NULL, X("network")), *n, *ip;
	char addr[32], subnet[32], mask[32], router[32], bcast[32];

	xmlDocSetRootElement(doc, net);
	if (!strcmp(src, "external-bridge")) {
		name = conf_get(&v->conf, "net_name_bridge_use");
		xmlNewTextChild(net, NULL, X("name"), X(name));
		n = xmlNewChild(net, NULL, X("forward"), NULL);
		xmlSetProp(n, X("mode"), X("bridge"));
		n = xmlNewChild(net, NULL, X("bridge"), NULL);
		xmlSetProp(n, X("name"), X(conf_get(&v->conf, "net_bridge")));
	} else if (!strcmp(src, "sriov")) {
		name = conf_get(&v->conf, "net_name_sriov");
		xmlNewTextChild(net, NULL, X("name"), X(name));
		n = xmlNewChild(net, NULL, X("forward"), NULL);
		xmlSetProp(n, X("mode"), X("hostdev"));
		xmlSetProp(n, X("managed"), X("yes"));
		n = xmlNewChild(n, NULL, X("pf"), NULL);
		xmlSetProp(n, X("dev"), X(conf_get(&v->conf, "net_dev")));
	} else if (!strcmp(src, "libvirt-bridge")) {
		struct dhcp_hosts h = { 0 };
		xmlNode *range;
		const char *fwd = conf_get(&v->conf, "net_forward");
		int shared = conf_bool(&v->conf, "net_shared");

		if (strcmp(fwd, "nat") && strcmp(fwd, "route") && strcmp(fwd, "open"))
			die(EXIT_USAGE, "%s: net_forward \"%s\" is not nat, route or open",
			    conf_where(&v->conf, "net_forward"), fwd);
		name = conf_get(&v->conf, "net_name_bridge_create");
		xmlNewTextChild(net, NULL, X("name"), X(name));
		n = xmlNewChild(net, NULL, X("forward"), NULL);
		xmlSetProp(n, X("mode"), X(fwd));
		/* open: libvirt adds no firewall rules, so no device to forward to */
		if (strcmp(fwd, "open"))
			xmlSetProp(n, X("dev"), X(conf_get(&v->conf, "net_dev")));
		n = xmlNewChild(net, NULL, X("bridge"), NULL);
		xmlSetProp(n, X("name"), X(conf_get(&v->conf, "net_bridge")));
		xmlSetProp(n, X("stp"), X("off"));
		xmlSetProp(n, X("delay"), X("0"));
		vaddr_subnet(&v->addr, subnet, mask, router, bcast, sizeof subnet);
		/*
		 * shared: one network for PMs of one libvirtd, at the router.
		 * Else class B gives each PM its own /24 at its .254, so the
		 * VMs of other PMs are off-link: reached through the VMs'
		 * router, the PM, which routes them (vsp(7), NETWORKS).
		 */
		if (shared)
			snprintf(addr, sizeof addr, "%s", router);
		else {
			node_ip(v, i, addr, sizeof addr);
			if (!v->addr.class_c)
				snprintf(mask, sizeof mask, "255.255.255.0");
		}
		ip = xmlNewChild(net, NULL, X("ip"), NULL);
		xmlSetProp(ip, X("address"), X(addr));
		xmlSetProp(ip, X("netmask"), X(mask));
		h.dhcp = xmlNewChild(ip, NULL, X("dhcp"), NULL);
		range = xmlNewChild(h.dhcp, NULL, X("range"), NULL);
		h.node = shared ? -1 : i;
		each_vm(v, net_host, &h);
		xmlSetProp(range, X("start"), X(h.first));
		xmlSetProp(range, X("end"), X(h.last));
	} else
		die(EXIT_USAGE, "%s: network_source \"%s\" has no libvirt network "
		    "(libvirt-bridge, external-bridge, sriov)",
		    conf_where(&v->conf, "network_source"), src);
	domxml_dump(doc, net, out);
	return name;
}

void
net_networks(struct virt *v, const char *dir, struct buf *out)
{
	struct buf one = { 0 };
	size_t i;

	if (dir && mkdir(dir, 0777) < 0 && errno != EEXIST)
		die(EXIT_FAIL, "%s:", dir);
	for (i = 0; i < v->conf.nnodes; i++) {
		buf_reset(&one);
		net_xml(v, (long)i, &one);
		if (dir) {
			char *path = xasprintf("%s/%s.xml", dir, v->conf.nodes[i]);

			write_file(path, one.s, one.len);
			free(path);
		} else {
			buf_addf(out, "<!-- %s -->\n", v->conf.nodes[i]);
			buf_add(out, one.s, one.len);
		}
	}
	buf_free(&one);
}
