/* up, down and ls: libvirt calls, one thread per PM. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "cpuset.h"
#include "err.h"
#include "virt.h"

struct pm {
	struct virt *v;
	const char *node;
	const char *uri;
	const char *exp;
	struct vm **vms;
	size_t n;
	virConnectPtr conn;
	atomic_int *abort;	/* set by the first failure of the experiment */
	/* ls */
	long index;
	struct lsrow *rows;
	size_t nrows;
	char *err;
};

static const char *
lverr(void)
{
	const char *m = virGetLastErrorMessage();

	return m ? m : "unknown libvirt error";
}

static void
quiet(void *arg, virErrorPtr e)
{
	(void)arg;
	(void)e;	/* errors are reported with the VM they belong to */
}

/* SIGINT, SIGTERM or SIGHUP: fail what is pending, roll back, exit 1. */
static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static void
init_libvirt(void)
{
	static int done;
	struct sigaction sa;

	if (done)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	domxml_init();	/* a race of threads initializing libxml2 leaks */
	if (virInitialize() < 0)
		die(EXIT_FAIL, "cannot initialize libvirt: %s", lverr());
	virSetErrorFunc(NULL, quiet);
	done = 1;
}

const char *
state_name(int st)
{
	switch (st) {
	case VIR_DOMAIN_RUNNING: return "running";
	case VIR_DOMAIN_BLOCKED: return "blocked";
	case VIR_DOMAIN_PAUSED: return "paused";
	case VIR_DOMAIN_SHUTDOWN: return "shutdown";
	case VIR_DOMAIN_SHUTOFF: return "shutoff";
	case VIR_DOMAIN_CRASHED: return "crashed";
	case VIR_DOMAIN_PMSUSPENDED: return "pmsuspended";
	default: return "nostate";
	}
}

static void
pm_fail(struct pm *p, const char *why)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		vm_fail(p->vms[i], "%s", why);
	atomic_store(p->abort, 1);
}

/* The PMs of an experiment's VM rows, in order of first appearance. */
static struct pm *
group_pms(struct virt *v, struct vm *vms, size_t n, atomic_int *abort,
    size_t *npm)
{
	struct pm *pms = xcalloc(n ? n : 1, sizeof *pms);
	size_t i, k;

	*npm = 0;
	for (i = 0; i < n; i++) {
		if (vms[i].physical)
			continue;
		for (k = 0; k < *npm && strcmp(pms[k].node, vms[i].node); k++)
			;
		if (k == *npm) {
			pms[k].v = v;
			pms[k].node = vms[i].node;
			pms[k].uri = vms[i].uri;
			pms[k].exp = vms[i].exp;
			pms[k].abort = abort;
			pms[k].vms = xcalloc(n, sizeof *pms[k].vms);
			(*npm)++;
		}
		pms[k].vms[pms[k].n++] = &vms[i];
	}
	return pms;
}

static void
run_all(struct pm *pms, size_t npm, void *(*fn)(void *))
{
	pthread_t *t = xcalloc(npm ? npm : 1, sizeof *t);
	size_t i;

	for (i = 0; i < npm; i++)
		if (pthread_create(&t[i], NULL, fn, &pms[i]) != 0)
			die(EXIT_FAIL, "cannot start a thread");
	for (i = 0; i < npm; i++)
		pthread_join(t[i], NULL);
	free(t);
}

static void
free_pms(struct pm *pms, size_t npm)
{
	size_t i, j;

	for (i = 0; i < npm; i++) {
		for (j = 0; j < pms[i].n; j++)
			if (pms[i].vms[j]->dom) {
				virDomainFree(pms[i].vms[j]->dom);
				pms[i].vms[j]->dom = NULL;
			}
		if (pms[i].conn)
			virConnectClose(pms[i].conn);
		free(pms[i].vms);
		free(pms[i].err);
	}
	free(pms);
}

/* Destroys (if running) and undefines (if persistent). 0, or -1 (why). */
static int
remove_domain(virDomainPtr d, char *why, size_t whysz)
{
	int active = virDomainIsActive(d), pers;

	if (active < 0)
		goto fail;
	if (active && virDomainDestroy(d) < 0 && virDomainIsActive(d) != 0)
		goto fail;
	if ((pers = virDomainIsPersistent(d)) < 0)
		goto fail;
	if (pers && virDomainUndefineFlags(d, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
	    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA) < 0)
		goto fail;
	return 0;
fail:
	snprintf(why, whysz, "%s", lverr());
	return -1;
}

/* Calls fn for vsp's metadata of d; 0, or -1 if d is not vsp's. */
static int
domain_meta(virDomainPtr d, void (*fn)(void *, const char *, const char *),
    void *arg)
{
	char *xml = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT,
	    DOMXML_NS, 0);
	int rc;

	if (!xml)
		return -1;
	rc = domxml_meta_each(xml, fn, arg);
	free(xml);
	return rc;
}

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

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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
		snprintf(why, sizeof why, "cannot list domains on %s: %s", p->uri,
		    lverr());
		pm_fail(p, why);
		return -1;
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
	if (why[0]) {
		pm_fail(p, why);
		return -1;
	}
	return 0;
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
	long j;

	for (j = 0; j < n; j++)
		cpuset_free(&cs[j]);
	free(cs);
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

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
pause_s(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
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
					    "(vm_ready=%s)", p->v->ready_timeout,
					    conf_get(&p->v->conf, "vm_ready"));
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
	char why[1024];
	int ncpus, st, reason, bad = 0;
	virNodeInfo node;
	size_t k;

	domxml_quiet();
	if (!(p->conn = virConnectOpen(p->uri))) {
		snprintf(why, sizeof why, "cannot connect to %s: %s", p->uri,
		    lverr());
		pm_fail(p, why);
		return NULL;
	}
	if (virNodeGetInfo(p->conn, &node) < 0) {
		snprintf(why, sizeof why, "cannot read the CPUs of %s: %s", p->uri,
		    lverr());
		pm_fail(p, why);
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
	if (check_capacity(p) < 0)
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

		if (!vm->created)
			continue;
		if (remove_domain(vm->dom, why, sizeof why) < 0) {
			free(vm->err);
			vm->err = xasprintf("rollback failed, left defined: %s", why);
			continue;
		}
		vm->created = 0;
		snprintf(vm->state, sizeof vm->state, "%s", "rolledback");
	}
	return NULL;
}

int
life_up(struct virt *v, struct vm *vms, size_t n, const char *input)
{
	atomic_int abort = 0;
	size_t npm, i, rolled = 0, failed = 0, left = 0;
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
	for (i = 0; i < n; i++)
		rolled += vms[i].created;
	run_all(pms, npm, pm_rollback);
	for (i = 0; i < n; i++)
		if (vms[i].created) {
			left++;
			warnx("%s:%lu: %s on %s: %s", input, vms[i].line,
			    vms[i].name, vms[i].node, vms[i].err);
		}
	if (!rolled)
		warnx("experiment %s failed: no domain was defined", vms[0].exp);
	else
		warnx("experiment %s failed: %zu of %zu domains made by this call "
		    "destroyed and undefined", vms[0].exp, rolled - left, rolled);
	free_pms(pms, npm);
	return -1;
}

/*
 * Asks the guests of this PM's VMs to power off (ACPI) and waits up to
 * vm_shutdown_timeout seconds, so their disk images stay consistent;
 * remove_domain destroys what is still running after that.
 */
static void
shutdown_all(struct pm *p)
{
	double deadline = now() + (double)p->v->shutdown_timeout;
	size_t k, up;

	if (p->v->shutdown_timeout <= 0)
		return;
	for (k = 0; k < p->n; k++)
		if (p->vms[k]->dom && !p->vms[k]->err &&
		    virDomainIsActive(p->vms[k]->dom) == 1)
			virDomainShutdown(p->vms[k]->dom);	/* else destroyed */
	do {
		for (up = 0, k = 0; k < p->n; k++)
			if (p->vms[k]->dom && !p->vms[k]->err &&
			    virDomainIsActive(p->vms[k]->dom) == 1)
				up++;
		if (up)
			pause_s(0.2);
	} while (up && now() < deadline && !stop_signal);
}

static void *
pm_down(void *arg)
{
	struct pm *p = arg;
	char why[1024];
	size_t k;

	domxml_quiet();
	if (!(p->conn = virConnectOpen(p->uri))) {
		snprintf(why, sizeof why, "cannot connect to %s: %s", p->uri,
		    lverr());
		pm_fail(p, why);
		return NULL;
	}
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];
		char uuid[VIR_UUID_STRING_BUFLEN] = "";
		virDomainPtr d = virDomainLookupByName(p->conn, vm->name);

		if (!d) {
			if (virGetLastErrorCode() == VIR_ERR_NO_DOMAIN)
				snprintf(vm->state, sizeof vm->state, "%s", "gone");
			else
				vm_fail(vm, "cannot look the domain up: %s", lverr());
			continue;
		}
		vm->dom = d;
		if (virDomainGetUUIDString(d, uuid) < 0)
			vm_fail(vm, "cannot read the uuid: %s", lverr());
		else if (strcmp(uuid, vm->uuid))
			vm_fail(vm, "the domain of that name has uuid %s, not %s: "
			    "not vsp's for experiment %s, left alone", uuid, vm->uuid,
			    vm->exp);
	}
	shutdown_all(p);
	for (k = 0; k < p->n; k++) {
		struct vm *vm = p->vms[k];

		if (!vm->dom || vm->err)
			continue;
		if (remove_domain(vm->dom, why, sizeof why) < 0)
			vm_fail(vm, "cannot remove: %s", why);
		else
			snprintf(vm->state, sizeof vm->state, "%s", "gone");
	}
	return NULL;
}

int
life_down(struct virt *v, struct vm *vms, size_t n, const char *input)
{
	atomic_int abort = 0;
	size_t npm, i;
	struct pm *pms;
	int rc = 0;

	init_libvirt();
	pms = group_pms(v, vms, n, &abort, &npm);
	run_all(pms, npm, pm_down);
	for (i = 0; i < n; i++)
		if (vms[i].err) {
			warnx("%s:%lu: %s on %s: %s", input, vms[i].line, vms[i].name,
			    vms[i].node, vms[i].err);
			rc = -1;
		}
	free_pms(pms, npm);
	return rc;
}

/* ls: one row per vsp domain, from its metadata. */
static const char *const ls_cols[] = { "exp", "app", "nc", "cpv", "idf",
	"pstrat", "runs", "first", "vm", "node", "slot", "vcpus", "pin", "uri",
	"uuid", "state", "addr", NULL };
#define LS_NCOLS 17

struct lsrow {
	char *f[LS_NCOLS];
	long index, slot;
};

static void
take_ls(void *arg, const char *key, const char *val)
{
	struct lsrow *row = arg;
	int i;

	for (i = 0; ls_cols[i]; i++)
		if (!strcmp(ls_cols[i], key) && !row->f[i])
			row->f[i] = xstrdup(val);
}

static void *
pm_ls(void *arg)
{
	struct pm *p = arg;
	virDomainPtr *doms = NULL;
	int nd, i, st, reason;

	domxml_quiet();
	if (!(p->conn = virConnectOpen(p->uri))) {
		p->err = xasprintf("%s: cannot connect to %s: %s", p->node, p->uri,
		    lverr());
		return NULL;
	}
	if ((nd = virConnectListAllDomains(p->conn, &doms, 0)) < 0) {
		p->err = xasprintf("%s: cannot list domains on %s: %s", p->node,
		    p->uri, lverr());
		return NULL;
	}
	p->rows = xcalloc((size_t)(nd ? nd : 1), sizeof *p->rows);
	for (i = 0; i < nd; i++) {
		struct lsrow *row = &p->rows[p->nrows];
		char uuid[VIR_UUID_STRING_BUFLEN] = "";
		int j;

		memset(row, 0, sizeof *row);
		if (domain_meta(doms[i], take_ls, row) < 0 || !row->f[9] ||
		    strcmp(row->f[9], p->node)) {
			for (j = 0; j < LS_NCOLS; j++)
				free(row->f[j]);
			virDomainFree(doms[i]);
			continue;
		}
		free(row->f[8]);
		row->f[8] = xstrdup(virDomainGetName(doms[i]));
		free(row->f[13]);
		row->f[13] = xstrdup(p->uri);
		virDomainGetUUIDString(doms[i], uuid);
		free(row->f[14]);
		row->f[14] = xstrdup(uuid);
		st = VIR_DOMAIN_NOSTATE;
		virDomainGetState(doms[i], &st, &reason, 0);
		free(row->f[15]);
		row->f[15] = xstrdup(state_name(st));
		row->index = p->index;
		row->slot = row->f[10] ? atol(row->f[10]) : 0;
		p->nrows++;
		virDomainFree(doms[i]);
	}
	free(doms);
	return NULL;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct lsrow *x = a, *y = b;
	int c = strcmp(x->f[0] ? x->f[0] : "", y->f[0] ? y->f[0] : "");

	if (c)
		return c;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return (x->slot > y->slot) - (x->slot < y->slot);
}

int
life_ls(struct virt *v, struct buf *out)
{
	size_t npm = v->conf.nnodes, i, j, nrows = 0;
	struct pm *pms = xcalloc(npm, sizeof *pms);
	struct lsrow *rows;
	atomic_int abort = 0;
	char **uris = xcalloc(npm, sizeof *uris);
	int rc = 0, k;

	init_libvirt();
	for (i = 0; i < npm; i++) {
		pms[i].v = v;
		pms[i].node = v->conf.nodes[i];
		pms[i].uri = uris[i] = virt_uri(v, v->conf.nodes[i]);
		pms[i].index = (long)i;
		pms[i].abort = &abort;
	}
	run_all(pms, npm, pm_ls);
	for (i = 0; i < npm; i++) {
		if (pms[i].err) {
			warnx("%s", pms[i].err);
			rc = -1;
		}
		nrows += pms[i].nrows;
	}
	rows = xcalloc(nrows ? nrows : 1, sizeof *rows);
	for (nrows = 0, i = 0; i < npm; i++) {
		for (j = 0; j < pms[i].nrows; j++)
			rows[nrows++] = pms[i].rows[j];
		free(pms[i].rows);
	}
	qsort(rows, nrows, sizeof *rows, row_cmp);
	for (k = 0; ls_cols[k]; k++)
		buf_addf(out, "%s%s", k ? "\t" : "", ls_cols[k]);
	buf_addc(out, '\n');
	for (i = 0; i < nrows; i++) {
		for (k = 0; k < LS_NCOLS; k++) {
			if (k)
				buf_addc(out, '\t');
			tsv_escape(out, rows[i].f[k] ? rows[i].f[k] : "");
			free(rows[i].f[k]);
		}
		buf_addc(out, '\n');
	}
	free(rows);
	for (i = 0; i < npm; i++) {
		pms[i].rows = NULL;
		pms[i].vms = NULL;
		free(uris[i]);
	}
	free(uris);
	free_pms(pms, npm);
	return rc;
}
