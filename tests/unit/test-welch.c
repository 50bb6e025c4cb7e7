/* tools/vsp-report/welch against values computed independently. */
#include <math.h>
#include <stdio.h>

#include "stats.h"
#include "tap.h"
#include "welch.h"

static void
near(double got, double want, double tol, const char *what)
{
	if (!ok(fabs(got - want) <= tol * fabs(want), what))
		printf("#   got: %.17g\n#  want: %.17g\n", got, want);
}

static struct sample
sample_of(double *v, size_t n)
{
	struct stats st;
	struct sample s;

	stats_compute(v, n, &st);
	s.n = n;
	s.mean = st.mean;
	s.sd = st.sd;
	return s;
}

int
main(void)
{
	/* Wikipedia, "Welch's t-test", example 1. */
	double a1[] = { 27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9,
	    22.6, 23.1, 19.6, 19.0, 21.7, 21.4 };
	double a2[] = { 27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8,
	    20.2, 21.9, 22.1, 22.9, 20.5, 24.4 };
	double p[] = { 0.01, 0.04, 0.03, 0.005 }, adj[4];
	double q[] = { 0.2, NAN, 0.01 }, qadj[3];
	struct sample a = sample_of(a2, 15), b = sample_of(a1, 15);
	struct sample c = { 3, 100, 1 }, d = { 3, 100.5, 1 };
	struct sample one = { 1, 5, 0 }, flat = { 4, 5, 0 }, flat2 = { 4, 6, 0 };
	struct welch w;

	/* SciPy 1.10.1: stats.ttest_ind(a2, a1, equal_var=False) and
	 * Fieller's bounds from numpy.roots with stats.t.ppf. */
	welch_compare(&a, &b, 0.05, &w);
	near(w.ratio, 1.1040666026256805, 1e-12, "ratio of the means");
	near(w.t, 2.455356398286006, 1e-9, "Welch's t");
	near(w.p, 0.021378001462866985, 1e-9, "Welch's two-sided p");
	near(w.lo, 1.0155934160550457, 1e-9, "Fieller's lower bound");
	near(w.hi, 1.2039997967042204, 1e-9, "Fieller's upper bound");
	welch_compare(&a, &a, 0.05, &w);
	ok(w.p == 1 && w.t == 0, "a sample against itself: t 0, p 1");

	welch_compare(&one, &c, 0.05, &w);
	ok(isnan(w.p) && isnan(w.lo) && w.ratio == 0.05, "n 1: no test, a ratio");
	welch_compare(&flat, &flat2, 0.05, &w);
	ok(w.p == 0 && w.lo == w.ratio && w.hi == w.ratio, "no spread, different means: p 0");
	welch_compare(&flat, &flat, 0.05, &w);
	ok(w.p == 1, "no spread, equal means: p 1");

	/* Holm by hand: sorted 0.005 0.01 0.03 0.04 times 4 3 2 1, running
	 * maximum: 0.02 0.03 0.06 0.06 (as R's p.adjust(p, "holm")). */
	welch_holm(p, 4, adj);
	near(adj[0], 0.03, 1e-15, "Holm: 0.01 -> 0.03");
	near(adj[1], 0.06, 1e-15, "Holm: 0.04 -> 0.06 (never below a smaller p's)");
	near(adj[2], 0.06, 1e-15, "Holm: 0.03 -> 0.06");
	near(adj[3], 0.02, 1e-15, "Holm: 0.005 -> 0.02");
	welch_holm(q, 3, qadj);
	ok(isnan(qadj[1]) && fabs(qadj[2] - 0.02) < 1e-15 &&
	    fabs(qadj[0] - 0.2) < 1e-15, "Holm: NAN is not counted and stays NAN");

	/* Cohen (1988), table 2.4.1; R's pwr.t.test(d, power = 0.8): n =
	 * 63.77, 25.52, 16.71 per group. */
	ok(welch_runs(&c, &d, 0.05, 0.8) == 64, "runs for d = 0.5: 64");
	d.mean = 100.8;
	ok(welch_runs(&c, &d, 0.05, 0.8) == 26, "runs for d = 0.8: 26");
	d.mean = 101;
	ok(welch_runs(&c, &d, 0.05, 0.8) == 17, "runs for d = 1: 17");
	ok(welch_runs(&c, &c, 0.05, 0.8) == 0, "equal means: nothing to find");
	d.mean = 100.0001;
	ok(welch_runs(&c, &d, 0.05, 0.8) == 0, "beyond WELCH_RUNS_MAX: 0");
	ok(welch_runs(&one, &d, 0.05, 0.8) == 0, "n 1: no spread known");
	return done();
}
