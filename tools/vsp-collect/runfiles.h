/* Small files of a run folder (vsp(7), RESULTS): time, exit, start, end. */
#ifndef VSP_COLLECT_RUNFILES_H
#define VSP_COLLECT_RUNFILES_H

#include "buf.h"

/* user_s, sys_s, elapsed_s. */
extern const char *const time_cols[3];

/* Reads dir/name (at most 64 KiB, no NUL) into b: 1, 0 if it does not
 * exist, -1 with the problem added to why. */
int run_read_small(const char *dir, const char *name, struct buf *b,
	struct buf *why);
/* One number on one line: 1, 0 if the file does not exist, -1 (why). */
int run_number(struct buf *b, const char *dir, const char *name, double *v,
	struct buf *why);
/* The GNU time line of dir/time into vals (left NULL when unknown). */
void run_time(const char *dir, char *vals[3], struct buf *why);

#endif
