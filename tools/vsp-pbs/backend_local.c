/*
 * Local: one detached runner per vsp-pbs submit runs that submission's runs
 * here, in order, one at a time per results folder (its lock), with the
 * PBS_* variables a PBS server sets, and enforces the walltime. Job ids are
 * local-<runner pid>-<n>, the runner's nth run. The runner tells which of
 * its runs have ended in <results>/.vsp-local/<pid> (the first run not yet
 * ended); vsp-pbs wait reads it only when a run ended without its files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "err.h"
#include "pbs.h"
#include "proc.h"

enum { KILL_GRACE = 10 };	/* seconds from TERM to KILL */
enum { LOCK_RETRY_MS = 50 };	/* while another runner holds the lock */
enum { REQ_FIELDS = 7 };	/* seq run walltime script outdir expdir name */

/* The submitting process's side: its runner, started at the first run,
 * and the runs it holds back until their job.tsv is written. */
static pid_t runner_pid;
static int runner_fd = -1;
static long runner_seq;
static struct buf held;

/* One queued run, as the runner keeps it. */
struct req {
	long run, walltime;
	char *script, *outdir, *expdir, *name;
	int cancelled;
};

struct runner {
	struct req *q;
	size_t n, cap, next;	/* queued; the one running or to run next */
	long *early;		/* cancelled before their request came */
	size_t nearly;
	int in, sfd, lfd, pfd;
	struct buf inbuf;
	pid_t child;
	time_t started, deadline, killat;
	int stop;
	char cwd[PATH_MAX];
	char *progress;
};

static void
logf_run(const struct req *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A line of the runner into the run's job.log. */
static void
logf_run(const struct req *r, const char *fmt, ...)
{
	char *p = xasprintf("%s/job.log", r->outdir);
	struct buf msg = { 0 };
	va_list ap;
	int fd;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);	/* a ':' at the end adds errno's text */
	va_end(ap);
	if ((fd = open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) >= 0) {
		dprintf(fd, "vsp-pbs local: %s\n", buf_str(&msg));
		close(fd);
	}
	buf_free(&msg);
	free(p);
}

/* The first run not yet ended, for vsp-pbs wait (fixed width, in place). */
static void
progress(struct runner *R)
{
	char s[32];
	int n;

	if (R->pfd < 0)
		return;
	n = snprintf(s, sizeof s, "%20zu\n", R->next + 1);
	if (pwrite(R->pfd, s, (size_t)n, 0) != n)
		return;	/* wait then learns it from the run's files */
}

static void
open_progress(struct runner *R, const char *expdir)
{
	char *dir = xasprintf("%s/../../.vsp-local", expdir);

	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		free(dir);
		return;
	}
	R->progress = xasprintf("%s/%ld", dir, (long)getpid());
	R->pfd = open(R->progress, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	free(dir);
	progress(R);
}

static int
is_early(struct runner *R, long seq)
{
	size_t i;

	for (i = 0; i < R->nearly; i++)
		if (R->early[i] == seq)
			return 1;
	return 0;
}

/* Takes the whole requests out of the input buffer. */
static void
parse_requests(struct runner *R)
{
	size_t off = 0, k, start;
	char *f[REQ_FIELDS], *end;
	struct req *r;

	for (;;) {
		start = off;
		for (k = 0; k < REQ_FIELDS; k++) {
			end = memchr(R->inbuf.s + off, '\0', R->inbuf.len - off);
			if (!end)
				break;
			f[k] = R->inbuf.s + off;
			off = (size_t)(end - R->inbuf.s) + 1;
		}
		if (k < REQ_FIELDS) {
			off = start;
			break;
		}
		if (R->n == R->cap) {	/* doubling: ten thousand runs */
			R->cap = R->cap ? 2 * R->cap : 64;
			R->q = xreallocarray(R->q, R->cap, sizeof *R->q);
		}
		r = &R->q[R->n++];
		r->run = strtol(f[1], NULL, 10);
		r->walltime = strtol(f[2], NULL, 10);
		r->script = xstrdup(f[3]);
		r->outdir = xstrdup(f[4]);
		r->expdir = xstrdup(f[5]);
		r->name = xstrdup(f[6]);
		r->cancelled = is_early(R, (long)R->n);
		if (R->pfd < 0 && !R->progress)
			open_progress(R, r->expdir);
	}
	memmove(R->inbuf.s, R->inbuf.s + off, R->inbuf.len - off);
	R->inbuf.len -= off;
}

static void
read_requests(struct runner *R)
{
	char chunk[65536];
	ssize_t n = read(R->in, chunk, sizeof chunk);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		close(R->in);
		R->in = -1;
		return;
	}
	buf_add(&R->inbuf, chunk, (size_t)n);
	parse_requests(R);
}

/* The job script of r in its own process group; the lock is held. */
static void
start(struct runner *R, struct req *r, const sigset_t *old)
{
	char *argv[] = { "/bin/sh", r->script, NULL }, *env[] = {
		xasprintf("PBS_JOBID=local-%ld-%zu", (long)getpid(), R->next + 1),
		xasprintf("PBS_ARRAYID=%ld", r->run),
		xasprintf("PBS_NODEFILE=%s/nodefile", r->outdir),
		xasprintf("PBS_O_WORKDIR=%s", R->cwd),
		xasprintf("PBS_JOBNAME=%s", r->name),
		"PBS_QUEUE=local", "PBS_ENVIRONMENT=PBS_BATCH", NULL };
	struct buf why = { 0 };
	pid_t pid = proc_start(argv, r->expdir, env, NULL, old, &why);
	int i;

	for (i = 0; i < 5; i++)
		free(env[i]);
	if (pid < 0) {
		logf_run(r, "%s", buf_str(&why));
		buf_free(&why);
		return;
	}
	R->child = pid;
	R->started = time(NULL);
	R->deadline = R->started + r->walltime;
	R->killat = 0;
}

/* The run in hand ended (or never started): on to the next. */
static void
ended(struct runner *R)
{
	R->child = 0;
	if (R->lfd >= 0) {
		close(R->lfd);
		R->lfd = -1;
	}
	R->next++;
	progress(R);
}

/* Stops the run in hand: TERM now, KILL after the grace. */
static void
stop_child(struct runner *R, const char *why)
{
	if (!R->child || R->killat)
		return;
	logf_run(&R->q[R->next], "%s after %ld s: stopping the job", why,
	    (long)(time(NULL) - R->started));
	kill(-R->child, SIGTERM);
	R->killat = time(NULL) + KILL_GRACE;
}

static void
cancel_seq(struct runner *R, long seq)
{
	if (seq < 1)
		return;
	if ((size_t)seq > R->n) {
		R->early = xreallocarray(R->early, R->nearly + 1, sizeof *R->early);
		R->early[R->nearly++] = seq;
	} else if ((size_t)seq - 1 == R->next && R->child) {
		stop_child(R, "cancelled");
	} else if ((size_t)seq - 1 >= R->next) {
		R->q[seq - 1].cancelled = 1;
	}
}

static void
read_signals(struct runner *R)
{
	struct signalfd_siginfo si;
	int st;

	while (read(R->sfd, &si, sizeof si) == sizeof si) {
		if ((int)si.ssi_signo == SIGCHLD) {
			if (R->child && waitpid(R->child, &st, WNOHANG) == R->child)
				ended(R);
		} else if ((int)si.ssi_signo == SIGRTMIN) {
			cancel_seq(R, si.ssi_int);
		} else {
			R->stop = 1;
			stop_child(R, "cancelled");
		}
	}
}

/* Takes the results folder's lock for r without blocking; 1 if held. */
static int
try_lock(struct runner *R, const struct req *r)
{
	char *lock = xasprintf("%s/../../.vsp-local.lock", r->expdir);

	if (R->lfd < 0 &&
	    (R->lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		logf_run(r, "%s:", lock);
		free(lock);
		return -1;
	}
	free(lock);
	if (flock(R->lfd, LOCK_EX | LOCK_NB) == 0)
		return 1;
	return errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
}

/* The detached runner: reads its queue from fd in, never returns. */
static _Noreturn void
runner(int in)
{
	struct runner R;
	sigset_t set, old;
	struct pollfd pf[2];
	int timeout, held;
	time_t now;

	memset(&R, 0, sizeof R);
	R.in = in;
	R.lfd = R.pfd = -1;
	if (!getcwd(R.cwd, sizeof R.cwd))
		snprintf(R.cwd, sizeof R.cwd, "/");
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, &old);
	if ((R.sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0)
		_exit(1);
	for (;;) {
		while (!R.child && !R.stop && R.next < R.n) {
			struct req *r = &R.q[R.next];

			if (r->cancelled) {
				logf_run(r, "cancelled before it started");
				ended(&R);
				continue;
			}
			if ((held = try_lock(&R, r)) == 0)
				break;	/* another runner has it: again soon */
			if (held > 0)
				start(&R, r, &old);
			if (!R.child)
				ended(&R);	/* no lock file or no fork: logged */
		}
		if (!R.child && (R.stop || (R.in < 0 && R.next >= R.n)))
			break;
		timeout = -1;
		now = time(NULL);
		if (R.child) {
			time_t at = R.killat ? R.killat : R.deadline;

			/* At most an hour: the ms must fit an int. */
			timeout = at <= now ? 0 : at - now > 3600 ? 3600000 :
			    (int)(at - now) * 1000;
		} else if (R.next < R.n) {
			timeout = LOCK_RETRY_MS;	/* another runner has the lock */
		}
		pf[0].fd = R.sfd;
		pf[0].events = POLLIN;
		pf[1].fd = R.in;
		pf[1].events = POLLIN;
		if (poll(pf, R.in >= 0 ? 2 : 1, timeout) < 0 && errno != EINTR)
			break;
		read_signals(&R);
		if (R.in >= 0 && pf[1].revents)
			read_requests(&R);
		now = time(NULL);
		if (R.child && !R.killat && now >= R.deadline) {
			char *k = xasprintf("%s/killed", R.q[R.next].outdir);

			if (access(k, F_OK) < 0)
				atomic_write(k, "timeout\n", 8, 0644, NULL);
			free(k);
			stop_child(&R, "walltime exceeded");
		} else if (R.child && R.killat && now >= R.killat) {
			kill(-R.child, SIGKILL);
			R.killat = now + KILL_GRACE;	/* not again at once */
		}
	}
	if (R.progress)
		unlink(R.progress);
	_exit(0);
}

static int
cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Starts the submission's runner, detached (own session, no stdio). */
static int
spawn(struct buf *why)
{
	int req[2], pfd[2], st;
	pid_t mid, pid = -1;

	if (cloexec_pipe(req) < 0 || cloexec_pipe(pfd) < 0) {
		buf_addf(why, "pipe:");
		return -1;
	}
	fflush(NULL);
	if ((mid = fork()) < 0) {
		buf_addf(why, "fork:");
		return -1;
	}
	if (mid == 0) {
		int nul = open("/dev/null", O_RDWR);

		close(pfd[0]);
		close(req[1]);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(nul, 1) < 0 ||
		    dup2(nul, 2) < 0)
			_exit(1);
		setsid();
		if ((pid = fork()) < 0)
			_exit(1);
		if (pid == 0) {
			close(pfd[1]);
			runner(req[0]);
		}
		if (write(pfd[1], &pid, sizeof pid) != sizeof pid)
			_exit(1);
		_exit(0);
	}
	close(pfd[1]);
	close(req[0]);
	if (read(pfd[0], &pid, sizeof pid) != sizeof pid)
		pid = -1;
	close(pfd[0]);
	while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
		;
	if (pid <= 0) {
		close(req[1]);
		buf_adds(why, "could not start the local runner");
		return -1;
	}
	/* A runner that died shows as a failed write, not as SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	runner_pid = pid;
	runner_fd = req[1];
	return 0;
}

static int
local_submit(const struct conf *c, const struct exp *e, const char *script,
    long run, int array, char **ids, struct buf *why)
{
	char *outdir;

	(void)array;
	if (runner_fd < 0 && spawn(why) < 0)
		return -1;
	outdir = run_dir(e, run);
	buf_addf(&held, "%ld%c%ld%c%ld%c", runner_seq + 1, '\0', run, '\0',
	    batch_walltime(c, e->appc), '\0');
	buf_add(&held, script, strlen(script) + 1);
	buf_add(&held, outdir, strlen(outdir) + 1);
	buf_add(&held, e->expdir, strlen(e->expdir) + 1);
	buf_add(&held, e->exp, strlen(e->exp) + 1);
	free(outdir);
	ids[0] = xasprintf("local-%ld-%ld", (long)runner_pid, ++runner_seq);
	return 0;
}

/* The runs held back go to the runner (their job.tsv is there now). */
static int
local_release(struct buf *why)
{
	size_t off = 0;
	ssize_t w;

	while (off < held.len) {
		if ((w = write(runner_fd, held.s + off, held.len - off)) < 0) {
			if (errno == EINTR)
				continue;
			buf_addf(why, "the local runner:");
			return -1;
		}
		off += (size_t)w;
	}
	buf_reset(&held);
	return 0;
}

/* A local job id: its runner and its place in the runner's queue (0: none). */
static int
parse_id(const char *job, pid_t *pid, long *seq)
{
	char *end;
	long p;

	if (strncmp(job, "local-", 6))
		return -1;
	p = strtol(job + 6, &end, 10);
	*seq = 0;
	if (*end == '-')
		*seq = strtol(end + 1, &end, 10);
	if (p <= 0 || *end || *seq < 0)
		return -1;
	*pid = (pid_t)p;
	return 0;
}

/* 1 if pid is a runner (vsp-pbs, not a zombie). */
static int
alive(pid_t pid)
{
	char *p, *s;
	int rc = 0;

	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 0;
	p = xasprintf("/proc/%ld/stat", (long)pid);
	s = read_small(p);
	free(p);
	/* "pid (comm) S ...": vsp-pbs, not a zombie */
	if (s && strstr(s, "(vsp-pbs) ") && !strstr(s, ") Z ") &&
	    !strstr(s, ") X "))
		rc = 1;
	free(s);
	return rc;
}

/* The runner's first run not yet ended; LONG_MAX if it does not say. */
static long
first_not_ended(const char *outdir, pid_t pid)
{
	char *p = xasprintf("%s/../../../.vsp-local/%ld", outdir, (long)pid);
	char *s = read_small(p), *end;
	long v = LONG_MAX;

	if (s) {
		v = strtol(s, &end, 10);
		if (*end || v < 1)
			v = LONG_MAX;
	}
	free(s);
	free(p);
	return v;
}

static int
local_poll(struct run *const *runs, size_t n, struct buf *why)
{
	size_t i;
	pid_t pid, last = 0;
	long seq, first = LONG_MAX;
	int up = 0;

	(void)why;
	for (i = 0; i < n; i++) {
		runs[i]->js = JOB_GONE;
		if (parse_id(runs[i]->job, &pid, &seq) < 0)
			continue;
		if (pid != last) {	/* runs of one runner come together */
			last = pid;
			up = alive(pid);
			first = up ? first_not_ended(runs[i]->outdir, pid) : 0;
		}
		/* No queue place (an older id) or no word: the runner is the job. */
		if (up && (!seq || first == LONG_MAX || seq >= first))
			runs[i]->js = JOB_ACTIVE;
	}
	return 0;
}

static int
local_cancel(struct run *r, struct buf *why)
{
	pid_t pid;
	long seq;
	union sigval v;

	if (parse_id(r->job, &pid, &seq) < 0) {
		buf_addf(why, "\"%s\" is not a local job id", r->job);
		return -1;
	}
	if (!alive(pid))
		return 0;
	v.sival_int = (int)seq;
	if ((seq ? sigqueue(pid, SIGRTMIN, v) : kill(pid, SIGTERM)) < 0 &&
	    errno != ESRCH) {
		buf_addf(why, "kill %ld:", (long)pid);
		return -1;
	}
	return 0;
}

const struct backend backend_local = {
	"local", 0, 0, NULL, local_submit, local_poll, local_cancel,
	local_release
};

const struct backend *
backend_find(const char *name)
{
	if (!strcmp(name, "torque"))
		return &backend_torque;
	if (!strcmp(name, "slurm"))
		return &backend_slurm;
	if (!strcmp(name, "local"))
		return &backend_local;
	return NULL;
}
