#include <math.h>
#include <stdlib.h>

#include "stats.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
stats_quantile(const double *v, size_t n, double p)
{
	double h = (double)(n - 1) * p, lo = floor(h);
	size_t i = (size_t)lo;

	double f = h - lo;

	if (i + 1 >= n || f == 0)
		return v[i < n ? i : n - 1];
	return (1 - f) * v[i] + f * v[i + 1];
}

/* Continued fraction of the regularized incomplete beta (modified Lentz). */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, del, aa;
	int m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 10000; m++) {
		aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

static double
beta_reg(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

/* P(T <= t) for t >= 0. */
static double
t_cdf(double t, double df)
{
	return 1 - 0.5 * beta_reg(df / 2, 0.5, df / (df + t * t));
}

double
stats_t_sf2(double t, double df)
{
	return beta_reg(df / 2, 0.5, df / (df + t * t));
}

double
stats_t_quantile(double p, double df)
{
	double lo = 0, hi = 1, mid;
	int i;

	if (p < 0.5)
		return -stats_t_quantile(1 - p, df);
	while (t_cdf(hi, df) < p)
		hi *= 2;
	for (i = 0; i < 200 && hi - lo > 0; i++) {
		mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi)
			break;
		if (t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

/* Neumaier's compensated sum: the mean of exact decimals stays exact. */
static double
sum_exact(const double *v, size_t n)
{
	double sum = 0, c = 0, t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = sum + v[i];
		c += fabs(sum) >= fabs(v[i]) ? (sum - t) + v[i] : (v[i] - t) + sum;
		sum = t;
	}
	return sum + c;
}

void
stats_compute(double *v, size_t n, struct stats *s)
{
	double sum = 0, ss = 0, dev, half, iqr;
	size_t i;

	*s = (struct stats){ .n = n };
	if (!n)
		return;
	qsort(v, n, sizeof *v, cmp_double);
	s->mean = sum_exact(v, n) / (double)n;
	/* A second pass over the deviations keeps sd precise for close values;
	 * their sum corrects the rounding of the mean (Chan et al.). */
	for (i = 0, sum = 0; i < n; i++) {
		dev = v[i] - s->mean;
		ss += dev * dev;
		sum += dev;
	}
	s->min = v[0];
	s->max = v[n - 1];
	s->median = stats_quantile(v, n, 0.5);
	s->q1 = stats_quantile(v, n, 0.25);
	s->q3 = stats_quantile(v, n, 0.75);
	if (n >= 2) {
		s->sd = sqrt((ss - sum * sum / (double)n) / (double)(n - 1));
		half = stats_t_quantile(0.975, (double)(n - 1)) * s->sd /
		    sqrt((double)n);
		s->ci_lo = s->mean - half;
		s->ci_hi = s->mean + half;
	}
	if (n >= STATS_OUTLIER_MIN) {
		iqr = s->q3 - s->q1;
		s->fence_lo = s->q1 - 1.5 * iqr;
		s->fence_hi = s->q3 + 1.5 * iqr;
	}
}

int
stats_outlier(const struct stats *s, double x)
{
	return s->n >= STATS_OUTLIER_MIN && (x < s->fence_lo || x > s->fence_hi);
}
