#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "series.h"
#include "strv.h"
#include "tsv.h"

static char *const kind_names[SERIES_NKINDS] = { "vm", "pm" };

const char *
series_kind_name(enum series_kind k)
{
	return kind_names[k];
}

int
series_kind(const char *s)
{
	return strv_index(kind_names, SERIES_NKINDS, s);
}

void
series_row(struct buf *b, const char *const f[SERIES_NCOLS])
{
	int i;

	for (i = 0; i < SERIES_NCOLS; i++) {
		if (i)
			buf_addc(b, '\t');
		tsv_escape(b, f[i]);
	}
	buf_addc(b, '\n');
}

/* The column of each name of SERIES_COLS in r, or -1 with err set. */
static int
find_cols(const struct tsv_reader *r, int c[SERIES_NCOLS], struct buf *err)
{
	const char *name = SERIES_COLS;
	char *one;
	size_t len;
	int i;

	for (i = 0; i < SERIES_NCOLS; i++, name += len + 1) {
		len = strcspn(name, "\t");
		one = xstrndup(name, len);
		c[i] = tsv_col(r, one);
		if (c[i] < 0)
			buf_addf(err, "%s:1: missing column \"%s\"", r->name, one);
		free(one);
		if (c[i] < 0)
			return -1;
	}
	return 0;
}

void
series_fmt(struct buf *b, double v)
{
	char s[400];
	size_t n;

	snprintf(s, sizeof s, "%.6f", v);
	n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	s[n] = '\0';
	buf_adds(b, strcmp(s, "-0") ? s : "0");
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts t[0..n) and moves its distinct values to the front; their count. */
static unsigned long
distinct(double *t, size_t n)
{
	unsigned long d = 0;
	size_t i;

	if (!n)
		return 0;
	qsort(t, n, sizeof *t, cmp_double);
	for (i = 0; i < n; i++)
		if (i == 0 || t[i] != t[i - 1])
			t[d++] = t[i];
	return d;
}

struct times {
	double *t;
	size_t n, cap;
};

static void
times_add(struct times *ts, double t)
{
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 256;
		ts->t = xreallocarray(ts->t, ts->cap, sizeof *ts->t);
	}
	ts->t[ts->n++] = t;
}

static int
bad(struct buf *err, const struct series_reader *s, enum series_col col,
    const char *what)
{
	buf_addf(err, "%s:%lu: %s \"%.60s\" %s", s->r.name, s->r.lineno,
	    s->r.cols[s->c[col]], s->f[col], what);
	return -1;
}

int
series_open(struct series_reader *s, FILE *fp, const char *name,
    struct buf *err)
{
	if (tsv_open(&s->r, fp, name) < 0) {
		buf_adds(err, s->r.err);
		return -1;
	}
	return find_cols(&s->r, s->c, err);
}

int
series_next(struct series_reader *s, struct buf *err)
{
	int rc = tsv_next(&s->r), i;

	if (rc < 0)
		buf_adds(err, s->r.err);
	if (rc <= 0)
		return rc;
	for (i = 0; i < SERIES_NCOLS; i++)
		s->f[i] = s->r.fields[s->c[i]];
	if (num_double(s->f[SC_TIME], &s->t) < 0)
		return bad(err, s, SC_TIME, "is not a number");
	return 1;
}

int
series_value(const struct series_reader *s, double *v, struct buf *err)
{
	if (num_double(s->f[SC_VALUE], v) < 0)
		return bad(err, s, SC_VALUE, "is not a number");
	return 0;
}

void
series_close(struct series_reader *s)
{
	tsv_close(&s->r);
}

/* The sample time before t in the sorted distinct times, or -inf. */
static double
prev_time(const struct times *st, double t)
{
	size_t lo = 0, hi = st->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->t[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? st->t[lo - 1] : -INFINITY;
}

/*
 * Adds one row to a (the file's own accumulator) if its sample overlaps
 * the window: it covers the time since the sample before it (st), so a
 * run shorter than one interval still gets the sample that covers it.
 */
static int
add_row(struct series_acc *a, struct times *rx, struct times *tx,
    const struct series_reader *s, double lo, double hi,
    const struct times *st, struct buf *err)
{
	const char *metric = s->f[SC_METRIC], *dev = s->f[SC_DEVICE];
	double t = s->t, v;

	if (series_value(s, &v, err) < 0)
		return -1;
	if (t <= lo || prev_time(st, t) >= hi)
		return 0;
	if (!strcmp(metric, "cpu_idle")) {
		if (v < 0 || v > 100)
			return bad(err, s, SC_VALUE, "is not a percentage");
		if (strcmp(dev, "all"))
			return 0;
		v = 100 - v;
		if (!a->busy_n || v > a->busy_max)
			a->busy_max = v;
		a->busy_sum += v;
		a->busy_n++;
	} else if (!strcmp(metric, "mem_used_kb")) {
		a->mem_sum += v;
		a->mem_n++;
	} else if (!strcmp(metric, "net_rx_kbs") && strcmp(dev, "lo")) {
		a->rx_sum += v;
		times_add(rx, t);
	} else if (!strcmp(metric, "net_tx_kbs") && strcmp(dev, "lo")) {
		a->tx_sum += v;
		times_add(tx, t);
	}
	return 0;
}

static void
merge(struct series_acc *to, const struct series_acc *a)
{
	if (a->busy_n && (!to->busy_n || a->busy_max > to->busy_max))
		to->busy_max = a->busy_max;
	to->busy_sum += a->busy_sum;
	to->busy_n += a->busy_n;
	to->mem_sum += a->mem_sum;
	to->mem_n += a->mem_n;
	to->rx_sum += a->rx_sum;
	to->rx_n += a->rx_n;
	to->tx_sum += a->tx_sum;
	to->tx_n += a->tx_n;
	to->hosts++;
}

int
series_add_file(struct series_sum *s, const char *path, const char *name,
    const char *host, double lo, double hi, struct buf *err)
{
	struct series_acc a = { 0 };
	struct times rx = { 0 }, tx = { 0 }, st = { 0 };
	struct series_reader r;
	FILE *fp;
	int kind = -1, rc = -1, n;

	if (!(fp = fopen(path, "r"))) {
		buf_addf(err, "%s:", name);
		return -1;
	}
	if (series_open(&r, fp, name, err) < 0)
		goto done;
	/* first pass: the sample times (bad ones are reported below) */
	while (tsv_next(&r.r) > 0) {
		double t;

		if (num_double(r.r.fields[r.c[SC_TIME]], &t) == 0)
			times_add(&st, t);
	}
	st.n = distinct(st.t, st.n);
	series_close(&r);
	rewind(fp);
	if (series_open(&r, fp, name, err) < 0)
		goto done;
	while ((n = series_next(&r, err)) > 0) {
		s->rows++;
		if (strcmp(r.f[SC_HOST], host)) {
			bad(err, &r, SC_HOST, "is not the host of this file");
			goto done;
		}
		if (kind < 0 && (kind = series_kind(r.f[SC_KIND])) < 0) {
			bad(err, &r, SC_KIND, "is not vm or pm");
			goto done;
		}
		if (strcmp(r.f[SC_KIND], kind_names[kind])) {
			bad(err, &r, SC_KIND, "differs from the kind on line 2");
			goto done;
		}
		if (add_row(&a, &rx, &tx, &r, lo, hi, &st, err) < 0)
			goto done;
	}
	if (n < 0)
		goto done;
	a.rx_n = distinct(rx.t, rx.n);
	a.tx_n = distinct(tx.t, tx.n);
	if (kind >= 0)	/* a run shorter than one interval has no samples */
		merge(&s->kind[kind], &a);
	rc = 0;
done:
	free(st.t);
	free(rx.t);
	free(tx.t);
	series_close(&r);
	fclose(fp);
	return rc;
}
