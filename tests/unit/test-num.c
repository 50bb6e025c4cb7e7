/* lib/num: whole-field numbers with bounds. */
#include <limits.h>

#include "num.h"
#include "tap.h"

static void
l(const char *s, long min, long max, int rc, long want)
{
	long v = -12345;
	int got = num_long(s, min, max, &v);

	if (is_long(got, rc, s) && rc == 0)
		is_long(v, want, s);
	else if (rc != 0)
		is_long(v, -12345, "no value stored on error");
}

static void
d(const char *s, int rc, double want)
{
	double v = -1;
	int got = num_double(s, &v);

	if (is_long(got, rc, s) && rc == 0)
		ok(v == want, s);
}

int
main(void)
{
	l("0", 0, 10, 0, 0);
	l("12", 1, 12, 0, 12);
	l("-1", -1, 12, 0, -1);
	l("+3", 0, 10, 0, 3);
	l("007", 0, 10, 0, 7);
	l("13", 1, 12, -2, 0);
	l("0", 1, 12, -2, 0);
	l("-2", -1, 12, -2, 0);
	l("99999999999999999999", LONG_MIN, LONG_MAX, -2, 0);
	l("", 0, 10, -1, 0);
	l(" 1", 0, 10, -1, 0);
	l("1 ", 0, 10, -1, 0);
	l("1x", 0, 10, -1, 0);
	l("x", 0, 10, -1, 0);
	l("1.0", 0, 10, -1, 0);
	l("0x10", 0, 100, -1, 0);
	l("-", 0, 10, -1, 0);
	is_str(num_reason(-1), "is not an integer", "reason -1");
	is_str(num_reason(-2), "is out of range", "reason -2");

	d("0.25", 0, 0.25);
	d("1", 0, 1);
	d("-3e2", 0, -300);
	d("", -1, 0);
	d(" 1", -1, 0);
	d("1x", -1, 0);
	d("inf", -1, 0);
	d("nan", -1, 0);
	d("1e999", -1, 0);
	return done();
}
