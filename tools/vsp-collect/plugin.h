/*
 * The metric plugin of an application, section [Metrics] of
 * apps/<app>/application.config: regex.<name> = stdout:<ERE> or
 * stderr:<ERE> (the first capture group of the first matching line), and
 * command = <path> [args] (prints name<TAB>value lines in the run folder).
 */
#ifndef VSP_COLLECT_PLUGIN_H
#define VSP_COLLECT_PLUGIN_H

#include <regex.h>

#include "buf.h"

struct regex_metric {
	char *name;
	int stream;	/* 1 stdout, 2 stderr */
	regex_t re;
};

struct plugin {
	char *app;
	struct regex_metric *re;
	size_t nre;
	char **argv;	/* the command, NULL if none */
	char *where;	/* "file:line" of the command, for messages */
};

/* Name and value (text as found, empty when unknown) of each metric. */
struct metrics {
	char **names, **vals;
	size_t n;
};

/* Loads the plugin of app; a bad config ends the program (status 2). */
void plugin_load(struct plugin *p, const char *confdir, const char *app);
void plugin_free(struct plugin *p);
/* 1 if name may not be a metric (a column of the pipeline or ours). */
int metric_reserved(const char *name);

/*
 * Runs the plugin in run folder dir: every metric it declares lands in m
 * (empty value when unknown); each problem is added to why ("; " between).
 */
void plugin_run(const struct plugin *p, const char *dir, long timeout,
	struct metrics *m, struct buf *why);
void metrics_free(struct metrics *m);
/* Adds a problem to a "; "-separated list. */
void why_add(struct buf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
