/* Running a program with an argv array (never a shell) and capturing it. */
#ifndef VSP_PROC_H
#define VSP_PROC_H

#include "buf.h"

/*
 * Runs argv[0] (looked up in PATH) in folder dir (NULL: here), stdin from
 * /dev/null, stdout into out and stderr into err (either may be NULL: then
 * discarded). Returns the exit status, 128+N if killed by signal N, or -1
 * if it could not be started (errno set; err holds why).
 */
int proc_run(char *const argv[], const char *dir, struct buf *out,
	struct buf *err);
/* "qstat -f 12" for messages: argv joined with spaces. */
void proc_cmdline(char *const argv[], struct buf *b);
/* The last non-empty line of b (trimmed), or "" : for short error reasons. */
const char *proc_lastline(struct buf *b);

#endif
