#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "series.h"
#include "tsv.h"

static const char *const kind_names[SERIES_NKINDS] = { "vm", "pm" };

const char *
series_kind_name(enum series_kind k)
{
	return kind_names[k];
}

int
series_kind(const char *s)
{
	int k;

	for (k = 0; k < SERIES_NKINDS; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return -1;
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
bad(struct buf *err, const struct tsv_reader *r, int col, const char *what)
{
	buf_addf(err, "%s:%lu: %s \"%.60s\" %s", r->name, r->lineno,
	    r->cols[col], r->fields[col], what);
	return -1;
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
    const struct tsv_reader *r, const int *c, double lo, double hi,
    const struct times *st, struct buf *err)
{
	const char *metric = r->fields[c[3]], *dev = r->fields[c[4]];
	double t, v;

	if (num_double(r->fields[c[0]], &t) < 0)
		return bad(err, r, c[0], "is not a number");
	if (num_double(r->fields[c[5]], &v) < 0)
		return bad(err, r, c[5], "is not a number");
	if (t <= lo || prev_time(st, t) >= hi)
		return 0;
	if (!strcmp(metric, "cpu_idle")) {
		if (v < 0 || v > 100)
			return bad(err, r, c[5], "is not a percentage");
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
	static const char *const names[] = { "time", "host", "kind", "metric",
	    "device", "value" };
	struct series_acc a = { 0 };
	struct times rx = { 0 }, tx = { 0 }, st = { 0 };
	struct tsv_reader r;
	FILE *fp;
	int c[6], kind = -1, rc = -1, n;
	size_t i;

	if (!(fp = fopen(path, "r"))) {
		buf_addf(err, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (tsv_open(&r, fp, name) < 0) {
		buf_adds(err, r.err);
		goto done;
	}
	for (i = 0; i < 6; i++)
		if ((c[i] = tsv_col(&r, names[i])) < 0) {
			buf_addf(err, "%s:1: missing column \"%s\"", name, names[i]);
			goto done;
		}
	/* first pass: the sample times (bad ones are reported below) */
	while ((n = tsv_next(&r)) > 0) {
		double t;

		if (num_double(r.fields[c[0]], &t) == 0)
			times_add(&st, t);
	}
	st.n = distinct(st.t, st.n);
	tsv_close(&r);
	rewind(fp);
	if (tsv_open(&r, fp, name) < 0) {
		buf_adds(err, r.err);
		goto done;
	}
	while ((n = tsv_next(&r)) > 0) {
		s->rows++;
		if (strcmp(r.fields[c[1]], host)) {
			bad(err, &r, c[1], "is not the host of this file");
			goto done;
		}
		if (kind < 0 && (kind = series_kind(r.fields[c[2]])) < 0) {
			bad(err, &r, c[2], "is not vm or pm");
			goto done;
		}
		if (strcmp(r.fields[c[2]], kind_names[kind])) {
			bad(err, &r, c[2], "differs from the kind on line 2");
			goto done;
		}
		if (add_row(&a, &rx, &tx, &r, c, lo, hi, &st, err) < 0)
			goto done;
	}
	if (n < 0) {
		buf_adds(err, r.err);
		goto done;
	}
	a.rx_n = distinct(rx.t, rx.n);
	a.tx_n = distinct(tx.t, tx.n);
	if (kind >= 0)
		merge(&s->kind[kind], &a);
	rc = 0;
done:
	free(st.t);
	free(rx.t);
	free(tx.t);
	tsv_close(&r);
	fclose(fp);
	return rc;
}
