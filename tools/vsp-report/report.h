/*
 * vsp-report's model: the experiments and executions of every input,
 * with the union of their columns in order of first appearance.
 */
#ifndef VSP_REPORT_H
#define VSP_REPORT_H

#include <stddef.h>

#include "stats.h"

/* Column names in order of first appearance. */
struct names {
	char **v;
	size_t n;
};

struct execution {
	char *exp;
	long run;
	char **params;		/* by report.params; NULL: column absent */
	char *hash;		/* config_hash column, or NULL */
	char **fields;		/* by report.fields (job outdir state exit ...) */
	char **text;		/* metric values as read, by report.metrics */
	double *val;		/* NAN when unknown */
	size_t nparams, nfields, nmetrics;	/* sizes when read */
	int ok;			/* status ok */
	char *reason;
	char *source;		/* "file:line" */
	char *mondir;		/* folder of the series files, or NULL */
	char *series;		/* series file in the report, or NULL */
	size_t seq;		/* input order */
	size_t expi;		/* index in report.exps */
};

struct experiment {
	char *exp;
	char *hash;
	struct execution **x;	/* sorted by run */
	size_t nx, nok, nfailed;
	struct stats *st;	/* by metric, over ok executions */
};

struct report {
	struct names params;	/* experiment columns but exp (app nc cpv ...) */
	struct names fields;	/* execution columns after run (job ... exit) */
	struct names metrics;
	struct execution **x;
	size_t nx, capx;
	struct experiment *exps;
	size_t nexps;
};

size_t names_add(struct names *n, const char *name);
/* 1 if name is a column the report's tables add (exp, run, status, ...). */
int report_own_column(const char *name);
int names_find(const struct names *n, const char *name);

/* Value of a column of an execution, "" when absent. */
const char *x_param(const struct execution *x, const struct report *r,
	const char *name);
const char *x_field(const struct execution *x, size_t i);
const char *x_metric(const struct execution *x, size_t i);
double x_value(const struct execution *x, size_t i);

/* Adds an execution (ownership passes to the report). */
void report_add(struct report *r, struct execution *x);
/* Groups executions into experiments, checks them, computes statistics. */
void report_build(struct report *r);
void report_free(struct report *r);
/* 1 if x is an outlier for metric i of its experiment. */
int report_outlier(const struct report *r, const struct execution *x,
	size_t i);

/* input.c: metrics.tsv rows; run folders and results roots. */
void input_tsv(struct report *r, const char *path);
void input_results(struct report *r, const char *dir);
/* import.c: a consolidated folder of the original Vespa. */
void input_vespa(struct report *r, const char *dir);

#endif
