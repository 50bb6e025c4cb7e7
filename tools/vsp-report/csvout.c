#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "dfmt.h"
#include "err.h"

void
csv_quote(struct buf *b, const char *s, size_t n)
{
	size_t need;

	/* Quoted also for TABs and edge spaces, which some readers trim. */
	if (n && !memchr(s, ',', n) && !memchr(s, '"', n) &&
	    !memchr(s, '\n', n) && !memchr(s, '\r', n) &&
	    !memchr(s, '\t', n) && s[0] != ' ' && s[n - 1] != ' ') {
		buf_add(b, s, n);
		return;
	}
	if (!n)
		return;
	need = 2 * n + 2;
	buf_grow(b, need);
	b->len += csv_write2(b->s + b->len, need, s, n, '"');
	b->s[b->len] = '\0';
}

void
csvw_open(struct csvw *w, const char *path)
{
	memset(w, 0, sizeof *w);
	w->path = xstrdup(path);
	if (!(w->fp = fopen(path, "w")))
		die(EXIT_FAIL, "%s: cannot create:", path);
}

static void
flush(struct csvw *w)
{
	if (buf_write(&w->b, w->fp) < 0)
		die(EXIT_FAIL, "%s: write error:", w->path);
	buf_reset(&w->b);
}

void
csvw_field(struct csvw *w, const char *s)
{
	if (w->nf++)
		buf_addc(&w->b, ',');
	csv_quote(&w->b, s, strlen(s));
}

void
csvw_fields(struct csvw *w, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v[i]; i++)
		csvw_field(w, v[i]);
}

void
csvw_double(struct csvw *w, double v)
{
	char s[DFMT_MAX];

	csvw_field(w, isnan(v) ? "" : dfmt(s, v));
}

void
csvw_long(struct csvw *w, long v)
{
	char s[32];

	snprintf(s, sizeof s, "%ld", v);
	csvw_field(w, s);
}

void
csvw_end(struct csvw *w)
{
	buf_addc(&w->b, '\n');
	w->nf = 0;
	if (w->b.len > 1 << 16)
		flush(w);
}

void
csvw_close(struct csvw *w)
{
	flush(w);
	if (fflush(w->fp) == EOF || ferror(w->fp) || fclose(w->fp) == EOF)
		die(EXIT_FAIL, "%s: write error:", w->path);
	buf_free(&w->b);
	free(w->path);
}
