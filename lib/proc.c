#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "proc.h"

static void
drain(int fd, struct buf *b, int *open)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof chunk);

	if (n > 0) {
		if (b)
			buf_add(b, chunk, (size_t)n);
	} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		*open = 0;
	}
}

int
proc_run(char *const argv[], const char *dir, struct buf *out, struct buf *err)
{
	int po[2], pe[2], st, oo = 1, eo = 1, saved;
	struct pollfd pf[2];
	pid_t pid;

	if (pipe(po) < 0)
		return -1;
	if (pipe(pe) < 0) {
		saved = errno;
		close(po[0]);
		close(po[1]);
		errno = saved;
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		saved = errno;
		close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
		errno = saved;
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		if (nul < 0 || dup2(nul, 0) < 0 || dup2(po[1], 1) < 0 ||
		    dup2(pe[1], 2) < 0)
			_exit(127);
		close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
		signal(SIGPIPE, SIG_DFL);
		if (dir && chdir(dir) < 0) {
			dprintf(2, "cannot enter %s: %s\n", dir, strerror(errno));
			_exit(126);
		}
		execvp(argv[0], argv);
		dprintf(2, "%s: %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(po[1]);
	close(pe[1]);
	while (oo || eo) {
		pf[0].fd = oo ? po[0] : -1;
		pf[0].events = POLLIN;
		pf[1].fd = eo ? pe[0] : -1;
		pf[1].events = POLLIN;
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (oo && pf[0].revents)
			drain(po[0], out, &oo);
		if (eo && pf[1].revents)
			drain(pe[0], err, &eo);
	}
	close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

void
proc_cmdline(char *const argv[], struct buf *b)
{
	size_t i;

	for (i = 0; argv[i]; i++) {
		if (i)
			buf_addc(b, ' ');
		buf_adds(b, argv[i]);
	}
}

const char *
proc_lastline(struct buf *b)
{
	char *s, *e;

	if (!b->len)
		return "";
	s = b->s;
	e = s + b->len;
	while (e > s && (e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\r' ||
	    e[-1] == '\t'))
		e--;
	*e = '\0';
	b->len = (size_t)(e - s);
	for (e = s + b->len; e > s && e[-1] != '\n'; e--)
		;
	return e;
}
