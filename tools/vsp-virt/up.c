/* up: define, start, check the pinning of and wait for an experiment's VMs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "cpuset.h"
#include "err.h"
#include "life.h"

struct meta_exp_node {
	char *exp, *node;
};

static void
take_exp_node(void *arg, const char *key, const char *val)
{
	struct meta_exp_node *m = arg;

	if (!strcmp(key, "exp") && !m->exp)
		m->exp = xstrdup(val);
	else if (!strcmp(key, "node") && !m->node)
		m->node = xstrdup(val);
}

/* Refuses a PM whose cores or memory this experiment would overfill. */
static int
check_capacity(struct pm *p)
{
	const struct hw *hw = &p->v->conf.hw;
	virDomainPtr *doms = NULL;
	struct buf others = { 0 };
	long vcpus = 0, mem = 0, ovcpus = 0, omem = 0;
	char why[1024], **names = NULL;
	size_t nnames = 0;
	int nd, i;
	size_t k;

	for (k = 0; k < p->n; k++) {
		vcpus += p->vms[k]->vcpus;
		mem += p->vms[k]->mem_kib;
	}
	if ((nd = virConnectListAllDomains(p->conn, &doms,
	    VIR_CONNECT_LIST_DOMAINS_ACTIVE)) < 0) {
		return pm_fail(p, "cannot list domains on %s: %s", p->uri,
		    lverr());
	}
	for (i = 0; i < nd; i++) {
		struct meta_exp_node m = { 0 };
		virDomainInfo info;

		if (domain_meta(doms[i], take_exp_node, &m) == 0 && m.exp &&
		    m.node && !strcmp(m.node, p->node) && strcmp(m.exp, p->exp) &&
		    virDomainGetInfo(doms[i], &info) == 0) {
			ovcpus += info.nrVirtCpu;
			omem += (long)info.maxMem;
			names = xreallocarray(names, nnames + 1, sizeof *names);
			names[nnames++] = xstrdup(virDomainGetName(doms[i]));
		}
		free(m.exp);
		free(m.node);
		virDomainFree(doms[i]);
	}
	free(doms);
	if (nnames)	/* sorted for stable messages */
		qsort(names, nnames, sizeof *names, str_cmp);
	for (k = 0; k < nnames; k++) {
		buf_addf(&others, "%s%s", k ? " " : "", names[k]);
		free(names[k]);
	}
	free(names);
	if (!p->v->overcommit && vcpus + ovcpus > hw->cores)
		snprintf(why, sizeof why, "%ld vcpus of this experiment and %ld "
		    "of running vsp domains (%s) exceed the %ld cores of %s "
		    "(overcommit=no)", vcpus, ovcpus, buf_str(&others), hw->cores,
		    p->node);
	else if (!p->v->overcommit && mem + omem > hw->mem * 1024 * 1024)
		snprintf(why, sizeof why, "%ld MiB of this experiment's VMs and "
		    "%ld MiB of running vsp domains (%s) exceed the %ld GiB of %s "
		    "(overcommit=no)", mem / 1024, omem / 1024, buf_str(&others),
		    hw->mem, p->node);
	else
		why[0] = '\0';
	buf_free(&others);
	return why[0] ? pm_fail(p, "%s", why) : 0;
}

/* Parses the pin of a VM into one cpuset per vcpu. */
static struct cpuset *
pin_sets(const struct vm *vm)
{
	struct cpuset *cs = xcalloc((size_t)vm->vcpus, sizeof *cs);
	const char *s = vm->pin, *e;
	char err[128];
	long j;

	for (j = 0; j < vm->vcpus; j++, s = e + 1) {
		char *one;

		e = strchr(s, ';');
		one = xstrndup(s, e ? (size_t)(e - s) : strlen(s));
		cpuset_init(&cs[j]);
		cpuset_parse(&cs[j], one, err, sizeof err);	/* checked on input */
		free(one);
		if (!e)
			break;
	}
	return cs;
}

static void
free_sets(struct cpuset *cs, long n)
{
	FREE_EACH(cs, n, cpuset_free);
}

/* The pinning libvirt applied must be the one asked for. */
static int
check_pins(struct vm *vm, int ncpus)
{
	struct cpuset *want = pin_sets(vm), got;
	int maplen = VIR_CPU_MAPLEN(ncpus), rc = 0, c;
	unsigned char *maps = xcalloc((size_t)vm->vcpus, (size_t)maplen);
	struct buf a = { 0 }, b = { 0 };
	long j;

	if (virDomainGetVcpuPinInfo(vm->dom, (int)vm->vcpus, maps, maplen,
	    VIR_DOMAIN_AFFECT_LIVE) < 0) {
		vm_fail(vm, "cannot read the pinning back: %s", lverr());
		rc = -1;
	}
	cpuset_init(&got);
	for (j = 0; !rc && j < vm->vcpus; j++) {
		cpuset_clear(&got);
		for (c = 0; c < ncpus; c++)
			if (VIR_CPU_USABLE(maps, maplen, j, c))
				cpuset_add(&got, (size_t)c);
		if (!cpuset_equal(&got, &want[j])) {
			cpuset_print(&got, &a);
			cpuset_print(&want[j], &b);
			vm_fail(vm, "vcpu %ld is pinned to %s by libvirt, not %s", j,
			    a.len ? a.s : "nothing", b.s);
			rc = -1;
		}
	}
	cpuset_free(&got);
	buf_free(&a);
	buf_free(&b);
	free(maps);
	free_sets(want, vm->vcpus);
	return rc;
}

static long
max_core(const struct vm *vm)
{
	struct cpuset *cs = pin_sets(vm);
	long j, top = -1;
	size_t c;

	for (j = 0; j < vm->vcpus; j++)
		for (c = 0; c < cs[j].nbits; c++)
			if (cpuset_has(&cs[j], c) && (long)c > top)
				top = (long)c;
	free_sets(cs, vm->vcpus);
	return top;
}

static void
wait_ready(struct pm *p)
{
	double deadline = now() + (double)p->v->ready_timeout, delay = 0.02;
	size_t k, pending;
	int rc;

	for (;;) {
		pending = 0;
		for (k = 0; k < p->n; k++) {
			struct vm *vm = p->vms[k];

			if (vm->ready)
				continue;
			if ((rc = ready_check(p->v, vm)) < 0) {
				atomic_store(p->abort, 1);
				return;
			}
			if (rc > 0)
				vm->ready = 1;
			else
				pending++;
		}
		if (!pending || atomic_load(p->abort))
			return;
		if (stop_signal) {
			for (k = 0; k < p->n; k++)
				if (!p->vms[k]->ready)
					vm_fail(p->vms[k], "interrupted (signal %d) before "
					    "it was ready", (int)stop_signal);
			atomic_store(p->abort, 1);
			return;
		}
		if (now() >= deadline) {
			for (k = 0; k < p->n; k++)
				if (!p->vms[k]->ready)
					vm_fail(p->vms[k], "not ready after %ld s "
					    "(vm_ready=%s)%s%s", p->v->ready_timeout,
					    conf_get(&p->v->conf, "vm_ready"),
					    p->vms[k]->not_yet ? ": " : "",
					    p->vms[k]->not_yet ? p->vms[k]->not_yet : "");
			atomic_store(p->abort, 1);
			return;
		}
		pause_s(delay);
		if (delay < 0.5)
			delay *= 2;
	}
}

static void *
pm_up(void *arg)
{
	struct pm *p = arg;
	int ncpus, st, reason, bad = 0;
	virNodeInfo node;
	size_t k;

	if (pm_open(p) < 0)
		return NULL;
	if (virNodeGetInfo(p->conn, &node) < 0) {
		pm_fail(p, "cannot read the CPUs of %s: %s", p->uri, lverr());
		return NULL;
	}
	ncpus = (int)node.cpus;
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];
		virDomainPtr d;
		long top = *vm->pin ? max_core(vm) : -1;

		if (top >= ncpus)
			vm_fail(vm, "pin names core %ld but %s has %d CPUs", top,
			    p->uri, ncpus);
		if ((d = virDomainLookupByName(p->conn, vm->name))) {
			char uuid[VIR_UUID_STRING_BUFLEN] = "";

			virDomainGetUUIDString(d, uuid);
			st = VIR_DOMAIN_NOSTATE;
			virDomainGetState(d, &st, &reason, 0);
			vm_fail(vm, "a domain of that name is already defined on %s "
			    "(uuid %s, %s): vsp-virt down or ls will tell", p->uri,
			    uuid, state_name(st));
			virDomainFree(d);
		}
		if (vm->err)
			bad = 1;
	}
	/*
	 * Other PMs' failures do not stop this one before its waiting, so a
	 * failed experiment always reports the same rollback.
	 */
	if (bad) {
		atomic_store(p->abort, 1);
		return NULL;
	}
	if (check_capacity(p) < 0 || disk_open(p) < 0)
		return NULL;
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];

		if (stop_signal) {
			size_t j;

			for (j = k; j < p->n; j++)
				vm_fail(p->vms[j], "interrupted (signal %d) before it "
				    "was defined", (int)stop_signal);
			break;
		}
		if (disk_make(p, vm) < 0)
			break;
		if (!(vm->dom = virDomainDefineXML(p->conn, vm->xml))) {
			vm_fail(vm, "cannot define: %s", lverr());
			break;
		}
		vm->created = 1;
		if (ready_reset(vm) < 0)
			break;
		if (virDomainCreate(vm->dom) < 0) {
			vm_fail(vm, "cannot start: %s", lverr());
			break;
		}
		if (*vm->pin && check_pins(vm, ncpus) < 0)
			break;
	}
	if (k < p->n) {
		atomic_store(p->abort, 1);
		return NULL;
	}
	wait_ready(p);
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];

		st = VIR_DOMAIN_NOSTATE;
		if (virDomainGetState(vm->dom, &st, &reason, 0) < 0)
			vm_fail(vm, "cannot read the state: %s", lverr());
		snprintf(vm->state, sizeof vm->state, "%s", state_name(st));
	}
	return NULL;
}

static void *
pm_rollback(void *arg)
{
	struct pm *p = arg;
	char why[1024];
	size_t k;

	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];

		if (vm->created) {
			if (remove_domain(vm->dom, why, sizeof why) < 0) {
				free(vm->err);
				vm->err = xasprintf("rollback failed, left defined: %s",
				    why);
				continue;	/* its disk stays with it */
			}
			vm->created = 0;
			snprintf(vm->state, sizeof vm->state, "%s", "rolledback");
		}
		if (vm->vol_created) {
			if (disk_drop(p, vm, why, sizeof why) < 0) {
				free(vm->err);
				vm->err = xasprintf("rollback failed, left its disk: %s",
				    why);
				continue;
			}
			vm->vol_created = 0;
		}
	}
	return NULL;
}

int
life_up(struct virt *v, struct vm *vms, size_t n, const char *input)
{
	atomic_int abort = 0;
	size_t npm, i, rolled = 0, failed = 0, left = 0, vols = 0, vleft = 0;
	struct pm *pms;

	init_libvirt();
	pms = group_pms(v, vms, n, &abort, &npm);
	run_all(pms, npm, pm_up);
	for (i = 0; i < n; i++)
		failed += vms[i].err != NULL;
	if (!failed) {
		free_pms(pms, npm);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (vms[i].err)
			warnx("%s:%lu: %s on %s: %s", input, vms[i].line, vms[i].name,
			    vms[i].node, vms[i].err);
	for (i = 0; i < n; i++) {
		rolled += vms[i].created;
		vols += vms[i].vol_created;
	}
	run_all(pms, npm, pm_rollback);
	for (i = 0; i < n; i++) {
		left += vms[i].created;
		vleft += vms[i].vol_created;
		if (vms[i].created || vms[i].vol_created)
			warnx("%s:%lu: %s on %s: %s", input, vms[i].line,
			    vms[i].name, vms[i].node, vms[i].err);
	}
	if (!rolled && !vols)
		warnx("experiment %s failed: no domain was defined", vms[0].exp);
	else if (!vols)
		warnx("experiment %s failed: %zu of %zu domains made by this call "
		    "destroyed and undefined", vms[0].exp, rolled - left, rolled);
	else
		warnx("experiment %s failed: %zu of %zu domains made by this call "
		    "destroyed and undefined, %zu of %zu disks deleted", vms[0].exp,
		    rolled - left, rolled, vols - vleft, vols);
	free_pms(pms, npm);
	return -1;
}

