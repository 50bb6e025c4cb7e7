/* Independent pieces of work spread over forked processes. */
#ifndef VSP_REPORT_JOBS_H
#define VSP_REPORT_JOBS_H

#include <stddef.h>

/*
 * Runs work(i, arg) for every i in [0, n), in jobs processes (worker k
 * takes i = k, k + jobs, ...), or here if jobs < 2. child_init runs first
 * in each worker. A worker reports its own errors; the first one that
 * fails stops the others and the program ends with its status. Waits
 * only for children in the caller's process group.
 */
void jobs_run(size_t n, long jobs, void (*work)(size_t, void *), void *arg,
	void (*child_init)(void));

#endif
