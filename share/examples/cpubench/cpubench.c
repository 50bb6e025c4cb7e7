/*
 * cpubench: the example application. Forks -p workers that each run an
 * equal share of -n million floating-point iterations, then prints the
 * throughput, so placements that crowd cores show up as lower numbers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A dependent chain the compiler cannot fold away. */
static double
work(long iters)
{
	double x = 0.5, y = 1.0;
	long i;

	for (i = 0; i < iters; i++) {
		x = x * 1.0000001 + 0.0000001;
		y = y * 0.9999999 + x * 1e-9;
	}
	return x + y;
}

static long
arg(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < 1 || v > 1000000) {
		fprintf(stderr, "cpubench: %s \"%s\" is not a number from 1 to 1000000\n",
		    what, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	long mops = 50, procs = 1, p, done = 0;
	int c, status, failed = 0;
	double t0, secs;
	pid_t pid;

	while ((c = getopt(argc, argv, "n:p:")) != -1) {
		switch (c) {
		case 'n': mops = arg(optarg, "-n"); break;
		case 'p': procs = arg(optarg, "-p"); break;
		default:
			fprintf(stderr, "usage: cpubench [-n millions] [-p processes]\n");
			return 2;
		}
	}
	t0 = now();
	for (p = 0; p < procs; p++) {
		if ((pid = fork()) < 0) {
			perror("cpubench: fork");
			return 1;
		}
		if (pid == 0) {
			volatile double sink = work(mops * 1000000 / procs);

			(void)sink;
			_exit(0);
		}
	}
	while (done < procs && wait(&status) > 0) {
		done++;
		failed |= !WIFEXITED(status) || WEXITSTATUS(status);
	}
	secs = now() - t0;
	if (failed || done < procs) {
		fprintf(stderr, "cpubench: a worker failed\n");
		return 1;
	}
	printf("processes: %ld\n", procs);
	printf("seconds: %.6f\n", secs);
	printf("throughput_mops: %.3f\n", (double)mops / secs);
	return 0;
}
