/* lib/proc: running a program with its output captured, or started with
 * the descriptors, folder, environment and signal mask it is given. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "proc.h"
#include "tap.h"

int
main(void)
{
	char *sh[] = { "sh", "-c", "echo $X; pwd; echo e >&2; exit 3", NULL };
	char *mask[] = { "grep", "^SigBlk", "/proc/self/status", NULL };
	char *none[] = { "vsp-test-no-such-program", NULL };
	char *env[] = { "X=1", NULL };
	char path[] = "/tmp/vsp-test-proc.XXXXXX";
	struct buf out = { 0 }, errout = { 0 }, err = { 0 };
	sigset_t block;
	int fds[3] = { -1, -1, -1 }, st;
	pid_t pid;
	FILE *fp;
	char line[64] = "";

	is_long(proc_run(sh, "/", env, 10, &out, &errout, &err), 3,
	    "exit status");
	is_str(buf_str(&out), "1\n/\n", "env added, in cwd, output captured");
	is_str(buf_str(&errout), "e\n", "standard error captured");
	buf_reset(&errout);
	is_long(proc_run(none, NULL, NULL, 10, &out, &errout, &err), 127,
	    "not found: 127");
	is_str(buf_str(&errout), "vsp-test-no-such-program: No such file or "
	    "directory\n", "says why on its standard error");

	/* proc_start: the descriptors and signal mask it is given */
	tmp_file(path);
	fds[1] = open(path, O_WRONLY | O_CLOEXEC);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);	/* bit 10: 0x200 */
	pid = proc_start(mask, NULL, NULL, fds, &block, &err);
	ok(pid > 0, "started");
	ok(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "and ended");
	close(fds[1]);
	if ((fp = fopen(path, "r"))) {
		if (!fgets(line, sizeof line, fp))
			line[0] = '\0';
		fclose(fp);
	}
	is_str(line, "SigBlk:\t0000000000000200\n",
	    "its output to fds[1], SIGUSR1 blocked by the mask");
	unlink(path);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
	return done();
}
