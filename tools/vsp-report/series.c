/*
 * Series conversion, the bulk of a report's bytes: a byte loop over large
 * blocks that checks each line and copies it with TABs turned into commas;
 * only lines with escapes or characters CSV must quote take the slow path.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "csvout.h"
#include "err.h"
#include "num.h"
#include "series.h"

#define BLOCK (1 << 20)
#define HEADER "time\thost\tkind\tmetric\tdevice\tvalue"
enum { F_TIME, F_HOST, F_KIND, F_METRIC, F_DEVICE, F_VALUE, NFIXED };

struct out {
	int fd;
	const char *path;
	struct buf b;
};

struct conv {
	const char *name;	/* input, for messages */
	unsigned long lineno;
	size_t ncols;
	size_t *start, *end;	/* field bounds in the current line */
	char *header;		/* the first file's header line */
	const char *first;	/* the first file */
	struct buf field;
};

/* 0 plain, 1 TAB, 2 needs the slow path, 3 never allowed. */
static unsigned char cls[256];

static void
init_classes(void)
{
	cls['\t'] = 1;
	cls['\\'] = cls[','] = cls['"'] = cls[' '] = 2;
	cls['\r'] = cls['\0'] = 3;
}

static void
out_flush(struct out *o)
{
	size_t off = 0;
	ssize_t n;

	while (off < o->b.len) {
		if ((n = write(o->fd, o->b.s + off, o->b.len - off)) < 0) {
			if (errno == EINTR)
				continue;
			die(EXIT_FAIL, "%s: write error: %s", o->path, strerror(errno));
		}
		off += (size_t)n;
	}
	buf_reset(&o->b);
}

static _Noreturn void
bad(const struct conv *c, const char *fmt, const char *s, size_t n)
{
	char *what = xasprintf(fmt, (int)(n > 100 ? 100 : n), s);

	die(EXIT_USAGE, "%s:%lu: %s", c->name, c->lineno, what);
}

static int
digits(const char *s, size_t n, size_t *i)
{
	size_t from = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		(*i)++;
	return *i > from;
}

/* A decimal number as num_double reads it, checked without converting. */
static int
number_ok(const char *s, size_t n)
{
	size_t i = 0;
	int d;
	double v;
	char *copy;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	d = digits(s, n, &i);
	if (i < n && s[i] == '.') {
		i++;
		d |= digits(s, n, &i);
	}
	if (!d)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != 'e' && s[i] != 'E')
		return 0;
	copy = xstrndup(s, n);	/* exponents may overflow: let strtod judge */
	d = num_double(copy, &v) == 0;
	free(copy);
	return d;
}

static void
check_fields(const struct conv *c, const char *p)
{
	const char *f;
	size_t n;

	f = p + c->start[F_TIME];
	n = c->end[F_TIME] - c->start[F_TIME];
	if (!number_ok(f, n))
		bad(c, "time \"%.*s\" is not a number", f, n);
	f = p + c->start[F_KIND];
	n = c->end[F_KIND] - c->start[F_KIND];
	if (!(n == 2 && (!memcmp(f, "vm", 2) || !memcmp(f, "pm", 2))))
		bad(c, "kind \"%.*s\" is not vm or pm", f, n);
	f = p + c->start[F_VALUE];
	n = c->end[F_VALUE] - c->start[F_VALUE];
	if (n && !number_ok(f, n))
		bad(c, "value \"%.*s\" is not a number", f, n);
}

/* Unescapes one field (\t \n \r \\) and adds it quoted as CSV needs. */
static void
slow_field(struct conv *c, struct out *o, const char *s, size_t n)
{
	size_t i;

	buf_reset(&c->field);
	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			buf_addc(&c->field, s[i]);
			continue;
		}
		if (++i == n)
			bad(c, "backslash at end of field%.*s", "", 0);
		switch (s[i]) {
		case 't': buf_addc(&c->field, '\t'); break;
		case 'n': buf_addc(&c->field, '\n'); break;
		case 'r': buf_addc(&c->field, '\r'); break;
		case '\\': buf_addc(&c->field, '\\'); break;
		default: bad(c, "unknown escape \"\\%.*s\"", s + i, 1);
		}
	}
	csv_quote(&o->b, c->field.s ? c->field.s : "", c->field.len);
}

static void
header_line(struct conv *c, struct out *o, const char *p, size_t n)
{
	size_t i;

	if (n < sizeof HEADER - 1 || memcmp(p, HEADER, sizeof HEADER - 1) ||
	    (n > sizeof HEADER - 1 && p[sizeof HEADER - 1] != '\t'))
		bad(c, "header is not \"time host kind metric device value\"%.*s",
		    "", 0);
	if (c->header) {
		if (strlen(c->header) != n || memcmp(c->header, p, n))
			bad(c, "header differs from the one of %.*s", c->first,
			    strlen(c->first));
		return;
	}
	c->header = xstrndup(p, n);
	c->first = c->name;
	c->ncols = 1;
	for (i = 0; i < n; i++)
		c->ncols += p[i] == '\t';
	c->start = xcalloc(c->ncols, sizeof *c->start);
	c->end = xcalloc(c->ncols, sizeof *c->end);
	for (i = 0; i < n; i++)
		buf_addc(&o->b, p[i] == '\t' ? ',' : p[i]);
	buf_addc(&o->b, '\n');
}

static void
data_line(struct conv *c, struct out *o, const char *p, size_t n)
{
	size_t i, nf = 0, mark = o->b.len;
	char *w;
	int special = 0;

	buf_grow(&o->b, n + 1);
	w = o->b.s + o->b.len;
	c->start[0] = 0;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)p[i];

		w[i] = (char)ch;
		if (!cls[ch])
			continue;
		if (cls[ch] == 1) {
			w[i] = ',';
			if (nf + 1 < c->ncols) {
				c->end[nf] = i;
				c->start[nf + 1] = i + 1;
			}
			nf++;
		} else if (cls[ch] == 2) {
			special = 1;
		} else {
			bad(c, "%.*s in line", ch ? "CR" : "NUL", ch ? 2 : 3);
		}
	}
	if (nf + 1 != c->ncols) {
		char *what = xasprintf("expected %zu fields, got %zu", c->ncols,
		    nf + 1);

		bad(c, "%.*s", what, strlen(what));
	}
	c->end[nf] = n;
	check_fields(c, p);
	if (!special) {
		w[n] = '\n';
		o->b.len += n + 1;
		o->b.s[o->b.len] = '\0';
		return;
	}
	o->b.len = mark;
	for (i = 0; i < c->ncols; i++) {
		if (i)
			buf_addc(&o->b, ',');
		slow_field(c, o, p + c->start[i], c->end[i] - c->start[i]);
	}
	buf_addc(&o->b, '\n');
}

static void
convert(struct conv *c, struct out *o, const char *path)
{
	char *in = xmalloc(BLOCK), *nl;
	size_t cap = BLOCK, have = 0, pos, len;
	ssize_t n;
	int fd, eof = 0;

	c->name = path;
	c->lineno = 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		die(EXIT_USAGE, "%s: cannot open: %s", path, strerror(errno));
	while (!eof) {
		if (have == cap)
			in = xrealloc(in, cap *= 2);	/* a line longer than a block */
		if ((n = read(fd, in + have, cap - have)) < 0) {
			if (errno == EINTR)
				continue;
			die(EXIT_USAGE, "%s: read error: %s", path, strerror(errno));
		}
		eof = n == 0;
		have += (size_t)n;
		for (pos = 0; pos < have; pos += len + 1) {
			nl = memchr(in + pos, '\n', have - pos);
			if (!nl && !eof)
				break;
			len = nl ? (size_t)(nl - (in + pos)) : have - pos;
			c->lineno++;
			if (c->lineno == 1)
				header_line(c, o, in + pos, len);
			else
				data_line(c, o, in + pos, len);
			if (o->b.len >= BLOCK)
				out_flush(o);
		}
		if (pos > have)
			pos = have;
		memmove(in, in + pos, have - pos);
		have -= pos;
	}
	if (c->lineno == 0)
		bad(c, "no header line%.*s", "", 0);
	close(fd);
	free(in);
}

static int
is_tsv(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".tsv");
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

size_t
series_files(const struct execution *x, char ***files)
{
	struct dirent **ents;
	int n, i;

	*files = NULL;
	if (!x->mondir || (n = scandir(x->mondir, &ents, is_tsv, by_name)) < 0)
		return 0;
	*files = xcalloc((size_t)n, sizeof **files);
	for (i = 0; i < n; i++) {
		(*files)[i] = xasprintf("%s/%s", x->mondir, ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return (size_t)n;
}

void
series_files_free(char **files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

static void
mkdir_once(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die(EXIT_FAIL, "%s: cannot create: %s", path, strerror(errno));
}

void
series_write(struct execution *x, const char *dir)
{
	struct conv c = { 0 };
	struct out o = { 0 };
	char **files, *path;
	size_t n, i;

	if (!(n = series_files(x, &files)))
		return;
	if (!cls['\t'])
		init_classes();
	path = xasprintf("%s/series", dir);
	mkdir_once(path);
	free(path);
	path = xasprintf("%s/series/%s", dir, x->exp);
	mkdir_once(path);
	free(path);
	x->series = xasprintf("series/%s/run-%03ld.csv", x->exp, x->run);
	path = xasprintf("%s/%s", dir, x->series);
	o.path = path;
	if ((o.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
		die(EXIT_FAIL, "%s: cannot create: %s", path, strerror(errno));
	for (i = 0; i < n; i++)
		convert(&c, &o, files[i]);
	out_flush(&o);
	if (close(o.fd) < 0)
		die(EXIT_FAIL, "%s: write error: %s", path, strerror(errno));
	buf_free(&o.b);
	buf_free(&c.field);
	free(c.header);
	free(c.start);
	free(c.end);
	free(path);
	series_files_free(files, n);
}
