/* lib/buf: single quoting (sh, gnuplot) and reading a stream. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

int
main(void)
{
	struct buf b = { 0 };
	char big[20000];
	FILE *fp;

	buf_squote(&b, "it's\ta", "'\\''", 0);
	is_buf(&b, "'it'\\''s\ta'", "sh: ' closed, escaped, reopened");
	buf_squote(&b, "it's\ta", "''", ' ');
	is_buf(&b, "'it''s a'", "gnuplot: '' and a control character as a blank");

	memset(big, 'x', sizeof big);
	fp = fmemopen(big, sizeof big, "r");
	is_long(buf_read(&b, fp, 0), 0, "read to the end");
	is_long((long)b.len, (long)sizeof big, "all of it");
	rewind(fp);
	buf_reset(&b);
	buf_read(&b, fp, 100);
	ok(b.len > 100 && b.len < sizeof big, "max: stops once past it");
	fclose(fp);
	buf_free(&b);
	return done();
}
