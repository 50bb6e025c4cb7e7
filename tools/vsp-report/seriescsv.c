/*
 * Series conversion, the bulk of a report's bytes: one pass over each
 * mapped file (16 bytes at a time with SSE2) copies each line, checks it
 * and turns its TABs into commas; runs of such lines are written from the
 * copy (writev), and only lines with escapes or characters CSV must quote
 * are rebuilt in a buffer.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "buf.h"
#include "csvout.h"
#include "decnum.h"
#include "err.h"
#include "num.h"
#include "series.h"
#include "seriescsv.h"
#include "strv.h"
#include "tsv.h"

#define BLOCK (1 << 20)
#define HEADER SERIES_COLS

/* The output of one block: pieces of the input block and of b, in order. */
struct seg {
	int own;		/* 1: in b, 0: in the input block */
	size_t off, len;
};

struct out {
	int fd;
	const char *path;
	struct buf b;		/* rebuilt lines and the header */
	struct seg *seg;
	size_t nseg, capseg;
};

struct conv {
	const char *name;	/* input, for messages */
	unsigned long lineno;
	size_t ncols;
	size_t *start, *end;	/* field bounds in the current line */
	char *header;		/* the first file's header line */
	const char *first;	/* the first file */
	struct buf field;
	size_t nf;		/* TABs so far in the current line */
	int special;		/* the current line needs the slow path */
};

/* 0 plain, 1 TAB, 2 needs the slow path, 3 never allowed, 4 LF. */
static unsigned char cls[256];

/* The kinds' names and lengths, looked up once: every line has one. */
static const char *kind_name[SERIES_NKINDS];
static size_t kind_len[SERIES_NKINDS];

static void
init_classes(void)
{
	int k;

	for (k = 0; k < SERIES_NKINDS; k++) {
		kind_name[k] = series_kind_name(k);
		kind_len[k] = strlen(kind_name[k]);
	}
	cls['\t'] = 1;
	cls['\\'] = cls[','] = cls['"'] = cls[' '] = 2;
	cls['\r'] = cls['\0'] = 3;
	cls['\n'] = 4;
}

#if defined(__SSE2__) && !defined(VSP_NO_SIMD)
#include <emmintrin.h>

/* Bit i set where byte i of v needs the slow path or is never allowed
 * (classes 2 and 3): 16 bytes compared at once. */
static inline unsigned
rare16(__m128i v)
{
	__m128i m;

	m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_setzero_si128()));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

static void
out_piece(struct out *o, int own, size_t off, size_t len)
{
	struct seg *last = o->nseg ? &o->seg[o->nseg - 1] : NULL;

	if (last && last->own == own && last->off + last->len == off) {
		last->len += len;
		return;
	}
	if (o->nseg == o->capseg) {
		o->capseg = o->capseg ? 2 * o->capseg : 64;
		o->seg = xreallocarray(o->seg, o->capseg, sizeof *o->seg);
	}
	o->seg[o->nseg++] = (struct seg){ own, off, len };
}

/* Writes the pieces (the input block is in) and empties the output. */
static void
out_flush(struct out *o, const char *in)
{
	struct iovec iov[64];
	size_t i = 0, n, skip = 0;
	ssize_t w;

	while (i < o->nseg) {
		for (n = 0; n < 64 && i + n < o->nseg; n++) {
			const struct seg *s = &o->seg[i + n];

			iov[n].iov_base = (char *)(s->own ? o->b.s : in) + s->off +
			    (n ? 0 : skip);
			iov[n].iov_len = s->len - (n ? 0 : skip);
		}
		if ((w = writev(o->fd, iov, (int)n)) < 0) {
			if (errno == EINTR)
				continue;
			die(EXIT_FAIL, "%s: write error:", o->path);
		}
		/* Past what was written, maybe into the middle of a piece. */
		for (skip += (size_t)w; i < o->nseg && skip >= o->seg[i].len; i++)
			skip -= o->seg[i].len;
	}
	o->nseg = 0;
	buf_reset(&o->b);
}

static _Noreturn void
bad(const struct conv *c, const char *fmt, const char *s, size_t n)
{
	char *what = xasprintf(fmt, (int)(n > 1000 ? 1000 : n), s);

	die(EXIT_USAGE, "%s:%lu: %s", c->name, c->lineno, what);
}

static int
is_kind(const char *s, size_t n)
{
	size_t i;
	int k;

	for (k = 0; k < SERIES_NKINDS; k++) {
		if (kind_len[k] != n)
			continue;
		for (i = 0; i < n && s[i] == kind_name[k][i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

static inline void
check_fields(const struct conv *c, const char *p)
{
	const char *f;
	size_t n;

	f = p + c->start[SC_TIME];
	n = c->end[SC_TIME] - c->start[SC_TIME];
	if (!decnum_ok(f, n))
		bad(c, "time \"%.*s\" is not a number", f, n);
	f = p + c->start[SC_KIND];
	n = c->end[SC_KIND] - c->start[SC_KIND];
	if (!is_kind(f, n))
		bad(c, "kind \"%.*s\" is not vm or pm", f, n);
	f = p + c->start[SC_VALUE];
	n = c->end[SC_VALUE] - c->start[SC_VALUE];
	if (n && !decnum_ok(f, n))
		bad(c, "value \"%.*s\" is not a number", f, n);
}

/* Unescapes one field (\t \n \r \\) and adds it quoted as CSV needs. */
static void
slow_field(struct conv *c, struct out *o, const char *s, size_t n)
{
	const char *esc;
	long len;

	buf_reset(&c->field);
	buf_grow(&c->field, n);
	if ((len = tsv_unescape(c->field.s, s, n, &esc)) < 0) {
		if (esc + 1 == s + n)
			bad(c, "backslash at end of field%.*s", "", 0);
		bad(c, "unknown escape \"\\%.*s\"", esc + 1, 1);
	}
	csv_quote(&o->b, c->field.s, (size_t)len);
}

/* Column names as TSV allows them are safe in a CSV header as they are. */
static void
check_names(const struct conv *c)
{
	char *copy = xstrdup(c->header), *name, *tab;

	for (name = copy; name; name = tab ? tab + 1 : NULL) {
		if ((tab = strchr(name, '\t')))
			*tab = '\0';
		if (!tsv_name_ok(name))
			bad(c, "bad column name \"%.*s\" in header", name,
			    strlen(name));
	}
	free(copy);
}

static void
header_line(struct conv *c, struct out *o, const char *p, size_t n)
{
	size_t i, mark;

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
	check_names(c);
	c->start = xcalloc(c->ncols, sizeof *c->start);
	c->end = xcalloc(c->ncols, sizeof *c->end);
	mark = o->b.len;
	for (i = 0; i < n; i++)
		buf_addc(&o->b, p[i] == '\t' ? ',' : p[i]);
	buf_addc(&o->b, '\n');
	out_piece(o, 1, mark, o->b.len - mark);
}

/* The line p[0..n-1] is whole (has_lf: p[n] is its LF); its TABs are
 * commas now and c->start, c->end hold its fields. */
static void
end_line(struct conv *c, struct out *o, char *p, size_t n, const char *in,
    int has_lf)
{
	size_t i, mark;

	if (c->nf + 1 != c->ncols) {
		char *what = xasprintf("expected %zu fields, got %zu", c->ncols,
		    c->nf + 1);

		bad(c, "%.*s", what, strlen(what));
	}
	c->end[c->nf] = n;
	check_fields(c, p);
	if (!c->special && has_lf) {
		out_piece(o, 0, (size_t)(p - in), n + 1);
	} else {
		mark = o->b.len;
		for (i = 0; i < c->ncols; i++) {
			if (i)
				buf_addc(&o->b, ',');
			if (c->special)
				slow_field(c, o, p + c->start[i],
				    c->end[i] - c->start[i]);
			else
				buf_add(&o->b, p + c->start[i], c->end[i] - c->start[i]);
		}
		buf_addc(&o->b, '\n');
		out_piece(o, 1, mark, o->b.len - mark);
	}
	c->lineno++;
	c->nf = 0;
	c->special = 0;
}

/* A TAB at cp[i] (a comma in the copy); ls is where its line starts. */
static inline void
tab_at(struct conv *c, size_t i, size_t ls)
{
	if (c->nf + 1 < c->ncols) {
		c->end[c->nf] = i - ls;
		c->start[c->nf + 1] = i + 1 - ls;
	}
	c->nf++;
}

/* The input byte ch, of class k, at cp[i] of the copy; *ls is where the
 * current line starts. */
static inline void
event(struct conv *c, struct out *o, char *cp, size_t i, char ch, int k,
    size_t *ls)
{
	switch (k) {
	case 1:
		cp[i] = ',';
		tab_at(c, i, *ls);
		break;
	case 2:
		c->special = 1;
		break;
	case 3:
		bad(c, "%.*s in line", ch ? "CR" : "NUL", ch ? 2 : 3);
	case 4:
		end_line(c, o, cp + *ls, i - *ls, cp, 1);
		*ls = i + 1;
		break;
	}
}

/* Copies the whole lines in[0..n) to cp with their TABs as commas, checks
 * them and queues them for output; n is just past an LF or at the end of
 * the input. The copy rides on the scan: each byte is loaded once. */
static void
scan(struct conv *c, struct out *o, const char *in, char *cp, size_t n)
{
	size_t i = 0, ls = 0;

#if defined(__SSE2__) && !defined(VSP_NO_SIMD)
	const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
	    comma = _mm_set1_epi8(',');

	/* TABs become commas in the register; the usual 16 bytes hold only
	 * TABs and LFs, told apart by their masks, not by a lookup. */
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
		__m128i t = _mm_cmpeq_epi8(v, tab);
		unsigned mt = (unsigned)_mm_movemask_epi8(t);
		unsigned ml = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
		unsigned mr = rare16(v), m, bit;
		size_t at;

		_mm_storeu_si128((__m128i *)(void *)(cp + i),
		    _mm_or_si128(_mm_andnot_si128(t, v), _mm_and_si128(t, comma)));
		if (mr) {
			for (m = mt | ml | mr; m; m &= m - 1) {
				at = i + (size_t)__builtin_ctz(m);
				event(c, o, cp, at, in[at],
				    cls[(unsigned char)in[at]], &ls);
			}
			continue;
		}
		for (m = mt | ml; m; m &= m - 1) {
			bit = m & -m;
			at = i + (size_t)__builtin_ctz(m);
			if (ml & bit) {
				end_line(c, o, cp + ls, at - ls, cp, 1);
				ls = at + 1;
			} else {
				tab_at(c, at, ls);
			}
		}
	}
#endif
	for (; i < n; i++) {
		cp[i] = in[i];
		if (cls[(unsigned char)in[i]])
			event(c, o, cp, i, in[i], cls[(unsigned char)in[i]], &ls);
	}
	if (ls < n)	/* a last line without LF */
		end_line(c, o, cp + ls, n - ls, cp, 0);
}

/* The end of the block of whole lines that starts at from. */
static size_t
block_end(const char *data, size_t size, size_t from)
{
	const char *nl;
	size_t end;

	if (size - from <= BLOCK)
		return size;
	for (end = from + BLOCK; end > from && data[end - 1] != '\n'; end--)
		;
	if (end > from)
		return end;
	nl = memchr(data + from + BLOCK, '\n', size - from - BLOCK);
	return nl ? (size_t)(nl - data) + 1 : size;	/* a line longer than a block */
}

/* The input is mapped, not read: the scan's copy is the only one. */
static void
convert(struct conv *c, struct out *o, const char *path, struct buf *cp)
{
	struct stat st;
	const char *data, *nl;
	size_t size, from, end;
	int fd;

	c->name = path;
	c->lineno = 1;
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0)
		die(EXIT_USAGE, "%s: cannot open:", path);
	if (!S_ISREG(st.st_mode))
		die(EXIT_USAGE, "%s: not a regular file", path);
	if (!(size = (size_t)st.st_size))
		die(EXIT_USAGE, "%s: empty input, no header line", path);
	data = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (data == MAP_FAILED)
		die(EXIT_FAIL, "%s: cannot map:", path);
	posix_madvise((void *)data, size, POSIX_MADV_SEQUENTIAL);
	nl = memchr(data, '\n', size);
	header_line(c, o, data, nl ? (size_t)(nl - data) : size);
	c->lineno = 2;
	c->nf = 0;
	c->special = 0;
	c->start[0] = 0;
	for (from = nl ? (size_t)(nl - data) + 1 : size; from < size; from = end) {
		end = block_end(data, size, from);
		buf_reset(cp);
		buf_grow(cp, end - from);
		scan(c, o, data + from, cp->s, end - from);
		out_flush(o, cp->s);
	}
	out_flush(o, cp->s);	/* the header of a file without rows */
	munmap((void *)data, size);
	close(fd);
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
	if (n == 0) {
		free(ents);
		return 0;
	}
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
	strv_free(files, n);
}

static void
mkdir_once(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die(EXIT_FAIL, "%s: cannot create:", path);
}

void
series_plan(struct execution *x)
{
	char **files;
	size_t n = series_files(x, &files);

	if (n)
		x->series = xasprintf("series/%s/run-%03ld.csv", x->exp, x->run);
	series_files_free(files, n);
}

void
series_write(const struct execution *x, const char *dir)
{
	struct conv c = { 0 };
	struct out o = { 0 };
	struct buf cp = { 0 };
	char **files, *path;
	size_t n, i;

	if (!x->series || !(n = series_files(x, &files)))
		return;
	if (!cls['\t'])
		init_classes();
	path = xasprintf("%s/series", dir);
	mkdir_once(path);
	free(path);
	path = xasprintf("%s/series/%s", dir, x->exp);
	mkdir_once(path);
	free(path);
	path = xasprintf("%s/%s", dir, x->series);
	o.path = path;
	if ((o.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0)
		die(EXIT_FAIL, "%s: cannot create:", path);
	for (i = 0; i < n; i++)
		convert(&c, &o, files[i], &cp);
	if (close(o.fd) < 0)
		die(EXIT_FAIL, "%s: write error:", path);
	buf_free(&o.b);
	free(o.seg);
	buf_free(&cp);
	buf_free(&c.field);
	free(c.header);
	free(c.start);
	free(c.end);
	free(path);
	series_files_free(files, n);
}
