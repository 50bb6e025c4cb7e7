/* lib/numlist: lists, ranges, all, negatives, errors. */
#include <stdlib.h>

#include "buf.h"
#include "numlist.h"
#include "tap.h"

static void
good(const char *s, long lo, long hi, const char *want)
{
	struct numlist l;
	struct buf b = { 0 };
	char err[256];
	size_t i;

	if (ok(numlist_parse(&l, s, lo, hi, err, sizeof err) == 0, s)) {
		for (i = 0; i < l.n; i++)
			buf_addf(&b, i ? ",%ld" : "%ld", l.v[i]);
		is_str(buf_str(&b), want, s);
		numlist_free(&l);
	} else {
		printf("# %s\n", err);
	}
	buf_free(&b);
}

static void
bad(const char *s, const char *want)
{
	struct numlist l;
	char err[256];

	if (ok(numlist_parse(&l, s, 1, 4, err, sizeof err) == -1, s))
		is_str(err, want, s);
	ok(l.v == NULL && l.n == 0, "nothing kept");
}

int
main(void)
{
	struct numlist l;
	char err[256];

	good("1,2,4", 0, 0, "1,2,4");
	good("4,1,2,1", 0, 0, "1,2,4");
	good("1-12", 0, 0, "1,2,3,4,5,6,7,8,9,10,11,12");
	good("all", 1, 4, "1,2,3,4");
	good("all,7", 1, 4, "1,2,3,4,7");
	good("-1,4-6", 0, 0, "-1,4,5,6");
	good("-3--1", 0, 0, "-3,-2,-1");
	good("-1-1", 0, 0, "-1,0,1");
	good("5-5", 0, 0, "5");
	good("0", 0, 0, "0");
	good("99,100", 1, 4, "99,100");
	bad("", "\"\" has an empty item");
	bad(",", "\",\" has an empty item");
	bad("1,,2", "\"1,,2\" has an empty item");
	bad("1,2,", "\"1,2,\" has an empty item");
	bad(",1", "\",1\" has an empty item");
	bad("x", "\"x\" is not a number or range");
	bad("1,x", "\"x\" is not a number or range");
	bad("3-1", "\"3-1\" is not a number or range");
	bad("1-", "\"1-\" is not a number or range");
	bad("1.5", "\"1.5\" is not a number or range");
	bad("1-2-3", "\"1-2-3\" is not a number or range");
	bad("0-10000000", "range \"0-10000000\" is too large");
	bad("0-99999999", "\"0-99999999\" is not a number or range");
	bad("ALL", "\"ALL\" is not a number or range");

	numlist_parse(&l, "2,8,4", 0, 0, err, sizeof err);
	ok(numlist_has(&l, 2) && numlist_has(&l, 4) && numlist_has(&l, 8),
	    "has its values");
	ok(!numlist_has(&l, 3) && !numlist_has(&l, 0) && !numlist_has(&l, 9),
	    "has no others");
	numlist_free(&l);
	return done();
}
