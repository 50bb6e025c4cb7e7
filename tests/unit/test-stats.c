/* vsp-report's stats, dfmt and sha256 against published values. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dfmt.h"
#include "sha256.h"
#include "stats.h"
#include "tap.h"

/* got within tol (relative) of want. */
static void
near(double got, double want, double tol, const char *what)
{
	if (!ok(fabs(got - want) <= tol * fabs(want), what))
		printf("#   got: %.17g\n#  want: %.17g\n", got, want);
}

int
main(void)
{
	/* t(0.975, df) from tables (R's qt). */
	static const double t975[][2] = { { 1, 12.706204736174707 },
	    { 2, 4.302652729749464 }, { 3, 3.182446305284263 },
	    { 4, 2.7764451051977934 },
	    { 29, 2.0452296421327034 }, { 1000, 1.9623390808264074 } };
	double v[] = { 5, 1, 4, 2, 3, 100 }, w[] = { 7 };
	struct stats s;
	struct sha256 c;
	char hex[65], buf[DFMT_MAX], a[1000];
	size_t i;

	for (i = 0; i < sizeof t975 / sizeof *t975; i++)
		near(stats_t_quantile(0.975, t975[i][0]), t975[i][1], 1e-12,
		    "t quantile");
	near(stats_t_quantile(0.025, 4), -2.7764451051977934, 1e-12,
	    "lower t quantile");
	stats_compute(v, 6, &s);
	near(s.mean, 115.0 / 6, 1e-15, "mean");
	near(s.median, 3.5, 0, "median");
	near(s.q1, 2.25, 0, "q1 (type 7)");
	near(s.q3, 4.75, 0, "q3 (type 7)");
	near(s.sd, sqrt((7850.0 + 5.0 / 6) / 5), 1e-14, "sd");
	ok(stats_outlier(&s, 100) && !stats_outlier(&s, 5) &&
	    !stats_outlier(&s, 1), "Tukey fences");
	stats_compute(w, 1, &s);
	ok(s.n == 1 && s.mean == 7 && s.median == 7 && !stats_outlier(&s, 70),
	    "a single value: no sd, no outliers");
	is_str(dfmt(buf, 24.3 / 2 + 24.6 / 2), "24.45", "dfmt of a decimal");
	is_str(dfmt(buf, 1.0 / 3), "0.333333333333333", "dfmt: 15 digits");
	is_str(dfmt(buf, 1e20), "1e+20", "dfmt: big");
	is_str(dfmt(buf, -0.0), "0", "dfmt: -0");
	sha256_init(&c);
	sha256_add(&c, "abc", 3);
	sha256_hex(&c, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "sha256(abc)");
	sha256_init(&c);
	memset(a, 'a', sizeof a);
	for (i = 0; i < 1000; i++)
		sha256_add(&c, a, sizeof a);
	sha256_hex(&c, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "sha256 of a million a");
	return done();
}
