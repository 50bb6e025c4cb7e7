/* lib/tsv: header rules, escapes both ways, field counts, bad bytes, output
 * schema, groups, long lines. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "tsv.h"
#include "tap.h"

static FILE *
input(const char *s, size_t n)
{
	FILE *fp = tmpfile();

	if (!fp || fwrite(s, 1, n, fp) != n || fseek(fp, 0, SEEK_SET))
		die(EXIT_FAIL, "tmpfile");
	return fp;
}

#define IN(s) input(s, sizeof(s) - 1)

/* Opens s: the header's result, with the message if it failed. */
static int
open_s(struct tsv_reader *r, FILE *fp)
{
	return tsv_open(r, fp, "t");
}

static void
header_err(const char *s, size_t n, const char *want, const char *name)
{
	struct tsv_reader r;
	FILE *fp = input(s, n);

	if (ok(open_s(&r, fp) == -1, name))
		is_str(r.err, want, name);
	tsv_close(&r);
	fclose(fp);
}

static void
row_err(const char *s, size_t n, const char *want, const char *name)
{
	struct tsv_reader r;
	FILE *fp = input(s, n);
	int rc;

	if (!ok(open_s(&r, fp) == 0, name))
		printf("# %s\n", r.err);
	while ((rc = tsv_next(&r)) == 1)
		;
	if (ok(rc == -1, name))
		is_str(r.err, want, name);
	tsv_close(&r);
	fclose(fp);
}

static void
test_header(void)
{
	struct tsv_reader r;
	FILE *fp = IN("exp\tapp\tn_2\n");

	is_long(open_s(&r, fp), 0, "header of three names");
	is_long((long)r.ncols, 3, "three columns");
	is_long(tsv_col(&r, "app"), 1, "column app is 1");
	is_long(tsv_col(&r, "n_2"), 2, "column n_2 is 2");
	is_long(tsv_col(&r, "ap"), -1, "no column ap");
	is_long(tsv_next(&r), 0, "no rows");
	tsv_close(&r);
	fclose(fp);

	header_err("", 0, "t: empty input, no header line", "empty input");
	header_err("Exp\n", 4, "t:1: bad column name \"Exp\" in header",
	    "upper case name");
	header_err("exp\t\n", 5, "t:1: bad column name \"\" in header",
	    "empty name");
	header_err("1a\n", 3, "t:1: bad column name \"1a\" in header",
	    "name starting with a digit");
	header_err("a-b\n", 4, "t:1: bad column name \"a-b\" in header",
	    "name with a dash");
	header_err("a\tb\ta\n", 6, "t:1: column \"a\" appears twice in header",
	    "duplicate name");
	header_err("a\r\n", 3,
	    "t:1: CR in line (use LF line ends and \\r in fields)", "CRLF header");

	ok(tsv_name_ok("a"), "name a");
	ok(tsv_name_ok("z9_"), "name z9_");
	ok(!tsv_name_ok(""), "empty name is bad");
	ok(!tsv_name_ok("_a"), "name _a is bad");
	ok(!tsv_name_ok("aB"), "name aB is bad");
}

static void
test_rows(void)
{
	struct tsv_reader r;
	FILE *fp = IN("a\tb\n1\t\n\\t\\n\\r\\\\x\ty\\\\t\nlast\tno-lf");

	open_s(&r, fp);
	is_long(tsv_next(&r), 1, "row 1");
	is_str(r.fields[0], "1", "row 1 a");
	is_str(r.fields[1], "", "row 1 b is empty");
	is_long((long)r.lineno, 2, "row 1 on line 2");
	is_long(tsv_peek(&r), 1, "peek row 2");
	is_long((long)r.lineno, 3, "peek reads line 3");
	is_long(tsv_peek(&r), 1, "peek twice");
	is_long(tsv_next(&r), 1, "row 2 after peek");
	is_str(r.fields[0], "\t\n\r\\x", "escapes unescaped");
	is_str(r.fields[1], "y\\t", "escaped backslash then t");
	is_long(tsv_next(&r), 1, "last line without LF");
	is_str(r.fields[1], "no-lf", "its last field");
	is_long(tsv_next(&r), 0, "end");
	is_long(tsv_next(&r), 0, "still end");
	tsv_close(&r);
	fclose(fp);

	fp = IN("a\n\nx\n");
	open_s(&r, fp);
	is_long(tsv_next(&r), 1, "one column: an empty line is a row");
	is_str(r.fields[0], "", "of one empty field");
	tsv_close(&r);
	fclose(fp);

	row_err("a\tb\n1\n", 6, "t:2: expected 2 fields, got 1", "too few fields");
	row_err("a\tb\n1\t2\t3\n", 10, "t:2: expected 2 fields, got more",
	    "too many fields");
	row_err("a\tb\n\n", 5, "t:2: expected 2 fields, got 1", "empty line");
	row_err("a\nx\r\n", 5,
	    "t:2: CR in line (use LF line ends and \\r in fields)", "CR");
	row_err("a\nx\0y\n", 6, "t:2: NUL byte in line", "NUL");
	row_err("a\nok\nx\\y\n", 9, "t:3: unknown escape \"\\y\"", "bad escape");
	row_err("a\nx\\\n", 5, "t:2: backslash at end of line",
	    "backslash at end");
	row_err("a\tb\nx\\\tb\n", 9, "t:2: unknown escape \"\\\t\"",
	    "backslash before TAB");
}

static void
test_escape(void)
{
	struct buf b = { 0 };
	const char *s = "a\tb\nc\rd\\e\\\\";
	struct tsv_reader r;
	FILE *fp;

	tsv_escape(&b, s);
	is_str(buf_str(&b), "a\\tb\\nc\\rd\\\\e\\\\\\\\", "escape");
	buf_reset(&b);
	tsv_escape(&b, "");
	is_str(buf_str(&b), "", "escape of empty");
	buf_reset(&b);
	buf_adds(&b, "x\n");
	tsv_escape(&b, s);
	buf_addc(&b, '\n');
	fp = input(b.s, b.len);
	open_s(&r, fp);
	tsv_next(&r);
	is_str(r.fields[0], s, "escape then read gives the value back");
	tsv_close(&r);
	fclose(fp);
	buf_free(&b);
}

/* 1 MB in one field, and a row of many fields: memory grows with the line. */
static void
test_long(void)
{
	size_t n = 1 << 20, i;
	struct buf b = { 0 };
	struct tsv_reader r;
	FILE *fp;
	int same = 1;

	buf_adds(&b, "a\tb\n");
	for (i = 0; i < n; i++)
		buf_addc(&b, (char)('a' + i % 26));
	buf_adds(&b, "\\t\tz\n");
	fp = input(b.s, b.len);
	open_s(&r, fp);
	is_long(tsv_next(&r), 1, "1 MB row read");
	is_long((long)strlen(r.fields[0]), (long)n + 1, "1 MB field whole");
	for (i = 0; i < n; i++)
		same &= r.fields[0][i] == (char)('a' + i % 26);
	ok(same && r.fields[0][n] == '\t', "1 MB field intact");
	is_str(r.fields[1], "z", "field after it");
	tsv_close(&r);
	fclose(fp);
	buf_free(&b);
}

static void
test_out(void)
{
	struct tsv_reader r;
	struct tsv_out o;
	struct buf b = { 0 };
	FILE *fp = IN("exp\tpin\tx\ne1\told\tq\\tr\n");
	size_t vm, pin;

	open_s(&r, fp);
	tsv_next(&r);
	tsv_out_init(&o, &r);
	vm = tsv_out_col(&o, "vm");
	pin = tsv_out_col(&o, "pin");
	is_long((long)vm, 3, "added column at the end");
	is_long((long)pin, 1, "replaced column in place");
	is_long((long)tsv_out_col(&o, "vm"), 3, "asking again gives the same");
	tsv_out_header(&o, &b);
	is_str(buf_str(&b), "exp\tpin\tx\tvm\n", "header: input then added");
	buf_reset(&b);
	tsv_out_set(&o, vm, "v\t1");
	tsv_out_set(&o, pin, "0-3");
	tsv_out_row(&o, r.fields, &b);
	is_str(buf_str(&b), "e1\t0-3\tq\\tr\tv\\t1\n",
	    "row: pass-through re-escaped, replaced, added");
	buf_reset(&b);
	tsv_out_set(&o, vm, NULL);
	tsv_out_row(&o, r.fields, &b);
	is_str(buf_str(&b), "e1\t0-3\tq\\tr\t\n", "unset value is empty");
	tsv_out_free(&o);
	buf_reset(&b);
	tsv_out_init(&o, NULL);
	tsv_out_col(&o, "a");
	tsv_out_header(&o, &b);
	is_str(buf_str(&b), "a\n", "schema without input");
	tsv_out_free(&o);
	tsv_close(&r);
	fclose(fp);
	buf_free(&b);
}

static void
test_groups(void)
{
	struct tsv_reader r;
	struct tsv_group g = { 0 };
	FILE *fp = IN("exp\tvm\na\t1\na\t2\nb\t3\na\t4\nc\n");

	open_s(&r, fp);
	is_long(tsv_next_group(&r, 0, &g), 1, "group a");
	is_long((long)g.n, 2, "two rows in a");
	is_str(g.rows[1][1], "2", "second row of a");
	is_long((long)g.lines[0], 2, "a starts on line 2");
	is_long(tsv_next_group(&r, 0, &g), 1, "group b");
	is_long((long)g.n, 1, "one row in b");
	is_str(g.rows[0][1], "3", "row of b");
	is_long(tsv_next_group(&r, 0, &g), 1, "a again: contiguous rows only");
	is_long((long)g.n, 1, "one row in the second a");
	is_long((long)g.lines[0], 5, "on line 5");
	is_long(tsv_next_group(&r, 0, &g), -1, "the bad row after it");
	is_str(r.err, "t:6: expected 2 fields, got 1", "its message");
	tsv_group_free(&g);
	tsv_close(&r);
	fclose(fp);

	fp = IN("exp\n");
	open_s(&r, fp);
	is_long(tsv_next_group(&r, 0, &g), 0, "no groups");
	tsv_group_free(&g);
	tsv_close(&r);
	fclose(fp);
}

static void
test_unescape(void)
{
	char buf[32], same[] = "a\\tb\\\\c";
	const char *bad = NULL;
	long n;

	n = tsv_unescape(buf, "x\\ty\\nz\\r\\\\", 11, &bad);
	ok(n == 7 && !memcmp(buf, "x\ty\nz\r\\", 7), "unescape: every escape");
	n = tsv_unescape(same, same, strlen(same), &bad);
	ok(n == 5 && !memcmp(same, "a\tb\\c", 5), "unescape: in place");
	is_long(tsv_unescape(buf, "ab\\q", 4, &bad), -1, "unescape: unknown");
	is_str(bad, "\\q", "unescape: where");
	is_long(tsv_unescape(buf, "ab\\", 3, &bad), -1, "unescape: at the end");
	is_long(tsv_unescape(buf, "ab\\nc", 3, &bad), -1,
	    "unescape: an escape cut by n");
	is_long(tsv_unescape(buf, "", 0, &bad), 0, "unescape: empty");
}

int
main(void)
{
	test_unescape();
	test_header();
	test_rows();
	test_escape();
	test_long();
	test_out();
	test_groups();
	return done();
}
