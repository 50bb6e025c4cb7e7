/* Runs a program (argv, never a shell string) and captures its output. */
#ifndef VSP_PROC_H
#define VSP_PROC_H

#include "buf.h"

/*
 * Runs argv[0] (searched in PATH) with stdin from /dev/null, in folder cwd
 * (NULL: here), with env entries "NAME=value" added (NULL: none). Standard
 * output goes to out, standard error to errout. Killed after timeout
 * seconds, with every process of its own process group. The exit status, 128+N after signal N, or -1 with err set.
 */
int proc_run(char *const argv[], const char *cwd, char *const env[],
	long timeout, struct buf *out, struct buf *errout, struct buf *err);

#endif
