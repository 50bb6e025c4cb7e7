/*
 * Which way a metric is better: [Metrics] better.<metric> = lower|higher
 * in apps/<app>/application.config of the configuration folder; every
 * metric without one is lower-is-better (a time, a resource used).
 */
#ifndef VSP_REPORT_BETTER_H
#define VSP_REPORT_BETTER_H

#include "report.h"

struct better {
	char **app, **metric;	/* the metrics declared higher-is-better */
	size_t n;
};

/* Reads the application.config of every app of the report that has one
 * in confdir; a bad better.* entry ends the program (2). */
void better_load(struct better *b, const struct report *r,
	const char *confdir);
/* 1 if higher values of metric are better for app. */
int better_higher(const struct better *b, const char *app,
	const char *metric);
void better_free(struct better *b);

#endif
