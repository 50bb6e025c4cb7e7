/*
 * Local: each run is a detached vsp-pbs process here that waits for the
 * results root's lock (one run at a time), then runs the job script with
 * the PBS_* variables a PBS server sets and enforces the walltime.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "err.h"
#include "pbs.h"

enum { KILL_GRACE = 10 };	/* seconds from TERM to KILL */

static volatile sig_atomic_t stop_requested;
static pid_t previous;	/* the runner submitted before, in this process */

static pid_t alive(const char *job);

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
on_tick(int sig)
{
	(void)sig;
}

/* The detached runner: never returns. */
static _Noreturn void
runner(const char *lock, const char *script, const char *outdir,
    const char *expdir, const char *name, long run, long walltime)
{
	struct sigaction sa;
	char id[64], runs[32], *nodefile, cwd[PATH_MAX];
	int lfd, log, st;
	pid_t child;
	time_t deadline, killat = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;	/* no SA_RESTART: flock, waitpid return */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_tick;
	sigaction(SIGALRM, &sa, NULL);
	nodefile = xasprintf("%s/nodefile", outdir);
	{
		char *p = xasprintf("%s/job.log", outdir);

		log = open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		free(p);
	}
	if ((lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		dprintf(log, "vsp-pbs local: %s: %s\n", lock, strerror(errno));
		_exit(1);
	}
	/* Runs of one submission in order; the lock orders the rest. */
	if (previous > 0) {
		char *prev = xasprintf("local-%ld", (long)previous);

		while (!stop_requested && alive(prev) > 0)
			usleep(50000);
		free(prev);
	}
	while (flock(lfd, LOCK_EX) < 0)
		if (errno != EINTR || stop_requested)
			_exit(1);
	if (stop_requested)
		_exit(1);
	snprintf(id, sizeof id, "local-%ld", (long)getpid());
	snprintf(runs, sizeof runs, "%ld", run);
	if (!getcwd(cwd, sizeof cwd))
		snprintf(cwd, sizeof cwd, "%s", expdir);
	if ((child = fork()) < 0)
		_exit(1);
	if (child == 0) {
		setpgid(0, 0);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		setenv("PBS_JOBID", id, 1);
		setenv("PBS_ARRAYID", runs, 1);
		setenv("PBS_NODEFILE", nodefile, 1);
		setenv("PBS_O_WORKDIR", cwd, 1);
		setenv("PBS_JOBNAME", name, 1);
		setenv("PBS_QUEUE", "local", 1);
		setenv("PBS_ENVIRONMENT", "PBS_BATCH", 1);
		if (chdir(expdir) < 0)
			_exit(126);
		execl("/bin/sh", "sh", script, (char *)NULL);
		_exit(127);
	}
	setpgid(child, child);
	deadline = time(NULL) + walltime;
	for (;;) {
		alarm(1);
		if (waitpid(child, &st, 0) == child)
			break;
		if (errno != EINTR)
			break;
		if (!killat && (stop_requested || time(NULL) >= deadline)) {
			if (!stop_requested) {
				char *k = xasprintf("%s/killed", outdir);

				if (access(k, F_OK) < 0)
					atomic_write(k, "timeout\n", 8, 0644, NULL);
				free(k);
			}
			dprintf(log, "vsp-pbs local: %s after %ld s: stopping the job\n",
			    stop_requested ? "cancelled" : "walltime exceeded",
			    (long)(time(NULL) - (deadline - walltime)));
			kill(-child, SIGTERM);
			killat = time(NULL) + KILL_GRACE;
		} else if (killat && time(NULL) >= killat) {
			kill(-child, SIGKILL);
		}
	}
	alarm(0);
	_exit(0);
}

static int
local_submit(const struct conf *c, const struct exp *e, const char *script,
    long run, int array, char **ids, struct buf *why)
{
	int pfd[2], st;
	pid_t mid, pid = -1;
	char *outdir = run_dir(e, run), *lock;

	(void)array;
	lock = xasprintf("%s/../../.vsp-local.lock", e->expdir);
	if (pipe(pfd) < 0) {
		buf_addf(why, "pipe:");
		return -1;
	}
	fflush(NULL);
	if ((mid = fork()) < 0) {
		buf_addf(why, "fork:");
		return -1;
	}
	if (mid == 0) {
		/* Detach: new session, no stdio of the pipeline kept open. */
		int nul = open("/dev/null", O_RDWR);

		close(pfd[0]);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(nul, 1) < 0 ||
		    dup2(nul, 2) < 0)
			_exit(1);
		setsid();
		if ((pid = fork()) < 0)
			_exit(1);
		if (pid == 0) {
			close(pfd[1]);
			runner(lock, script, outdir, e->expdir, e->exp, run,
			    batch_walltime(c, e->appc));
		}
		if (write(pfd[1], &pid, sizeof pid) != sizeof pid)
			_exit(1);
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], &pid, sizeof pid) != sizeof pid)
		pid = -1;
	close(pfd[0]);
	while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
		;
	free(outdir);
	free(lock);
	if (pid <= 0) {
		buf_adds(why, "could not start the local runner");
		return -1;
	}
	ids[0] = xasprintf("local-%ld", (long)pid);
	previous = pid;
	return 0;
}

/* The runner's pid, if the id is ours and it still runs (not a zombie). */
static pid_t
alive(const char *job)
{
	long pid;
	char *p, *s, *end;
	pid_t rc = 0;

	if (strncmp(job, "local-", 6) || (pid = strtol(job + 6, &end, 10)) <= 0 ||
	    *end)
		return -1;
	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
		return 0;
	p = xasprintf("/proc/%ld/stat", pid);
	s = read_small(p);
	free(p);
	/* "pid (comm) S ...": vsp-pbs, not a zombie */
	if (s && strstr(s, "(vsp-pbs) ") && !strstr(s, ") Z ") &&
	    !strstr(s, ") X "))
		rc = (pid_t)pid;
	free(s);
	return rc;
}

static int
local_poll(struct run *const *runs, size_t n, struct buf *why)
{
	size_t i;

	(void)why;
	for (i = 0; i < n; i++)
		runs[i]->js = alive(runs[i]->job) > 0 ? JOB_ACTIVE : JOB_GONE;
	return 0;
}

static int
local_cancel(struct run *r, struct buf *why)
{
	pid_t pid = alive(r->job);

	if (pid < 0) {
		buf_addf(why, "\"%s\" is not a local job id", r->job);
		return -1;
	}
	if (pid > 0 && kill(pid, SIGTERM) < 0 && errno != ESRCH) {
		buf_addf(why, "kill %ld:", (long)pid);
		return -1;
	}
	return 0;
}

const struct backend backend_local = {
	"local", 0, NULL, local_submit, local_poll, local_cancel
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
