/*
 * cpubench: the example application. Forks -p workers that each run an
 * equal share of -n million floating-point iterations, then prints the
 * throughput, so placements that crowd cores show up as lower numbers.
 * With -w each worker first says where it runs (host name and boot id),
 * so a run on a virtual cluster can prove its processes ran in the VMs.
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

/* "worker: host H boot B pid P", one line, written at once. */
static void
whereami(void)
{
	char host[256] = "?", boot[64] = "?";
	FILE *fp;

	if (gethostname(host, sizeof host - 1) < 0)
		snprintf(host, sizeof host, "?");
	if ((fp = fopen("/proc/sys/kernel/random/boot_id", "r"))) {
		if (!fgets(boot, sizeof boot, fp))
			snprintf(boot, sizeof boot, "?");
		boot[strcspn(boot, "\n")] = '\0';
		fclose(fp);
	}
	printf("worker: host %s boot %s pid %ld\n", host, boot, (long)getpid());
	fflush(stdout);
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
	int c, status, failed = 0, tell = 0;
	double t0, secs;
	pid_t pid;

	while ((c = getopt(argc, argv, "n:p:w")) != -1) {
		switch (c) {
		case 'n': mops = arg(optarg, "-n"); break;
		case 'p': procs = arg(optarg, "-p"); break;
		case 'w': tell = 1; break;
		default:
			fprintf(stderr, "usage: cpubench [-n millions] [-p processes] [-w]\n");
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
			if (tell)
				whereami();
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
