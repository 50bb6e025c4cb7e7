/*
 * The metric plugin of an application, section [Metrics] of
 * apps/<app>/application.config: regex.<name> = stdout:<ERE> or
 * stderr:<ERE> (the first capture group of the first matching line), and
 * command = <path> [args] (prints name<TAB>value lines in the run folder).
 * vsp-gen checks it before any run; vsp-collect runs it.
 */
#ifndef VSP_METRICDEF_H
#define VSP_METRICDEF_H

#include <regex.h>

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

/* Loads the plugin of app; a bad config ends the program (status 2). */
void plugin_load(struct plugin *p, const char *confdir, const char *app);
void plugin_free(struct plugin *p);
/* 1 if name may not be a metric (a column of the pipeline or ours). */
int metric_reserved(const char *name);

#endif
