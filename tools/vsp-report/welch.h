/*
 * Two independent samples, a against b, by their means and standard
 * deviations: Welch's t-test of a = b, Fieller's confidence interval of
 * the ratio of means a / b with Welch-Satterthwaite degrees of freedom
 * (Tamhane and Logan 2004, as R's mratios::ttestratio with unequal
 * variances), Holm's correction and the runs a test needs.
 */
#ifndef VSP_REPORT_WELCH_H
#define VSP_REPORT_WELCH_H

#include <stddef.h>

/* One sample as a summary: size, mean, sample standard deviation. */
struct sample {
	size_t n;
	double mean, sd;
};

struct welch {
	double ratio;		/* a.mean / b.mean; NAN if b.mean is 0 */
	double lo, hi;		/* 95% CI of the ratio; NAN: unbounded or untestable */
	double t, df, p;	/* NAN when untestable (a sample of fewer than 2) */
};

/* Compares a with b at confidence 1 - alpha (0.05: 95%). */
void welch_compare(const struct sample *a, const struct sample *b,
	double alpha, struct welch *w);
/* Holm's step-down adjustment of the p-values p[0..n-1] into adj (NAN
 * values are left out of the count and stay NAN). */
void welch_holm(const double *p, size_t n, double *adj);
/*
 * The runs per sample a two-sided Welch test at level alpha needs to find
 * the difference of the means of a and b with the given power, at their
 * standard deviations (the noncentral t approximated by a central t
 * shifted by the effect). 0 when there is nothing to find (equal means,
 * no spread, a sample of fewer than 2) or more than WELCH_RUNS_MAX.
 */
long welch_runs(const struct sample *a, const struct sample *b, double alpha,
	double power);
#define WELCH_RUNS_MAX 1000000L

#endif
