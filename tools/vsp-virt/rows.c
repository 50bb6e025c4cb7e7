/* The VM rows of one experiment: checked, addressed, their domain XML built. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpuset.h"
#include "err.h"
#include "name.h"
#include "num.h"
#include "strv.h"
#include "uuid5.h"
#include "virt.h"

void
vm_fail(struct vm *vm, const char *fmt, ...)
{
	va_list ap;

	if (vm->err)
		return;	/* the first reason is the one that counts */
	va_start(ap, fmt);
	vm->err = xvasprintf(fmt, ap);
	va_end(ap);
}

/* The ib_* keys of hardware.params that an InfiniBand VF needs. */
void
need_ib(const struct virt *v)
{
	const struct hw *hw = &v->conf.hw;
	const char *miss = hw->ib_bus < 0 ? "ib_bus" : hw->ib_slot_start < 0 ?
	    "ib_slot_start" : hw->ib_device_start < 0 ? "ib_device_start" : NULL;

	if (miss)
		die(EXIT_USAGE, "%s/hardware.params: an InfiniBand VF needs \"%s\" "
		    "in [Hardware]", v->conf.dir, miss);
}

static long
node_index(const struct conf *c, const char *node)
{
	return strv_index(c->nodes, c->nnodes, node);
}

static long
row_long(const struct tsv_reader *r, unsigned long line, const char *col,
    const char *s, long min, long max)
{
	long v;
	int rc = num_long(s, min, max, &v);

	if (rc < 0)
		tsv_die_at(r, line, "%s \"%.100s\" %s (%ld to %ld)", col, s,
		    num_reason(rc), min, max);
	return v;
}

/* Checks pin against vcpus and the PM's cores; counts sockets touched. */
static long
check_pin(const struct virt *v, const struct tsv_reader *r, struct vm *vm)
{
	struct cpuset cs;
	char err[256];
	const char *s = vm->pin, *e;
	long j = 0, sockets = v->conf.hw.sockets, used = 0, k;
	long cps = v->conf.hw.cores / sockets;
	unsigned char *touched = xcalloc((size_t)sockets, 1);
	size_t c;
	int rc;

	cpuset_init(&cs);
	for (;; s = e + 1) {
		char *one;

		e = strchr(s, ';');
		one = xstrndup(s, e ? (size_t)(e - s) : strlen(s));
		rc = cpuset_parse(&cs, one, err, sizeof err);
		free(one);
		if (rc < 0) {
			cpuset_free(&cs);
			free(touched);
			tsv_die_at(r, vm->line, "pin \"%.100s\": %s", vm->pin, err);
		}
		for (c = 0; c < cs.nbits; c++)
			if (cpuset_has(&cs, c)) {
				if ((long)c >= v->conf.hw.cores) {
					cpuset_free(&cs);
					free(touched);
					tsv_die_at(r, vm->line, "pin \"%.100s\" names core "
					    "%zu but a PM has %ld cores", vm->pin, c,
					    v->conf.hw.cores);
				}
				touched[(long)c / cps] = 1;
			}
		j++;
		if (!e)
			break;
	}
	cpuset_free(&cs);
	if (j != vm->vcpus) {
		free(touched);
		tsv_die_at(r, vm->line, "pin \"%.100s\" has %ld cpusets for %ld vcpus",
		    vm->pin, j, vm->vcpus);
	}
	for (k = 0; k < sockets; k++)
		used += touched[k];
	free(touched);
	return used;
}

/* An optional technology column of the row (vsp(7)), "" if absent. */
static const char *
tech(const struct tsv_reader *r, const struct vm *vm, const char *name)
{
	int c = tsv_col(r, name);

	return c < 0 ? "" : vm->f[c];
}

/* The interface: network_source names the network; the row's network
 * column (virtio, vhost, sr-iov) or net_vhost the model and driver. */
static void
set_net(struct virt *v, const struct tsv_reader *r, const struct vm *vm,
    const char *tech, struct domnet *n)
{
	const char *src = conf_get(&v->conf, "network_source");

	n->virtio = 1;
	n->driver = conf_bool(&v->conf, "net_vhost") ? "vhost" : "qemu";
	if (!strcmp(src, "libvirt-bridge"))
		n->network = conf_get(&v->conf, "net_name_bridge_create");
	else if (!strcmp(src, "external-bridge"))
		n->network = conf_get(&v->conf, "net_name_bridge_use");
	else if (!strcmp(src, "sriov"))
		n->network = conf_get(&v->conf, "net_name_sriov");
	else if (!strcmp(src, "none"))
		n->network = NULL;
	else
		die(EXIT_USAGE, "%s: network_source \"%s\" is not libvirt-bridge, "
		    "external-bridge, sriov or none",
		    conf_where(&v->conf, "network_source"), src);
	if (!strcmp(tech, "virtio"))
		n->driver = "qemu";
	else if (!strcmp(tech, "vhost"))
		n->driver = "vhost";
	else if (!strcmp(tech, "sr-iov") || !strcmp(tech, "sriov") ||
	    (!*tech && !strcmp(src, "sriov"))) {
		n->network = conf_get(&v->conf, "net_name_sriov");
		n->virtio = 0;	/* the VM gets a VF of the PF */
		n->driver = NULL;
	} else if (*tech)
		tsv_die_at(r, vm->line, "network \"%.100s\" is not virtio, vhost or "
		    "sr-iov", tech);
}

static void
build_xml(struct virt *v, const struct tsv_reader *r, struct vm *vm)
{
	static char *const own[] = { "uri", "uuid", "state", "addr", NULL };
	const char **keys, **vals, *net, *disk, *ib;
	char *cmdline;
	struct domspec s = { 0 };
	int use_ib;
	struct buf xml = { 0 }, path = { 0 };
	char mac[32], err[512];
	long sockets;
	size_t i, n = 0;

	virt_load_tmpl(v);
	sockets = *vm->pin ? check_pin(v, r, vm) : 1;
	if (sockets < 1 || vm->vcpus % sockets)
		sockets = 1;
	if (vaddr_vm_mac(&v->addr, vm->index, vm->slot, mac, sizeof mac, err,
	    sizeof err) < 0)
		tsv_die_at(r, vm->line, "%s", err);
	s.type = conf_get(&v->conf, "xml_domain_type");
	s.name = vm->name;
	s.uuid = vm->uuid;
	s.mem_kib = vm->mem_kib;
	s.vcpus = vm->vcpus;
	s.sockets = sockets;
	s.cores = vm->vcpus / sockets;
	s.pin = vm->pin;
	s.disk_type = conf_get(&v->conf, "xml_disk_drivertype");
	if (!*v->disk)
		s.disk = NULL;
	else if (v->disk_mode == DISK_FIXED) {
		buf_addf(&path, "%s/%s/%s/%s", conf_get(&v->conf, "repo_root"),
		    vm->node, vm->name, v->disk);
		s.disk = path.s;
	} else {
		s.disk_pool = vm->pool;
		s.disk = vm->vol ? vm->vol : v->disk;
		s.disk_readonly = v->disk_mode == DISK_SHARED;
		if (v->disk_mode == DISK_OVERLAY)
			s.disk_type = "qcow2";
	}
	s.serial = vm->name;
	s.kernel = conf_get(&v->conf, "vm_kernel");
	s.initrd = conf_get(&v->conf, "vm_initrd");
	cmdline = virt_expand(v, "vm_cmdline", vm);
	s.cmdline = cmdline;
	s.disk_dev = conf_get(&v->conf, "xml_disk_dev");
	s.disk_bus = conf_get(&v->conf, "xml_disk_bus");
	net = tech(r, vm, "network");
	disk = tech(r, vm, "disk");
	ib = tech(r, vm, "infiniband");
	if (*disk && strcmp(disk, "ide") && strcmp(disk, "scsi") &&
	    strcmp(disk, "virtio"))
		tsv_die_at(r, vm->line, "disk \"%.100s\" is not ide, scsi or virtio",
		    disk);
	if (*disk)
		s.disk_bus = disk;
	set_net(v, r, vm, net, &s.net);
	s.net.mac = mac;
	s.console_log = vm->console;
	if (!strcasecmp(ib, "yes") || !strcasecmp(ib, "true"))
		use_ib = 1;
	else if (!strcasecmp(ib, "no") || !strcasecmp(ib, "false"))
		use_ib = 0;
	else if (*ib)
		tsv_die_at(r, vm->line, "infiniband \"%.100s\" is not yes or no", ib);
	else
		use_ib = v->ib;
	if (use_ib) {
		/* the original's VF numbering, with slots past 9 written right */
		const struct hw *hw = &v->conf.hw;
		long vf, slot;

		need_ib(v);
		vf = hw->ib_device_start + vm->slot;
		slot = hw->ib_slot_start + vf / 8;
		if (hw->ib_vfs >= 0 && vm->slot >= hw->ib_vfs)
			tsv_die_at(r, vm->line, "slot %ld has no InfiniBand VF (ib_vfs "
			    "is %ld)", vm->slot, hw->ib_vfs);
		if (slot > 31)
			tsv_die_at(r, vm->line, "slot %ld needs PCI slot %ld (past 31)",
			    vm->slot, slot);
		s.vf = 1;
		s.vf_bus = (unsigned)hw->ib_bus;
		s.vf_slot = (unsigned)slot;
		s.vf_function = (unsigned)(vf % 8);
	}
	keys = xcalloc(r->ncols + 1, sizeof *keys);
	vals = xcalloc(r->ncols + 1, sizeof *vals);
	for (i = 0; i < r->ncols; i++) {
		if (strv_index(own, STRV_NULL, r->cols[i]) >= 0)
			continue;
		keys[n] = r->cols[i];
		vals[n++] = vm->f[i];
	}
	keys[n] = "addr";
	vals[n++] = vm->addr;
	s.meta_keys = keys;
	s.meta_vals = vals;
	s.nmeta = n;
	domxml_build(&v->tmpl, &s, &xml);
	vm->xml = xml.s;
	free(keys);
	free(vals);
	free(cmdline);
	buf_free(&path);
}

void
vms_read(struct virt *v, const struct tsv_reader *r, const struct cols *c,
    const struct tsv_group *g, struct vm *vms, int full)
{
	char err[512];
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		struct vm *vm = &vms[i];

		memset(vm, 0, sizeof *vm);
		vm->f = g->rows[i];
		vm->line = g->lines[i];
		vm->exp = vm->f[c->exp];
		vm->name = vm->f[c->vm];
		vm->node = vm->f[c->node];
		if (!name_ok(vm->exp))	/* a folder, a uuid seed, a domain tag */
			tsv_die_at(r, vm->line, "exp \"%.100s\" is not a file name",
			    vm->exp);
		if ((vm->index = node_index(&v->conf, vm->node)) < 0)
			tsv_die_at(r, vm->line, "node \"%.100s\" is not in %s/vsp.nodes",
			    vm->node, v->conf.dir);
		if (!*vm->name) {
			vm->physical = 1;
			snprintf(vm->addr, sizeof vm->addr, "%s", "");
			continue;
		}
		if (!name_ok(vm->name))
			tsv_die_at(r, vm->line, "vm \"%.100s\" is not a domain name "
			    "(A-Z a-z 0-9 . _ -)", vm->name);
		for (j = 0; j < i; j++)
			if (!vms[j].physical && !strcmp(vms[j].name, vm->name) &&
			    !strcmp(vms[j].node, vm->node))
				tsv_die_at(r, vm->line, "vm \"%s\" on \"%s\" is listed "
				    "twice in experiment \"%s\"", vm->name, vm->node,
				    vm->exp);
		if (c->uuid >= 0 && *vm->f[c->uuid])
			snprintf(vm->uuid, sizeof vm->uuid, "%s", vm->f[c->uuid]);
		else
			uuid5_vm(vm->exp, vm->name, vm->uuid);
		vm->uri = virt_uri(v, vm->node);
		if (*v->disk && v->disk_mode != DISK_FIXED)
			vm->pool = virt_pool(v, vm->node);
		/* the VM's own volume is named by its format */
		if (*v->disk && v->disk_mode == DISK_OVERLAY)
			vm->vol = xasprintf("%s.qcow2", vm->name);
		else if (*v->disk && v->disk_mode == DISK_COPY)
			vm->vol = xasprintf("%s.%s", vm->name,
			    conf_get(&v->conf, "xml_disk_drivertype"));
		if (!full) {
			if (c->slot >= 0 && vaddr_vm_ip(&v->addr, vm->node, vm->index,
			    row_long(r, vm->line, "slot", vm->f[c->slot], 0, 65535),
			    vm->addr, sizeof vm->addr, err, sizeof err) < 0)
				vm->addr[0] = '\0';	/* down still works */
			continue;
		}
		vm->slot = row_long(r, vm->line, "slot", vm->f[c->slot], 0, 65535);
		vm->vcpus = row_long(r, vm->line, "vcpus", vm->f[c->vcpus], 1,
		    v->overcommit ? CORES_MAX : v->conf.hw.cores);
		vm->pin = vm->f[c->pin];
		vm->mem_kib = (conf_long(&v->conf, "vm_mem_base", 0, 1L << 30) +
		    conf_long(&v->conf, "vm_mem_core", 0, 1L << 30) * vm->vcpus) *
		    1024;
		if (vm->mem_kib <= 0)
			tsv_die_at(r, vm->line, "VM memory is 0 (vm_mem_base and "
			    "vm_mem_core are both 0)");
		if (vaddr_vm_ip(&v->addr, vm->node, vm->index, vm->slot, vm->addr,
		    sizeof vm->addr, err, sizeof err) < 0)
			tsv_die_at(r, vm->line, "%s", err);
		if (*v->console_log)
			vm->console = virt_expand(v, "vm_console_log", vm);
		build_xml(v, r, vm);
	}
}

void
vms_free(struct vm *vms, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(vms[i].uri);
		free(vms[i].console);
		free(vms[i].pool);
		free(vms[i].vol);
		free(vms[i].xml);
		free(vms[i].err);
		free(vms[i].not_yet);
	}
}

