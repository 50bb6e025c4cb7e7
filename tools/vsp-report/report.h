/*
 * vsp-report's model: the experiments and executions of every input,
 * with the union of their columns in order of first appearance.
 */
#ifndef VSP_REPORT_H
#define VSP_REPORT_H

#include <stddef.h>

#include "stats.h"
#include "welch.h"

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

/* An experiment against the best placement of its shape, for one metric
 * (compare.c). */
enum verdict {
	V_NONE,		/* not compared: no value, or alone in its shape */
	V_BEST,
	V_WORSE,	/* significantly, after Holm's correction */
	V_TIE,		/* not significantly different from the best */
	V_UNKNOWN	/* untestable: it or the best has fewer than 2 values */
};

struct versus {
	enum verdict verdict;
	size_t best;		/* the best experiment, index in report.exps */
	struct welch w;		/* this one against the best */
	double p_holm;
	long runs;		/* V_TIE: runs each to tell them apart; 0: none */
};

/* Experiments that differ only in placement (idf, pstrat). */
struct shape {
	size_t *exps;		/* indexes in report.exps */
	size_t n;
	char *label;		/* "ep nc 4 cpv 2" */
	int *higher;		/* by metric: 1 if higher is better */
};

struct experiment {
	char *exp;
	char *hash;
	struct execution **x;	/* sorted by run */
	size_t nx, nok, nfailed;
	struct stats *st;	/* by metric, over ok executions */
	size_t shape;		/* index in report.shapes */
	struct versus *vs;	/* by metric; NULL before compare_all */
};

struct report {
	struct names params;	/* experiment columns but exp (app nc cpv ...) */
	struct names fields;	/* execution columns after run (job ... exit) */
	struct names metrics;
	struct execution **x;
	size_t nx, capx;
	struct experiment *exps;
	size_t nexps;
	struct shape *shapes;
	size_t nshapes;
	int answer;		/* the metric of the answers, -1 if none */
};

size_t names_add(struct names *n, const char *name);
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
