/* lib/name: the one rule for names. */
#include <string.h>

#include "name.h"
#include "tap.h"

int
main(void)
{
	char longest[NAME_MAX_LEN + 2];

	ok(name_ok("npb-ep") && name_ok("a.b_c") && name_ok("X1") &&
	    name_ok("node01") && name_ok("a..b") && name_ok("0") &&
	    name_ok("node-01.lab_x"),
	    "plain names");
	ok(!name_ok("") && !name_ok("-a") && !name_ok(".a") && !name_ok("..") &&
	    !name_ok("a b") && !name_ok("a/b") && !name_ok("a+b") &&
	    !name_ok("a;b") && !name_ok("a\tb") && !name_ok("a:b") && !name_ok("a:1") &&
	    !name_ok("\xc3\xa9"), "names that are no file or host names");
	memset(longest, 'a', NAME_MAX_LEN);
	longest[NAME_MAX_LEN] = '\0';
	ok(name_ok(longest), "255 characters");
	longest[NAME_MAX_LEN] = 'a';
	longest[NAME_MAX_LEN + 1] = '\0';
	ok(!name_ok(longest), "256 characters");
	ok(addr_ok("10.0.0.1") && addr_ok("fe80::1%eth0") && addr_ok("vm-1"),
	    "addresses");
	ok(!addr_ok("") && !addr_ok("-a") && !addr_ok("a b") && !addr_ok("a/b"),
	    "no addresses");
	return done();
}
