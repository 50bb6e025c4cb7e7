/* lib/strv: the index of a string in an array; lib/conf's name rule. */
#include <stdlib.h>

#include "conf.h"
#include "err.h"
#include "strv.h"
#include "tap.h"

int
main(void)
{
	char *const fixed[] = { "vm", "node", "slot", NULL };
	char **own = xcalloc(2, sizeof *own);

	is_long(strv_index(fixed, STRV_NULL, "node"), 1, "found before NULL");
	is_long(strv_index(fixed, STRV_NULL, "pin"), -1, "not found: -1");
	is_long(strv_index(fixed, 1, "node"), -1, "only the first n");
	is_long(strv_index(fixed, 0, "vm"), -1, "none");
	own[0] = xstrdup("a");
	own[1] = xstrdup("b");
	is_long(strv_index(own, 2, "b"), 1, "counted array");
	strv_free(own, 2);
	ok(conf_name_ok("node-01.lab_x"), "a host name");
	ok(!conf_name_ok("") && !conf_name_ok("-a") && !conf_name_ok(".a") &&
	    !conf_name_ok("a b") && !conf_name_ok("a/b") && !conf_name_ok("a:1"),
	    "not a host name");
	return done();
}
