/* lib/err: sbase's convention, a format ending in ':' appends errno's text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "tap.h"

/* What a call writes to stderr, and its exit status when it ends the program. */
static char *
stderr_of(void (*fn)(void), int *status)
{
	char path[] = "/tmp/vsp-test-err.XXXXXX";
	int fd = mkstemp(path), st;
	pid_t pid;
	static char text[512];
	ssize_t n;

	if (fd < 0)
		return NULL;
	unlink(path);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		fn();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	n = pread(fd, text, sizeof text - 1, 0);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	return text;
}

static void warn_errno(void) { errno = ENOENT; warnx("%s: cannot open:", "f"); }
static void warn_plain(void) { errno = ENOENT; warnx("%s: bad", "f"); }
static void warn_colon_arg(void) { errno = ENOENT; warnx("%s", "ends in:"); }
static void die_errno(void) { errno = EACCES; die(2, "%s:", "dir"); }
static void die_plain(void) { errno = EACCES; die(1, "no %d", 3); }

int
main(void)
{
	struct buf b = { 0 };
	char want[256];
	int st;

	setprogname("/usr/bin/vsp-x");
	snprintf(want, sizeof want, "vsp-x: f: cannot open: %s\n", strerror(ENOENT));
	is_str(stderr_of(warn_errno, &st), want, "warnx: ':' appends errno");
	is_str(stderr_of(warn_plain, &st), "vsp-x: f: bad\n", "warnx: plain");
	is_str(stderr_of(warn_colon_arg, &st), "vsp-x: ends in:\n",
	    "warnx: a ':' from an argument is text");
	snprintf(want, sizeof want, "vsp-x: dir: %s\n", strerror(EACCES));
	is_str(stderr_of(die_errno, &st), want, "die: ':' appends errno");
	is_long(st, 2, "die: status");
	is_str(stderr_of(die_plain, &st), "vsp-x: no 3\n", "die: plain");
	is_long(st, 1, "die: status 1");

	errno = ENOTDIR;
	buf_addf(&b, "%s: %d:", "x", 4);
	snprintf(want, sizeof want, "x: 4: %s", strerror(ENOTDIR));
	is_str(b.s, want, "buf_addf: ':' appends errno");
	buf_reset(&b);
	errno = ENOTDIR;
	buf_addf(&b, "%s", "y:");
	is_str(b.s, "y:", "buf_addf: plain");
	buf_reset(&b);
	buf_addf(&b, "%s", "");
	is_long((long)b.len, 0, "buf_addf: empty");
	buf_free(&b);
	ok(fmt_wants_errno("a:") && !fmt_wants_errno("") &&
	    !fmt_wants_errno("a: %s"), "fmt_wants_errno");
	return done();
}
