/*
 * -b: every experiment and metric against the same experiment (by id) of
 * an earlier report, read from its summary.csv: Welch's test with Holm's
 * correction over the experiments of each metric, Fieller's CI of the
 * ratio new / old.
 */
#ifndef VSP_REPORT_BASELINE_H
#define VSP_REPORT_BASELINE_H

#include "buf.h"
#include "report.h"

enum change { C_SAME, C_FASTER, C_SLOWER, C_UNKNOWN };

struct base_row {
	size_t exp, metric;	/* indexes in the report */
	struct sample now, old;
	struct welch w;
	double p_holm;
	enum change change;
};

struct baseline {
	char *dir;
	struct base_row *v;
	size_t n;
	size_t count[4];	/* by change */
	size_t unmatched;	/* experiments of the report not in the baseline */
};

/* Reads dir/summary.csv and compares; needs compare_all's shapes. */
void baseline_load(struct baseline *b, const struct report *r,
	const char *dir);
/* baseline.csv. */
void baseline_write(const struct baseline *b, const struct report *r,
	const char *dir);
const char *baseline_change(enum change c);
/* "3 faster, 1 slower, 40 within noise" */
void baseline_counts(const struct baseline *b, struct buf *out);
void baseline_free(struct baseline *b);

#endif
