/* Runs a program (argv, never a shell string) and captures its output. */
#ifndef VSP_PROC_H
#define VSP_PROC_H

#include <signal.h>
#include <sys/types.h>

#include "buf.h"

/*
 * Starts argv[0] (searched in PATH) in a process group of its own, in
 * folder cwd (NULL: here), with env entries "NAME=value" added (NULL:
 * none), standard input, output and error from fds (-1 or fds NULL: this
 * process's) and signal mask mask (NULL: this process's). Its pid, or -1
 * with err set; the caller waits for it. A program that cannot start says
 * why on its standard error and exits 127 (not found) or 126.
 */
pid_t proc_start(char *const argv[], const char *cwd, char *const env[],
	const int fds[3], const sigset_t *mask, struct buf *err);

/*
 * Runs argv[0] (searched in PATH) with stdin from /dev/null, in folder cwd
 * (NULL: here), with env entries "NAME=value" added (NULL: none). Standard
 * output goes to out, standard error to errout. Killed after timeout
 * seconds, with every process of its own process group. The exit status, 128+N after signal N, or -1 with err set.
 */
int proc_run(char *const argv[], const char *cwd, char *const env[],
	long timeout, struct buf *out, struct buf *errout, struct buf *err);

#endif
