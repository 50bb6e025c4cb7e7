/* Runs the metric plugin of an application (lib/metricdef) in a run folder. */
#ifndef VSP_COLLECT_PLUGIN_H
#define VSP_COLLECT_PLUGIN_H

#include "buf.h"
#include "metricdef.h"

/* Name and value (text as found, empty when unknown) of each metric. */
struct metrics {
	char **names, **vals;
	size_t n;
};

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
