/* What up, down and ls share: libvirt set-up, PMs and their threads. */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "life.h"

const char *
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
volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static pthread_t loop;
static int loop_started;
static atomic_int loop_quit;

static void *
event_loop(void *arg)
{
	(void)arg;
	while (!atomic_load(&loop_quit))
		if (virEventRunDefaultImpl() < 0)
			pause_s(0.1);
	return NULL;
}

static void
wake_loop(int timer, void *arg)
{
	(void)arg;
	virEventRemoveTimeout(timer);
}

/*
 * Joins the event loop before exit: a loop still dispatching while exit
 * tears down the libraries under it crashed once in three over libssh2.
 */
void
fini_libvirt(void)
{
	if (!loop_started)
		return;
	atomic_store(&loop_quit, 1);
	virEventAddTimeout(0, wake_loop, NULL, NULL);
	pthread_join(loop, NULL);
	loop_started = 0;
}

void
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
	/* keepalive needs an event loop, as in virsh */
	if (virEventRegisterDefaultImpl() < 0 ||
	    pthread_create(&loop, NULL, event_loop, NULL) != 0)
		die(EXIT_FAIL, "cannot start libvirt's event loop: %s", lverr());
	loop_started = done = 1;
}

/* An open that may outlive its caller: whoever finishes last frees it. */
struct opening {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done, abandoned;
	char *uri;
	virConnectPtr conn;
	char err[512];
};

static void
opening_free(struct opening *o)
{
	pthread_mutex_destroy(&o->mu);
	pthread_cond_destroy(&o->cv);
	free(o->uri);
	free(o);
}

static void *
opener(void *arg)
{
	struct opening *o = arg;
	virConnectPtr c;
	int abandoned;

	domxml_quiet();	/* the test driver parses its file here */
	/* no auth callback: libvirt's default one asks on stdout whether to
	 * take an unknown SSH host key and reads the answer from stdin (our
	 * TSV); without it that PM fails, as it must */
	c = virConnectOpen(o->uri);
	pthread_mutex_lock(&o->mu);
	if (!c)
		snprintf(o->err, sizeof o->err, "%s", lverr());
	o->conn = c;
	o->done = 1;
	abandoned = o->abandoned;
	pthread_cond_signal(&o->cv);
	pthread_mutex_unlock(&o->mu);
	if (abandoned) {
		if (c)
			virConnectClose(c);
		opening_free(o);
	}
	return NULL;
}

virConnectPtr
pm_connect(const struct virt *v, const char *uri, char *why, size_t whysz)
{
	struct opening *o = xcalloc(1, sizeof *o);
	struct timespec deadline;
	virConnectPtr c = NULL;
	pthread_t t;
	int rc = 0;

	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->cv, NULL);
	o->uri = xstrdup(uri);
	if (pthread_create(&t, NULL, opener, o) != 0)
		die(EXIT_FAIL, "cannot start a thread");
	pthread_detach(t);
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += v->libvirt_timeout;
	pthread_mutex_lock(&o->mu);
	while (!o->done && rc == 0)
		rc = pthread_cond_timedwait(&o->cv, &o->mu, &deadline);
	if (!o->done) {
		o->abandoned = 1;	/* the opener closes and frees it */
		pthread_mutex_unlock(&o->mu);
		snprintf(why, whysz, "cannot connect to %s: no answer in %ld s "
		    "(libvirt_timeout)", uri, v->libvirt_timeout);
		return NULL;
	}
	pthread_mutex_unlock(&o->mu);
	if (!(c = o->conn))
		snprintf(why, whysz, "cannot connect to %s: %s", uri, o->err);
	opening_free(o);
	/* a driver without keepalive (test:///) has no peer to lose */
	if (c && virConnectSetKeepAlive(c, (int)(v->libvirt_timeout + 4) / 5,
	    5) < 0 && virGetLastErrorCode() != VIR_ERR_NO_SUPPORT) {
		snprintf(why, whysz, "cannot set keepalive on %s: %s", uri,
		    lverr());
		virConnectClose(c);
		c = NULL;
	}
	return c;
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

int
pm_open(struct pm *p)
{
	char why[1024];

	domxml_quiet();	/* this thread's libxml2 */
	if (!(p->conn = pm_connect(p->v, p->uri, why, sizeof why)))
		return pm_fail(p, "%s", why);
	return 0;
}

int
pm_fail(struct pm *p, const char *fmt, ...)
{
	va_list ap;
	char *why;
	size_t i;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	for (i = 0; i < p->n; i++)
		vm_fail(p->vms[i], "%s", why);
	free(why);
	atomic_store(p->abort, 1);
	return -1;
}

/* The PMs of an experiment's VM rows, in order of first appearance. */
struct pm *
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

void
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

void
free_pms(struct pm *pms, size_t npm)
{
	size_t i, j;

	for (i = 0; i < npm; i++) {
		for (j = 0; j < pms[i].n; j++)
			if (pms[i].vms[j]->dom) {
				virDomainFree(pms[i].vms[j]->dom);
				pms[i].vms[j]->dom = NULL;
			}
		if (pms[i].base)
			virStorageVolFree(pms[i].base);
		if (pms[i].pool)
			virStoragePoolFree(pms[i].pool);
		if (pms[i].conn)
			virConnectClose(pms[i].conn);
		free(pms[i].vms);
		free(pms[i].err);
	}
	free(pms);
}

/* Destroys (if running) and undefines (if persistent). 0, or -1 (why). */
int
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
int
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

int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
pause_s(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

