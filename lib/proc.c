#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "proc.h"

/* Reads both pipes until EOF; -1 when the deadline passes first. */
static int
drain(int fdo, int fde, struct buf *out, struct buf *errout, time_t deadline)
{
	struct pollfd p[2] = { { fdo, POLLIN, 0 }, { fde, POLLIN, 0 } };
	char chunk[65536];
	ssize_t n;
	int open = 2, i, rc;

	while (open > 0) {
		long left = (long)(deadline - time(NULL));

		if (left <= 0)
			return -1;
		if ((rc = poll(p, 2, (int)(left > 3600 ? 3600000 : left * 1000))) < 0
		    && errno != EINTR)
			return -1;
		for (i = 0; rc > 0 && i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, chunk, sizeof chunk);
			if (n > 0)
				buf_add(i ? errout : out, chunk, (size_t)n);
			else if (n == 0 || errno != EINTR) {
				p[i].fd = -1;
				open--;
			}
		}
	}
	return 0;
}

static _Noreturn void
child(char *const argv[], const char *cwd, char *const env[],
    const int fds[3], const sigset_t *mask)
{
	size_t i;
	int k;

	setpgid(0, 0);	/* so a timeout stops its children too */
	if (mask)
		sigprocmask(SIG_SETMASK, mask, NULL);
	for (k = 0; fds && k < 3; k++)
		if (fds[k] == k)
			fcntl(k, F_SETFD, 0);	/* it stays open at exec */
		else if (fds[k] >= 0 && dup2(fds[k], k) < 0)
			_exit(126);
	for (i = 0; env && env[i]; i++)
		putenv(env[i]);
	if (cwd && chdir(cwd) < 0) {
		dprintf(2, "%s: %s\n", cwd, strerror(errno));
		_exit(126);
	}
	execvp(argv[0], argv);
	dprintf(2, "%s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

pid_t
proc_start(char *const argv[], const char *cwd, char *const env[],
    const int fds[3], const sigset_t *mask, struct buf *err)
{
	pid_t pid;

	fflush(NULL);	/* nothing buffered is written twice */
	if ((pid = fork()) < 0) {
		buf_addf(err, "fork:");
		return -1;
	}
	if (pid == 0)
		child(argv, cwd, env, fds, mask);
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	return pid;
}

int
proc_run(char *const argv[], const char *cwd, char *const env[],
    long timeout, struct buf *out, struct buf *errout, struct buf *err)
{
	int po[2], pe[2], fds[3], status, rc;
	pid_t pid;

	if ((fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0) {
		buf_addf(err, "/dev/null:");
		return -1;
	}
	if (pipe(po) < 0) {
		close(fds[0]);
		goto pipefail;
	}
	if (pipe(pe) < 0) {
		close(fds[0]);
		close(po[0]);
		close(po[1]);
		goto pipefail;
	}
	/* Other children (sadc started by a script) must not hold these. */
	fcntl(po[0], F_SETFD, FD_CLOEXEC);
	fcntl(po[1], F_SETFD, FD_CLOEXEC);
	fcntl(pe[0], F_SETFD, FD_CLOEXEC);
	fcntl(pe[1], F_SETFD, FD_CLOEXEC);
	fds[1] = po[1];
	fds[2] = pe[1];
	pid = proc_start(argv, cwd, env, fds, NULL, err);
	close(fds[0]);
	close(po[1]);
	close(pe[1]);
	if (pid < 0) {
		close(po[0]);
		close(pe[0]);
		return -1;
	}
	rc = drain(po[0], pe[0], out, errout, time(NULL) + timeout);
	close(po[0]);
	close(pe[0]);
	if (rc < 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		buf_addf(err, "%s: killed after %ld s", argv[0], timeout);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			buf_addf(err, "waitpid:");
			return -1;
		}
	if (rc < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
pipefail:
	buf_addf(err, "pipe:");
	return -1;
}
