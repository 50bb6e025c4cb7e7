/* lib/operand: a path, or "-" or none for stdin. */
#include <errno.h>
#include <stdio.h>

#include "operand.h"
#include "tap.h"

int
main(void)
{
	FILE *fp;

	ok(operand_fopen(NULL) == stdin, "none is stdin");
	ok(operand_fopen("-") == stdin, "- is stdin");
	is_str(operand_name(NULL), "stdin", "name of none");
	is_str(operand_name("-"), "stdin", "name of -");
	is_str(operand_name("a.tsv"), "a.tsv", "name of a file");
	errno = 0;
	ok(!operand_fopen("/nonexistent/x") && errno == ENOENT,
	    "a missing file: NULL and errno");
	fp = operand_fopen("/dev/null");
	ok(fp && fp != stdin, "a file");
	operand_close(fp);
	operand_close(stdin);
	ok(!ferror(stdin) && fileno(stdin) == 0, "stdin stays open");
	return done();
}
