/*
 * vsp-pbs wait, status and cancel: the state of each execution, from its batch
 * job and from the files its job script writes into the run folder.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "err.h"
#include "num.h"
#include "operand.h"
#include "pbs.h"

enum { POLL_FAILURES_MAX = 10, GONE_POLLS = 2 };

static char *
read_in(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name), *s = read_small(p);

	free(p);
	return s;
}

static void
put(const char *dir, const char *name, const char *val)
{
	char *p = xasprintf("%s/%s", dir, name), *s = xasprintf("%s\n", val);

	if (atomic_write(p, s, strlen(s), 0644, NULL) < 0)
		die(EXIT_FAIL, "%s:", p);
	free(p);
	free(s);
}

/* The run's job.tsv, written by submit: backend, job id, limit, conf. */
static void
load_run(struct ctx *x, struct run *r, int c_outdir, int c_job)
{
	struct tsv_reader t;
	char *path;
	FILE *fp;

	r->outdir = xstrdup(x->r.fields[c_outdir]);
	r->job = xstrdup(x->r.fields[c_job]);
	path = xasprintf("%s/job.tsv", r->outdir);
	if (!*r->outdir || r->outdir[0] != '/')
		die(EXIT_USAGE, "%s:%lu: outdir \"%s\" is not an absolute path",
		    x->r.name, x->r.lineno, r->outdir);
	if (!(fp = fopen(path, "r")))
		die(EXIT_USAGE, "%s:%lu: %s: %s (not a run submitted by vsp-pbs)",
		    x->r.name, x->r.lineno, path, strerror(errno));
	if (tsv_open(&t, fp, path) < 0 || tsv_next(&t) <= 0)
		die(EXIT_USAGE, "%s", *t.err ? t.err : "job.tsv: no row");
	r->be = backend_find(t.fields[tsv_need(&t, "backend")]);
	if (!r->be)
		die(EXIT_USAGE, "%s:2: unknown backend", path);
	if (strcmp(t.fields[tsv_need(&t, "job")], r->job))
		die(EXIT_USAGE, "%s:%lu: job \"%s\" is not the job of %s (%s)",
		    x->r.name, x->r.lineno, r->job, r->outdir,
		    t.fields[tsv_need(&t, "job")]);
	r->limit = tsv_long(&t, tsv_need(&t, "limit"), 1, 1L << 40);
	r->conf = xstrdup(t.fields[tsv_need(&t, "conf")]);
	tsv_close(&t);
	fclose(fp);
	free(path);
}

/* The application ran (start to end) its whole walltime. */
static int
ran_out(const struct run *r)
{
	char *st = read_in(r->outdir, "start"), *en = read_in(r->outdir, "end");
	long t0, t1;
	int rc;

	rc = st && en && num_long(st, 0, 1L << 40, &t0) == 0 &&
	    num_long(en, 0, 1L << 40, &t1) == 0 && t1 - t0 >= r->limit;
	free(st);
	free(en);
	return rc;
}

/* The final state once the job is gone; written to the run's state file. */
static void
finish(struct run *r)
{
	char *killed = read_in(r->outdir, "killed");
	char *ex = read_in(r->outdir, "exit");
	long code;
	const char *state;

	if (ex && num_long(ex, 0, 1L << 20, &code) < 0) {
		free(ex);
		ex = NULL;
	}
	if (ex && code == 0)
		state = "done";	/* it ended well before it could be stopped */
	else if (killed && (!strcmp(killed, "timeout") ||
	    !strcmp(killed, "cancelled")))
		state = killed;
	else if (!strcmp(r->reason, "TIMEOUT") || !strcmp(r->reason, "DEADLINE"))
		state = "timeout";
	else if (!strncmp(r->reason, "CANCELLED", 9))
		state = "cancelled";
	else if (ex && code >= 128 && ran_out(r))
		state = "timeout";	/* killed by the batch system's limit */
	else if (ex)
		state = code == 0 ? "done" : "failed";
	else
		state = "failed";
	snprintf(r->state, sizeof r->state, "%s", state);
	snprintf(r->exit, sizeof r->exit, "%s", ex ? ex : "");
	put(r->outdir, "state", r->state);
	r->final = 1;
	free(killed);
	free(ex);
}

/*
 * A run is stopped through its killed file, which its job script watches:
 * it then stops the application and still records its exit and times.
 * Only a job that did not stop within the grace (or never started) is
 * ended by the batch system, which may kill it outright; what the batch
 * system says goes to the run's job.log.
 */
static void
mark(struct run *r, const char *why_state, time_t now)
{
	if (!file_exists(r->outdir, "killed"))
		put(r->outdir, "killed", why_state);
	if (!r->marked)
		r->marked = now;
}

static void
batch_cancel(struct run *r)
{
	struct buf why = { 0 };
	char *path;
	FILE *fp;

	if (r->batch_cancelled)
		return;
	r->batch_cancelled = 1;
	if (r->be->cancel(r, &why) < 0) {
		path = xasprintf("%s/job.log", r->outdir);
		if ((fp = fopen(path, "a"))) {
			fprintf(fp, "vsp-pbs: %s\n", buf_str(&why));
			fclose(fp);
		}
		free(path);
	}
	buf_free(&why);
}

/* Running: it has started and not yet recorded its exit. */
static int
running(const struct run *r)
{
	return file_exists(r->outdir, "start") && !file_exists(r->outdir, "exit");
}

/*
 * Seconds until the running run r passes its limit (<= 0: it has): from
 * its start file, but never more than from when this wait first saw it
 * run, so a clock of the execution host that is behind ours cannot end a
 * run early.
 */
static long
left(struct run *r, time_t now)
{
	char *st = read_in(r->outdir, "start");
	long t0, from;

	if (!r->seen_running)
		r->seen_running = now;
	from = (long)r->seen_running;
	if (st && num_long(st, 0, 1L << 40, &t0) == 0 && t0 > from)
		from = t0;
	free(st);
	return from + r->limit - (long)now;
}

/* Updates r from its job state (enforce: its walltime); 1 if it changed. */
static int
settle(struct run *r, time_t now, int enforce, long grace, long *next)
{
	char before[16];
	long l;

	snprintf(before, sizeof before, "%s", r->state);
	free(r->realid);
	r->realid = read_in(r->outdir, "jobid");
	if (r->js == JOB_ACTIVE) {
		r->gone_polls = 0;
		if (!file_exists(r->outdir, "start")) {
			snprintf(r->state, sizeof r->state, "queued");
		} else {
			snprintf(r->state, sizeof r->state, "running");
			l = left(r, now);
			if (enforce && l <= 0) {
				mark(r, "timeout", now);
				if (now - r->marked >= grace)
					batch_cancel(r);
				*next = 1;
			} else if (l > 0 && l < *next) {
				*next = l;
			}
		}
	} else if (r->js == JOB_GONE) {
		/* Gone without its files: allow them a poll to appear. */
		if (file_exists(r->outdir, "exit") || file_exists(r->outdir, "killed") ||
		    ++r->gone_polls >= GONE_POLLS)
			finish(r);
	}
	return strcmp(before, r->state) != 0 || r->final;
}

static void
sleep_s(long s)
{
	struct timespec ts = { s, 0 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void
poll_all(struct run *runs, size_t n, int *failures)
{
	const struct backend *bes[] = { &backend_torque, &backend_slurm,
	    &backend_local };
	struct run **sel = xcalloc(n, sizeof *sel);
	struct buf why = { 0 };
	size_t i, k, m;

	for (k = 0; k < 3; k++) {
		for (i = m = 0; i < n; i++)
			if (!runs[i].final && runs[i].be == bes[k]) {
				runs[i].js = JOB_UNKNOWN;
				sel[m++] = &runs[i];
			}
		if (!m)
			continue;
		for (i = 0; i < m; i++) {
			free(sel[i]->realid);
			sel[i]->realid = read_in(sel[i]->outdir, "jobid");
		}
		buf_reset(&why);
		if (bes[k]->poll(sel, m, &why) < 0) {
			for (i = 0; i < m; i++)
				sel[i]->js = JOB_UNKNOWN;
			warnx("%s", buf_str(&why));
			if (++*failures >= POLL_FAILURES_MAX)
				die(EXIT_FAIL, "the %s batch system did not answer %d "
				    "times: giving up (the jobs go on; wait again)",
				    bes[k]->name, *failures);
		} else {
			*failures = 0;
		}
	}
	buf_free(&why);
	free(sel);
}

/* Milliseconds of a monotonic clock. */
static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The files of a run that changed: its job ended (finished, the job
 * script's last file) or it started. A backend whose poll says why a job
 * ended is asked at once (*due 0) for a run that failed on its own; due is
 * lowered to the seconds left of a running run.
 */
static void
look(struct run *r, int fd, time_t now, long *due)
{
	char *ex;
	long code, l;

	if (r->final)
		return;
	if (file_exists(r->outdir, "finished")) {
		/*
		 * Its watch goes first: the kernel frees a watch after a grace
		 * period, which then passes while finish syncs the state file,
		 * not when wait closes its inotify instance (up to 14 ms).
		 */
		if (r->wd >= 0 && fd >= 0)
			inotify_rm_watch(fd, r->wd);
		r->wd = -1;
		ex = read_in(r->outdir, "exit");
		if (!r->be->says_why || file_exists(r->outdir, "killed") ||
		    (ex && num_long(ex, 0, 1L << 20, &code) == 0 && code == 0))
			finish(r);
		else
			r->exited = 1;	/* asked at once, then every pmin */
		if (r->exited)
			*due = 0;
		free(ex);
	} else if (file_exists(r->outdir, "start")) {
		snprintf(r->state, sizeof r->state, "running");
		if ((l = left(r, now)) < *due)
			*due = l > 0 ? l : 0;
	}
}

/* Watches the run folders; the runs by watch descriptor in *by_wd. */
static int
watch_runs(struct run *runs, size_t n, size_t **by_wd, size_t *nwd)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC), wd;
	size_t i;

	*by_wd = NULL;
	*nwd = 0;
	if (fd < 0)
		return -1;	/* then the batch system's polls only */
	for (i = 0; i < n; i++) {
		runs[i].wd = -1;
		if (runs[i].final)
			continue;
		/* Run files are renamed into place (or written and closed). */
		wd = inotify_add_watch(fd, runs[i].outdir, IN_MOVED_TO |
		    IN_CLOSE_WRITE | IN_ONLYDIR);
		if (wd < 0)
			continue;	/* no watch left: polled, as before */
		runs[i].wd = wd;
		if ((size_t)wd >= *nwd) {
			size_t k = *nwd;

			*nwd = (size_t)wd * 2 + 16;
			*by_wd = xreallocarray(*by_wd, *nwd, sizeof **by_wd);
			for (; k < *nwd; k++)
				(*by_wd)[k] = (size_t)-1;
		}
		(*by_wd)[wd] = i;
	}
	return fd;
}

/* Runs whose start or finished file appeared, to look at: a list, so that an
 * event costs the same with ten runs or ten thousand. */
struct todo {
	size_t *v, n;
};

static void
mark_dirty(struct run *runs, size_t i, struct todo *t)
{
	if (runs[i].dirty)
		return;
	runs[i].dirty = 1;
	t->v[t->n++] = i;
}

static void
read_events(int fd, struct run *runs, const size_t *by_wd, size_t nwd,
    struct todo *t)
{
	char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	ssize_t len;
	char *p;

	while ((len = read(fd, ev, sizeof ev)) > 0)
		for (p = ev; p < ev + len; p += sizeof *e + e->len) {
			e = (const struct inotify_event *)p;
			if (e->wd >= 0 && (size_t)e->wd < nwd &&
			    by_wd[e->wd] != (size_t)-1 && e->len &&
			    (!strcmp(e->name, "finished") ||
			    !strcmp(e->name, "start")))
				mark_dirty(runs, by_wd[e->wd], t);
		}
}

/*
 * Waits until every run is final: a run's end is seen the moment its job
 * script writes finished (inotify on the run folders); the batch system is
 * polled as before (pmin doubling to pmax) for jobs that end without it,
 * and for the walltime.
 */
static void
wait_events(struct run *runs, size_t n, long pmin, long pmax, long grace)
{
	size_t *by_wd, nwd, i, j, pending = 0;
	int fd = watch_runs(runs, n, &by_wd, &nwd), failures = 0, changed;
	long interval = pmin, next, due;
	long long poll_at = 0, t;
	time_t now;
	struct pollfd pf;
	struct todo todo = { xcalloc(n + 1, sizeof *todo.v), 0 };

	for (i = 0; i < n; i++)
		mark_dirty(runs, i, &todo);	/* what happened before the watches */
	for (;;) {
		now = time(NULL);
		if (ms_now() >= poll_at) {
			poll_all(runs, n, &failures);
			next = pmax;
			changed = 0;
			for (i = pending = 0; i < n; i++)
				if (!runs[i].final) {
					changed |= settle(&runs[i], now, 1, grace,
					    &next) || runs[i].exited;
					pending += !runs[i].final;
				}
			interval = changed ? pmin : interval * 2 > pmax ? pmax :
			    interval * 2;
			poll_at = ms_now() + 1000LL * (next < interval ?
			    (next > 0 ? next : 1) : interval);
		}
		due = pmax;
		for (i = 0; i < todo.n; i++) {
			j = todo.v[i];
			runs[j].dirty = 0;
			if (!runs[j].final) {
				look(&runs[j], fd, now, &due);
				pending -= runs[j].final;
			}
		}
		todo.n = 0;
		if ((t = ms_now() + 1000LL * due) < poll_at)
			poll_at = t;
		if (!pending)
			break;
		t = poll_at - ms_now();
		pf.fd = fd;
		pf.events = POLLIN;
		if (poll(&pf, fd >= 0, t > 0 ? (int)t : 0) > 0)
			read_events(fd, runs, by_wd, nwd, &todo);
	}
	if (fd >= 0)
		close(fd);
	free(by_wd);
	free(todo.v);
}

int
wait_runs(struct ctx *x, enum runs_mode mode)
{
	struct run *runs = NULL;
	struct tsv_out o;
	size_t n = 0, i, c_state, c_exit = 0;
	int c_outdir = tsv_need(&x->r, "outdir"), c_job = tsv_need(&x->r, "job");
	int rc, failures = 0, pending;
	char ***rows = NULL, *fin;
	long pmin = 1, pmax = 30, grace = 10, next = 0, k;
	time_t now;

	while ((rc = tsv_next(&x->r)) > 0) {
		runs = xreallocarray(runs, n + 1, sizeof *runs);
		rows = xreallocarray(rows, n + 1, sizeof *rows);
		memset(&runs[n], 0, sizeof *runs);
		load_run(x, &runs[n], c_outdir, c_job);
		rows[n] = xcalloc(x->r.ncols, sizeof **rows);
		for (i = 0; i < x->r.ncols; i++)
			rows[n][i] = xstrdup(x->r.fields[i]);
		if ((fin = read_in(runs[n].outdir, "state"))) {
			char *ex = read_in(runs[n].outdir, "exit");

			snprintf(runs[n].state, sizeof runs[n].state, "%s", fin);
			snprintf(runs[n].exit, sizeof runs[n].exit, "%s", ex ? ex : "");
			runs[n].final = 1;
			free(ex);
			free(fin);
		}
		n++;
	}
	if (rc < 0)
		tsv_die(&x->r);
	if (!x->have_conf && (x->confopt || n)) {
		conf_load(&x->conf, x->confopt ? conf_dir(x->confopt) : runs[0].conf);
		x->have_conf = 1;
	}
	if (x->have_conf) {
		pmin = conf_long(&x->conf, "batch_poll_min", 1, 3600);
		pmax = conf_long(&x->conf, "batch_poll_max", pmin, 86400);
		grace = conf_long(&x->conf, "batch_cancel_grace", 0, 3600);
	}
	if (mode == RUNS_CANCEL) {
		now = time(NULL);
		for (i = 0; i < n; i++) {
			if (runs[i].final)
				continue;
			mark(&runs[i], "cancelled", now);
			if (!file_exists(runs[i].outdir, "start"))
				batch_cancel(&runs[i]);
			snprintf(runs[i].state, sizeof runs[i].state, "cancelled");
		}
		for (;;) {
			for (i = pending = 0; i < n; i++)
				pending += !runs[i].final && running(&runs[i]);
			if (!pending || time(NULL) - now >= grace)
				break;
			usleep(200000);
		}
		for (i = 0; i < n; i++) {
			if (runs[i].final || runs[i].batch_cancelled)
				continue;
			free(runs[i].realid);
			runs[i].realid = read_in(runs[i].outdir, "jobid");
			if (running(&runs[i]))
				batch_cancel(&runs[i]);
		}
	} else if (mode == RUNS_STATUS) {
		/* One look; a job gone without its files gets a second one. */
		for (k = 0; k < 2; k++) {
			if (k)
				sleep_s(1);
			poll_all(runs, n, &failures);
			now = time(NULL);
			for (i = pending = 0; i < n; i++)
				if (!runs[i].final) {
					settle(&runs[i], now, 0, grace, &next);
					pending += runs[i].gone_polls > 0;
				}
			if (!pending)
				break;
		}
	} else {
		wait_events(runs, n, pmin, pmax, grace);
	}
	tsv_out_init(&o, &x->r);
	c_state = tsv_out_col(&o, "state");
	if (mode != RUNS_CANCEL)
		c_exit = tsv_out_col(&o, "exit");
	tsv_out_header(&o, &x->out);
	for (i = 0; i < n; i++) {
		tsv_out_set(&o, c_state, runs[i].state);
		if (mode != RUNS_CANCEL)
			tsv_out_set(&o, c_exit, runs[i].exit);
		tsv_out_row(&o, rows[i], &x->out);
	}
	tsv_flush(&x->out);
	for (i = 0; i < n; i++) {
		size_t k;

		for (k = 0; k < x->r.ncols; k++)
			free(rows[i][k]);
		free(rows[i]);
		free(runs[i].outdir);
		free(runs[i].job);
		free(runs[i].conf);
		free(runs[i].realid);
	}
	free(rows);
	free(runs);
	tsv_out_free(&o);
	return 0;
}
