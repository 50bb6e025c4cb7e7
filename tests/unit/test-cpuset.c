/* lib/cpuset: libvirt cpuset syntax, canonical printing, exclusions. */
#include <stdlib.h>

#include "cpuset.h"
#include "tap.h"

/* Parses s and prints it back. */
static void
round_trip(const char *s, const char *want)
{
	struct cpuset cs;
	struct buf b = { 0 };
	char err[256], *name;

	cpuset_init(&cs);
	name = malloc(strlen(s) + 16);
	sprintf(name, "\"%s\" parses", s);
	if (ok(cpuset_parse(&cs, s, err, sizeof err) == 0, name)) {
		cpuset_print(&cs, &b);
		sprintf(name, "\"%s\" prints", s);
		is_str(buf_str(&b), want, name);
	} else {
		printf("# %s\n", err);
	}
	free(name);
	buf_free(&b);
	cpuset_free(&cs);
}

static void
bad(const char *s, const char *want)
{
	struct cpuset cs;
	char err[256];

	cpuset_init(&cs);
	if (ok(cpuset_parse(&cs, s, err, sizeof err) == -1, s))
		is_str(err, want, s);
	cpuset_free(&cs);
}

int
main(void)
{
	struct cpuset a, b;
	struct buf out = { 0 };
	char err[256];

	round_trip("0", "0");
	round_trip("3,1,2", "1-3");
	round_trip("0-3,8", "0-3,8");
	round_trip("0,2,4", "0,2,4");
	round_trip("0,1", "0-1");
	round_trip("5-5", "5");
	round_trip("0-11,^4", "0-3,5-11");
	round_trip("0-7,^0,^7", "1-6");
	round_trip("^3,2-4", "2-4");
	round_trip("2-4,^3,3", "2-4");
	round_trip("1,1,1", "1");
	round_trip("63,64,65", "63-65");
	round_trip("65535", "65535");
	round_trip("0-1023", "0-1023");

	bad("", "cpuset \"\" is malformed");
	bad("a", "cpuset \"a\" is malformed");
	bad("1,", "cpuset \"1,\" is malformed");
	bad(",1", "cpuset \",1\" is malformed");
	bad("1,,2", "cpuset \"1,,2\" is malformed");
	bad("3-1", "cpuset \"3-1\" is malformed");
	bad("1-", "cpuset \"1-\" is malformed");
	bad("-1", "cpuset \"-1\" is malformed");
	bad("1 ,2", "cpuset \"1 ,2\" is malformed");
	bad(" 1", "cpuset \" 1\" is malformed");
	bad("^1-3", "cpuset \"^1-3\" is malformed");
	bad("1;2", "cpuset \"1;2\" is malformed");
	bad("65536", "cpuset \"65536\" is malformed");
	bad("99999999999999999999", "cpuset \"99999999999999999999\" is malformed");
	bad("^1", "cpuset \"^1\" is empty");
	bad("1,^1", "cpuset \"1,^1\" is empty");

	cpuset_init(&a);
	cpuset_init(&b);
	cpuset_add(&a, 3);
	cpuset_add(&a, 200);
	ok(cpuset_has(&a, 200) && cpuset_has(&a, 3) && !cpuset_has(&a, 4) &&
	    !cpuset_has(&a, 100000), "add and has, growing");
	is_long((long)cpuset_count(&a), 2, "count");
	cpuset_parse(&b, "200,3", err, sizeof err);
	ok(cpuset_equal(&a, &b), "equal across capacities");
	cpuset_add(&b, 4);
	ok(!cpuset_equal(&a, &b), "not equal");
	cpuset_parse(&b, "7", err, sizeof err);
	cpuset_print(&b, &out);
	is_str(buf_str(&out), "7", "parse clears what was there");
	cpuset_clear(&a);
	is_long((long)cpuset_count(&a), 0, "clear");
	cpuset_free(&a);
	cpuset_free(&b);
	buf_free(&out);
	return done();
}
