/* lib/strv: the index of a string in an array (the name rule: test-name),
 * freeing one. */
#include <stdlib.h>

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
	/* up to its NULL (the leak check of make SAN=1 sees the rest) */
	own = xcalloc(3, sizeof *own);
	own[0] = xstrdup("a");
	own[1] = xstrdup("b");
	strv_free(own, STRV_NULL);
	strv_free(NULL, STRV_NULL);
	ok(1, "freed up to NULL, and NULL");
	return done();
}
