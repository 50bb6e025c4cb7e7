#include <math.h>
#include <stdlib.h>

#include "err.h"
#include "stats.h"
#include "welch.h"

void
welch_compare(const struct sample *a, const struct sample *b, double alpha,
    struct welch *w)
{
	double va, vb, r, df, q, A, B, C, D;

	w->ratio = b->mean != 0 ? a->mean / b->mean : NAN;
	w->lo = w->hi = w->t = w->df = w->p = NAN;
	if (a->n < 2 || b->n < 2)
		return;
	va = a->sd * a->sd / (double)a->n;
	vb = b->sd * b->sd / (double)b->n;
	if (va + vb == 0) {	/* no spread: the means are the truth */
		w->p = a->mean == b->mean ? 1 : 0;
		w->lo = w->hi = w->ratio;
		return;
	}
	w->t = (a->mean - b->mean) / sqrt(va + vb);
	w->df = (va + vb) * (va + vb) / (va * va / (double)(a->n - 1) +
	    vb * vb / (double)(b->n - 1));
	w->p = stats_t_sf2(w->t, w->df);
	if (isnan(w->ratio))
		return;
	/* Fieller: the rho with (ma - rho mb)^2 <= q^2 (va + rho^2 vb), the
	 * degrees of freedom those of ma - r mb at the estimate r. */
	r = w->ratio;
	df = (va + r * r * vb) * (va + r * r * vb) / (va * va /
	    (double)(a->n - 1) + r * r * r * r * vb * vb / (double)(b->n - 1));
	q = stats_t_quantile(1 - alpha / 2, df);
	A = b->mean * b->mean - q * q * vb;
	B = -2 * a->mean * b->mean;
	C = a->mean * a->mean - q * q * va;
	D = B * B - 4 * A * C;
	if (A <= 0 || D < 0)
		return;	/* b's mean may be 0: no bounded interval */
	w->lo = (-B - sqrt(D)) / (2 * A);
	w->hi = (-B + sqrt(D)) / (2 * A);
}

static const double *holm_p;

static int
cmp_index(const void *x, const void *y)
{
	double a = holm_p[*(const size_t *)x], b = holm_p[*(const size_t *)y];

	if (a != b)
		return a < b ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

void
welch_holm(const double *p, size_t n, double *adj)
{
	size_t *order = xcalloc(n + 1, sizeof *order), m = 0, i;
	double run = 0, v;

	for (i = 0; i < n; i++) {
		adj[i] = NAN;
		if (!isnan(p[i]))
			order[m++] = i;
	}
	holm_p = p;
	if (m)
		qsort(order, m, sizeof *order, cmp_index);
	for (i = 0; i < m; i++) {
		v = (double)(m - i) * p[order[i]];
		v = v > 1 ? 1 : v;
		run = v > run ? v : run;	/* adjusted p-values never decrease */
		adj[order[i]] = run;
	}
	free(order);
}

/* 1 if n runs per sample reach the power. */
static int
enough(double d, double s2a, double s2b, long n, double alpha, double power)
{
	double se = sqrt((s2a + s2b) / (double)n), df;

	df = (double)(n - 1) * (s2a + s2b) * (s2a + s2b) / (s2a * s2a + s2b * s2b);
	return d / se >= stats_t_quantile(1 - alpha / 2, df) +
	    stats_t_quantile(power, df);
}

long
welch_runs(const struct sample *a, const struct sample *b, double alpha,
    double power)
{
	double d = fabs(a->mean - b->mean), s2a = a->sd * a->sd,
	    s2b = b->sd * b->sd;
	long lo = 1, hi = 2;

	if (a->n < 2 || b->n < 2 || d == 0 || s2a + s2b == 0)
		return 0;
	while (!enough(d, s2a, s2b, hi, alpha, power)) {
		if (hi >= WELCH_RUNS_MAX)
			return 0;
		lo = hi;
		hi = hi * 2 > WELCH_RUNS_MAX ? WELCH_RUNS_MAX : hi * 2;
	}
	while (hi - lo > 1) {	/* enough(hi), not enough(lo) */
		long mid = lo + (hi - lo) / 2;

		if (enough(d, s2a, s2b, mid, alpha, power))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}
