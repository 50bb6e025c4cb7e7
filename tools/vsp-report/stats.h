/*
 * Descriptive statistics of a sample: mean, sample standard deviation,
 * Student-t 95% confidence interval of the mean, quartiles (linear
 * interpolation, R type 7) and Tukey's 1.5 IQR outlier fences.
 */
#ifndef VSP_STATS_H
#define VSP_STATS_H

#include <stddef.h>

struct stats {
	size_t n;
	double mean, min, max, median, q1, q3;
	double sd;		/* n >= 2 */
	double ci_lo, ci_hi;	/* n >= 2 */
	double fence_lo, fence_hi;	/* n >= STATS_OUTLIER_MIN */
};

/* Fewer values than this give no outlier fences. */
#define STATS_OUTLIER_MIN 4

/* Sorts v in place and describes it; n may be 0 (only s->n is set). */
void stats_compute(double *v, size_t n, struct stats *s);
/* 1 if x lies outside the fences (never with fewer than STATS_OUTLIER_MIN). */
int stats_outlier(const struct stats *s, double x);
/* The p-quantile (0 < p < 1) of Student's t with df degrees of freedom. */
double stats_t_quantile(double p, double df);
/* P(|T| >= |t|) of Student's t with df degrees of freedom: the two-sided
 * p-value of t. */
double stats_t_sf2(double t, double df);
/* p-quantile of sorted v[0..n-1], n >= 1, R type 7. */
double stats_quantile(const double *v, size_t n, double p);

#endif
