/*
 * vsp-pbs run: a job script's application, one process in place of date,
 * mv, setsid, GNU time and a watcher that polls. It writes start, runs the
 * command in a process group of its own with the run's stdout and stderr,
 * stops it (SIGTERM to the group) when the run's killed file appears or
 * the job is signalled, and writes end, time (GNU time's -f '%U %S %e',
 * with its line for a failed command) and exit: vsp(7)'s run files,
 * written the job script's way (name.tmp, then renamed), each synced.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "pbs.h"
#include "proc.h"

enum { KILLED_POLL_MS = 1000 };	/* a shared file system tells no inotify */

/*
 * name.tmp written, synced and renamed to name in dir; 0 or -1 (warned).
 * Synced: after a crash, a run's file is whole or absent (then the run is
 * redone), never empty under its name; the folder is not synced.
 */
static int
put(const char *dir, const char *name, const char *text)
{
	char *tmp = xasprintf("%s/%s.tmp", dir, name);
	char *path = xasprintf("%s/%s", dir, name);
	size_t len = strlen(text);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int rc = -1;

	if (fd < 0) {
		warnx("%s:", tmp);
	} else {
		int wrote = write(fd, text, len) == (ssize_t)len &&
		    fsync(fd) == 0;

		if (close(fd) < 0 || !wrote)
			warnx("%s:", tmp);
		else if (rename(tmp, path) < 0)
			warnx("%s:", path);
		else
			rc = 0;
		if (rc < 0)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	return rc;
}

static void
put_long(const char *dir, const char *name, long v)
{
	char s[32];

	snprintf(s, sizeof s, "%ld\n", v);
	put(dir, name, s);
}

/* A line of the job into its log (this process's standard output). */
static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	va_list ap;

	fputs("vsp job: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* Seconds and hundredths, cut as GNU time cuts them. */
static void
hundredths(struct buf *b, long sec, long usec)
{
	buf_addf(b, "%ld.%02ld", sec, usec / 10000);
}

/* The time file: GNU time's line for a failed command, then "%U %S %e". */
static void
time_text(struct buf *b, int status, const struct rusage *ru,
    const struct timespec *t0, const struct timespec *t1)
{
	long s = (long)(t1->tv_sec - t0->tv_sec);
	long ns = t1->tv_nsec - t0->tv_nsec;

	if (ns < 0)
		s--, ns += 1000000000L;
	if (WIFSIGNALED(status))
		buf_addf(b, "Command terminated by signal %d\n", WTERMSIG(status));
	else if (WEXITSTATUS(status))
		buf_addf(b, "Command exited with non-zero status %d\n",
		    WEXITSTATUS(status));
	hundredths(b, (long)ru->ru_utime.tv_sec, (long)ru->ru_utime.tv_usec);
	buf_addc(b, ' ');
	hundredths(b, (long)ru->ru_stime.tv_sec, (long)ru->ru_stime.tv_usec);
	buf_addc(b, ' ');
	hundredths(b, s, ns / 1000);
	buf_addc(b, '\n');
}

/* The killed file, once there: the application is stopped, said once. */
static void
look_killed(const char *dir, pid_t pid, int *seen)
{
	char *p, *why;

	if (*seen)
		return;
	p = xasprintf("%s/killed", dir);
	if ((why = read_small(p))) {
		say("%s, stopping the application", why);
		kill(-pid, SIGTERM);
		*seen = 1;
		free(why);
	}
	free(p);
}

/* 1 if an event of in names the killed file. */
static int
killed_event(int in)
{
	char ev[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	ssize_t len;
	char *p;
	int hit = 0;

	while ((len = read(in, ev, sizeof ev)) > 0)
		for (p = ev; p < ev + len; p += sizeof *e + e->len) {
			e = (const struct inotify_event *)p;
			hit |= e->len && !strcmp(e->name, "killed");
		}
	return hit;
}

/* Opens dir/name for the application's output; the fd, or dies. */
static int
out_file(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		die(EXIT_FAIL, "%s:", p);
	free(p);
	return fd;
}

int
run_app(const char *dir, char **argv)
{
	struct signalfd_siginfo si;
	struct pollfd pf[2];
	struct timespec t0, t1;
	struct rusage ru;
	struct buf why = { 0 }, tb = { 0 };
	sigset_t set, old;
	int fds[3] = { -1, -1, -1 }, sfd, in, seen = 0, status = 0, done = 0,
	    code;
	pid_t pid;
	struct stat st;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		die(EXIT_USAGE, "%s: not a folder", dir);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, &old);
	if ((sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0)
		die(EXIT_FAIL, "signalfd:");
	/* Watched before the start: a killed file is never missed. */
	in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in >= 0 && inotify_add_watch(in, dir, IN_MOVED_TO | IN_CLOSE_WRITE |
	    IN_ONLYDIR) < 0) {
		close(in);
		in = -1;	/* then the polls only */
	}
	fds[1] = out_file(dir, "stdout");
	fds[2] = out_file(dir, "stderr");
	put_long(dir, "start", (long)time(NULL));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = proc_start(argv, NULL, NULL, fds, &old, &why);
	close(fds[1]);
	close(fds[2]);
	if (pid < 0)
		die(EXIT_FAIL, "%s", buf_str(&why));
	look_killed(dir, pid, &seen);
	while (!done) {
		pf[0].fd = sfd;
		pf[0].events = POLLIN;
		pf[1].fd = in;
		pf[1].events = POLLIN;
		if (poll(pf, in >= 0 ? 2 : 1, seen ? -1 : KILLED_POLL_MS) < 0 &&
		    errno != EINTR)
			die(EXIT_FAIL, "poll:");
		while (read(sfd, &si, sizeof si) == sizeof si) {
			if (si.ssi_signo != SIGCHLD) {
				say("signal, stopping the application");
				kill(-pid, SIGTERM);
			}
		}
		if (wait4(pid, &status, WNOHANG, &ru) == pid)
			done = 1;
		else if (in < 0 || pf[1].revents == 0 || killed_event(in))
			look_killed(dir, pid, &seen);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	put_long(dir, "end", (long)time(NULL));
	time_text(&tb, status, &ru, &t0, &t1);
	put(dir, "time", buf_str(&tb));
	code = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	put_long(dir, "exit", code);
	buf_free(&tb);
	buf_free(&why);
	if (in >= 0)
		close(in);
	close(sfd);
	return code;
}
