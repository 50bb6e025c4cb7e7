/* CSV tables read whole through libcsv, for messages with file:line. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "err.h"
#include "strv.h"

static void
on_field(void *s, size_t len, void *data)
{
	struct table *t = data;

	t->cur.f = xreallocarray(t->cur.f, t->cur.n + 1, sizeof *t->cur.f);
	t->cur.f[t->cur.n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void
on_record(int c, void *data)
{
	struct table *t = data;

	(void)c;
	t->rows = xreallocarray(t->rows, t->n + 1, sizeof *t->rows);
	t->nf = xreallocarray(t->nf, t->n + 1, sizeof *t->nf);
	t->rows[t->n] = t->cur.f;
	t->nf[t->n++] = t->cur.n;
	t->cur.f = NULL;
	t->cur.n = 0;
}

static size_t
count_lf(const char *s, size_t n)
{
	size_t k = 0;
	const char *e = s + n;

	while ((s = memchr(s, '\n', (size_t)(e - s)))) {
		k++;
		s++;
	}
	return k;
}

void
table_read(struct table *t, const char *dir, const char *file, char delim,
    char quote)
{
	struct csv_parser p;
	char block[65536];
	const char *nul;
	size_t n, lineno = 1;
	FILE *fp;

	memset(t, 0, sizeof *t);
	t->name = xasprintf("%s/%s", dir, file);
	if (!(fp = fopen(t->name, "r")))
		die(EXIT_USAGE, "%s: cannot open:", t->name);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(EXIT_FAIL, "out of memory");
	csv_set_delim(&p, delim);
	csv_set_quote(&p, quote);
	while ((n = fread(block, 1, sizeof block, fp)) > 0) {
		/* libcsv would keep a NUL in a field that C then cuts short. */
		if ((nul = memchr(block, '\0', n)))
			die(EXIT_USAGE, "%s:%zu: NUL byte in line", t->name,
			    lineno + count_lf(block, (size_t)(nul - block)));
		lineno += count_lf(block, n);
		if (csv_parse(&p, block, n, on_field, on_record, t) != n)
			die(EXIT_USAGE, "%s:%zu: %s", t->name, t->n + 1,
			    csv_strerror(csv_error(&p)));
	}
	if (ferror(fp))
		die(EXIT_USAGE, "%s: read error", t->name);
	if (csv_fini(&p, on_field, on_record, t) != 0)
		die(EXIT_USAGE, "%s:%zu: %s", t->name, t->n + 1,
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(fp);
	if (!t->n)
		die(EXIT_USAGE, "%s: no header line", t->name);
}

void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		strv_free(t->rows[i], t->nf[i]);
	free(t->rows);
	free(t->nf);
	free(t->name);
}

int
table_col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nf[0]; i++)
		if (!strcmp(t->rows[0][i], name))
			return (int)i;
	die(EXIT_USAGE, "%s:1: missing column \"%s\"", t->name, name);
}

void
table_check_widths(const struct table *t)
{
	size_t i;

	for (i = 1; i < t->n; i++)
		if (t->nf[i] != t->nf[0])
			die(EXIT_USAGE, "%s:%zu: expected %zu fields, got %zu",
			    t->name, i + 1, t->nf[0], t->nf[i]);
}

