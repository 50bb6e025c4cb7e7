/* tools/vsp-report/csvout: every field reads back the same through libcsv (RFC 4180). */
#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "csvout.h"
#include "tap.h"

struct back {
	char got[8][64];
	int n;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct back *b = data;

	if (b->n < 8)
		snprintf(b->got[b->n++], sizeof b->got[0], "%.*s", (int)len,
		    s ? (char *)s : "");
}

static void
on_record(int c, void *data)
{
	(void)c;
	(void)data;
}

int
main(void)
{
	static const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines",
	    "tab\there", " edge ", "", "cr\r" };
	static const char *want = "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"tab\there\",\" edge \",,\"cr\r\"\n";
	struct buf b = { 0 };
	struct csv_parser p;
	struct back back = { .n = 0 };
	size_t i;

	for (i = 0; i < 8; i++) {
		if (i)
			buf_addc(&b, ',');
		csv_quote(&b, fields[i], strlen(fields[i]));
	}
	buf_addc(&b, '\n');
	is_str(buf_str(&b), want, "quoted only where needed");
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	ok(csv_parse(&p, b.s, b.len, on_field, on_record, &back) == b.len &&
	    csv_fini(&p, on_field, on_record, &back) == 0, "libcsv reads it");
	is_long(back.n, 8, "8 fields");
	for (i = 0; i < 8; i++)
		is_str(back.got[i], fields[i], "a field reads back the same");
	csv_free(&p);
	buf_free(&b);
	return done();
}
