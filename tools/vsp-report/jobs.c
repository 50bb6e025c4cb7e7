#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "jobs.h"

/* Stops the workers still running and waits for them. */
static void
stop_all(pid_t *pids, long n)
{
	long k;

	for (k = 0; k < n; k++)
		if (pids[k] > 0)
			kill(pids[k], SIGTERM);
	for (k = 0; k < n; k++)
		if (pids[k] > 0)
			while (waitpid(pids[k], NULL, 0) < 0 && errno == EINTR)
				;
}

void
jobs_run(size_t n, long jobs, void (*work)(size_t, void *), void *arg,
    void (*child_init)(void))
{
	pid_t *pids, pid;
	long k, left;
	size_t i;
	int status;

	if (jobs > (long)n)
		jobs = (long)n;
	if (jobs < 2) {
		for (i = 0; i < n; i++)
			work(i, arg);
		return;
	}
	fflush(NULL);	/* nothing buffered is written twice */
	pids = xcalloc((size_t)jobs, sizeof *pids);
	for (k = 0; k < jobs; k++) {
		if ((pids[k] = fork()) < 0) {
			int e = errno;

			stop_all(pids, k);
			die(EXIT_FAIL, "fork: %s", strerror(e));
		}
		if (pids[k] == 0) {
			child_init();
			for (i = (size_t)k; i < n; i += (size_t)jobs)
				work(i, arg);
			fflush(NULL);
			_exit(0);
		}
	}
	for (left = jobs; left > 0; left--) {
		/* Only our process group: plots_start's drawer has its own. */
		while ((pid = waitpid(0, &status, 0)) < 0 && errno == EINTR)
			;
		if (pid < 0)
			die(EXIT_FAIL, "wait:");
		for (k = 0; k < jobs && pids[k] != pid; k++)
			;
		if (k < jobs)
			pids[k] = 0;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		stop_all(pids, jobs);
		free(pids);
		if (WIFEXITED(status))
			exit(WEXITSTATUS(status));	/* the worker said why */
		die(EXIT_FAIL, "worker killed by signal %d", WTERMSIG(status));
	}
	free(pids);
}
