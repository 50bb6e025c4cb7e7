#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "line.h"
#include "num.h"
#include "strv.h"
#include "tsv.h"

static int
fail(struct tsv_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct tsv_reader *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(r->err, sizeof r->err, "%s:%lu: ", r->name, r->lineno);
	if (n < 0 || (size_t)n >= sizeof r->err)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(r->err + n, sizeof r->err - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Reads one line without its LF. 1, 0 at EOF, -1 on error. */
static int
read_line(struct tsv_reader *r, size_t *len)
{
	int rc = line_read(r->fp, &r->line, &r->linecap, len);

	if (rc == 0)
		return 0;
	if (rc == -1)
		return fail(r, "read error");
	r->lineno++;
	if (rc == LINE_NUL)
		return fail(r, "NUL byte in line");
	if (memchr(r->line, '\r', *len))
		return fail(r, "CR in line (use LF line ends and \\r in fields)");
	return 1;
}

long
tsv_unescape(char *dst, const char *src, size_t n, const char **bad)
{
	size_t i;
	char *w = dst;

	for (i = 0; i < n; i++) {
		if (src[i] != '\\') {
			*w++ = src[i];
			continue;
		}
		switch (i + 1 < n ? src[i + 1] : '\0') {
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case '\\': *w++ = '\\'; break;
		default:
			*bad = src + i;
			return -1;
		}
		i++;
	}
	return w - dst;
}

/* Splits r->line in place into at most max fields, unescaping each. */
static int
split(struct tsv_reader *r, char **out, size_t max, size_t *nout)
{
	char *p = r->line;
	const char *bad;
	size_t n = 0, len;
	long got;
	char end;

	for (;;) {
		if (n == max)
			return fail(r, "more than %zu fields", max);
		len = strcspn(p, "\t");
		end = p[len];
		if ((got = tsv_unescape(p, p, len, &bad)) < 0)
			return !bad[1] ? fail(r, "backslash at end of line") :
			    fail(r, "unknown escape \"\\%c\"", bad[1]);
		out[n++] = p;
		p[got] = '\0';
		if (!end)
			break;
		p += len + 1;
	}
	*nout = n;
	return 0;
}

int
tsv_name_ok(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

int
tsv_open(struct tsv_reader *r, FILE *fp, const char *name)
{
	size_t len, i, j, max;
	char **tmp;
	int rc;

	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
	if ((rc = read_line(r, &len)) <= 0) {
		if (rc == 0)
			snprintf(r->err, sizeof r->err, "%s: empty input, no header line",
			    r->name);
		return -1;
	}
	max = 1;
	for (i = 0; i < len; i++)
		max += r->line[i] == '\t';
	tmp = xcalloc(max, sizeof *tmp);
	if (split(r, tmp, max, &r->ncols) < 0) {
		free(tmp);
		return -1;
	}
	r->cols = xcalloc(r->ncols, sizeof *r->cols);
	for (i = 0; i < r->ncols; i++)
		r->cols[i] = xstrdup(tmp[i]);
	free(tmp);
	r->fields = xcalloc(r->ncols, sizeof *r->fields);
	for (i = 0; i < r->ncols; i++) {
		if (!tsv_name_ok(r->cols[i]))
			return fail(r, "bad column name \"%s\" in header",
			    r->cols[i]);
		for (j = 0; j < i; j++)
			if (!strcmp(r->cols[i], r->cols[j]))
				return fail(r, "column \"%s\" appears twice in header",
				    r->cols[i]);
	}
	return 0;
}

static int
read_row(struct tsv_reader *r)
{
	size_t len, n;
	int rc;

	if ((rc = read_line(r, &len)) <= 0)
		return rc;
	if (split(r, r->fields, r->ncols, &n) < 0) {
		if (strstr(r->err, "more than"))
			return fail(r, "expected %zu fields, got more", r->ncols);
		return -1;
	}
	if (n != r->ncols)
		return fail(r, "expected %zu fields, got %zu", r->ncols, n);
	return 1;
}

int
tsv_next(struct tsv_reader *r)
{
	if (r->peeked) {
		r->peeked = 0;
		return r->peek_rc;
	}
	return read_row(r);
}

int
tsv_peek(struct tsv_reader *r)
{
	if (!r->peeked) {
		r->peek_rc = read_row(r);
		r->peeked = 1;
	}
	return r->peek_rc;
}

void
tsv_close(struct tsv_reader *r)
{
	strv_free(r->cols, r->ncols);
	free(r->fields);
	free(r->line);
	r->cols = r->fields = NULL;
	r->line = NULL;
}

int
tsv_col(const struct tsv_reader *r, const char *name)
{
	return strv_index(r->cols, r->ncols, name);
}

int
tsv_need(const struct tsv_reader *r, const char *name)
{
	int c = tsv_col(r, name);

	if (c < 0)
		die(EXIT_USAGE, "%s:1: missing column \"%s\"", r->name, name);
	return c;
}

void
tsv_die(const struct tsv_reader *r)
{
	die(EXIT_USAGE, "%s", r->err);
}

void
tsv_die_field(const struct tsv_reader *r, int col, const char *what)
{
	die(EXIT_USAGE, "%s:%lu: %s \"%s\" %s", r->name, r->lineno,
	    r->cols[col], r->fields[col], what);
}

void
tsv_vdie_at(const struct tsv_reader *r, unsigned long line, const char *fmt,
    va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	die(EXIT_USAGE, "%s:%lu: %s", r->name, line, msg);
}

void
tsv_die_at(const struct tsv_reader *r, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	tsv_vdie_at(r, line, fmt, ap);	/* no return: no va_end */
}

long
tsv_long(const struct tsv_reader *r, int col, long min, long max)
{
	long v;
	int rc = num_long(r->fields[col], min, max, &v);

	if (rc < 0)
		tsv_die_field(r, col, num_reason(rc));
	return v;
}

void
tsv_escape(struct buf *b, const char *s)
{
	const char *run = s;

	buf_grow(b, strlen(s));
	for (; *s; s++) {
		const char *esc;

		switch (*s) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_add(b, esc, 2);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void
tsv_out_init(struct tsv_out *o, const struct tsv_reader *in)
{
	size_t i, n = in ? in->ncols : 0;

	o->ncols = n;
	o->names = xcalloc(n, sizeof *o->names);
	o->from = xcalloc(n, sizeof *o->from);
	o->vals = xcalloc(n, sizeof *o->vals);
	for (i = 0; i < n; i++) {
		o->names[i] = xstrdup(in->cols[i]);
		o->from[i] = (int)i;
	}
}

size_t
tsv_out_col(struct tsv_out *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (!strcmp(o->names[i], name)) {
			o->from[i] = -1;
			return i;
		}
	o->names = xreallocarray(o->names, o->ncols + 1, sizeof *o->names);
	o->from = xreallocarray(o->from, o->ncols + 1, sizeof *o->from);
	o->vals = xreallocarray(o->vals, o->ncols + 1, sizeof *o->vals);
	o->names[i] = xstrdup(name);
	o->from[i] = -1;
	o->vals[i] = NULL;
	o->ncols++;
	return i;
}

void
tsv_out_set(struct tsv_out *o, size_t col, const char *val)
{
	o->vals[col] = val;
}

void
tsv_out_header(const struct tsv_out *o, struct buf *b)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		if (i)
			buf_addc(b, '\t');
		buf_adds(b, o->names[i]);
	}
	buf_addc(b, '\n');
}

void
tsv_out_row(const struct tsv_out *o, char *const *fields, struct buf *b)
{
	size_t i;
	const char *v;

	for (i = 0; i < o->ncols; i++) {
		if (i)
			buf_addc(b, '\t');
		v = o->from[i] >= 0 ? fields[o->from[i]] : o->vals[i];
		tsv_escape(b, v ? v : "");
	}
	buf_addc(b, '\n');
}

void
tsv_out_free(struct tsv_out *o)
{
	strv_free(o->names, o->ncols);
	free(o->from);
	free(o->vals);
	memset(o, 0, sizeof *o);
}

void
tsv_flush(struct buf *b)
{
	if (buf_write(b, stdout) < 0 || fflush(stdout) == EOF)
		die(EXIT_FAIL, "stdout: write error");
	buf_reset(b);
}

static void
group_clear(struct tsv_group *g)
{
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		for (j = 0; j < g->ncols; j++)
			free(g->rows[i][j]);
		free(g->rows[i]);
	}
	g->n = 0;
}

static void
group_add(struct tsv_group *g, const struct tsv_reader *r)
{
	size_t j;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		g->rows = xreallocarray(g->rows, g->cap, sizeof *g->rows);
		g->lines = xreallocarray(g->lines, g->cap, sizeof *g->lines);
	}
	g->rows[g->n] = xcalloc(r->ncols, sizeof **g->rows);
	for (j = 0; j < r->ncols; j++)
		g->rows[g->n][j] = xstrdup(r->fields[j]);
	g->lines[g->n++] = r->lineno;
}

int
tsv_next_group(struct tsv_reader *r, int col, struct tsv_group *g)
{
	int rc;

	group_clear(g);
	g->ncols = r->ncols;
	if ((rc = tsv_next(r)) <= 0)
		return rc;
	group_add(g, r);
	while ((rc = tsv_peek(r)) > 0 &&
	    !strcmp(r->fields[col], g->rows[0][col])) {
		tsv_next(r);
		group_add(g, r);
	}
	/* A bad row may belong to this group: never act on half of one. */
	return rc < 0 ? -1 : 1;
}

void
tsv_group_free(struct tsv_group *g)
{
	group_clear(g);
	free(g->rows);
	free(g->lines);
	memset(g, 0, sizeof *g);
}
