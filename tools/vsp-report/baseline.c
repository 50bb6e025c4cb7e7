#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "compare.h"
#include "csvin.h"
#include "csvout.h"
#include "decnum.h"
#include "dfmt.h"
#include "err.h"
#include "num.h"

const char *
baseline_change(enum change c)
{
	switch (c) {
	case C_FASTER: return "faster";
	case C_SLOWER: return "slower";
	case C_UNKNOWN: return "unknown";
	default: return "within noise";
	}
}

/* A number as summary.csv prints it: both sides of a comparison then go
 * through the same rounding, and a report against itself is equal. */
static double
as_printed(double v)
{
	char s[DFMT_MAX];
	double out;

	return decnum_parse(dfmt(s, v), &out) == 0 ? out : v;
}

static double
field_num(const struct table *t, size_t row, int c, int empty_ok)
{
	double v;

	if (empty_ok && !*t->rows[row][c])
		return 0;
	if (decnum_parse(t->rows[row][c], &v) < 0)
		die(EXIT_USAGE, "%s:%zu: %s \"%s\" is not a number", t->name,
		    row + 1, t->rows[0][c], t->rows[row][c]);
	return v;
}

void
baseline_load(struct baseline *b, const struct report *r, const char *dir)
{
	struct table t;
	int ce, cm, cn, cmean, csd, mi;
	size_t i, m, k, *row, found;
	double *p, *adj;
	long n;

	memset(b, 0, sizeof *b);
	b->dir = xstrdup(dir);
	table_read(&t, dir, "summary.csv", ',', '"');
	table_check_widths(&t);
	ce = table_col(&t, "exp");
	cm = table_col(&t, "metric");
	cn = table_col(&t, "n");
	cmean = table_col(&t, "mean");
	csd = table_col(&t, "sd");
	row = xcalloc(r->nexps * (r->metrics.n + 1) + 1, sizeof *row);
	for (k = 1; k < t.n; k++) {
		for (i = 0; i < r->nexps && strcmp(r->exps[i].exp, t.rows[k][ce]); i++)
			;
		if ((mi = names_find(&r->metrics, t.rows[k][cm])) < 0 || i == r->nexps)
			continue;
		if (num_long(t.rows[k][cn], 0, 1L << 30, &n) < 0)
			die(EXIT_USAGE, "%s:%zu: n \"%s\" is not a count", t.name,
			    k + 1, t.rows[k][cn]);
		if (row[i * r->metrics.n + (size_t)mi])
			die(EXIT_USAGE, "%s:%zu: experiment \"%s\" metric \"%s\" "
			    "again", t.name, k + 1, t.rows[k][ce], t.rows[k][cm]);
		row[i * r->metrics.n + (size_t)mi] = k;
	}
	for (i = 0; i < r->nexps; i++) {
		for (m = found = 0; m < r->metrics.n; m++) {
			const struct stats *st = &r->exps[i].st[m];
			struct base_row *br;

			if (!(k = row[i * r->metrics.n + m]))
				continue;
			found = 1;
			num_long(t.rows[k][cn], 0, 1L << 30, &n);
			if (!st->n || !n)
				continue;
			b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
			br = &b->v[b->n++];
			memset(br, 0, sizeof *br);
			br->exp = i;
			br->metric = m;
			br->now.n = st->n;
			br->now.mean = as_printed(st->mean);
			br->now.sd = st->n > 1 ? as_printed(st->sd) : 0;
			br->old.n = (size_t)n;
			br->old.mean = field_num(&t, k, cmean, 0);
			br->old.sd = n > 1 ? field_num(&t, k, csd, 0) : 0;
			welch_compare(&br->now, &br->old, COMPARE_ALPHA, &br->w);
		}
		b->unmatched += !found;
	}
	/* Holm over the experiments of each metric. */
	p = xcalloc(b->n + 1, sizeof *p);
	adj = xcalloc(b->n + 1, sizeof *adj);
	for (m = 0; m < r->metrics.n; m++) {
		size_t np = 0;

		for (k = 0; k < b->n; k++)
			if (b->v[k].metric == m)
				p[np++] = b->v[k].w.p;
		welch_holm(p, np, adj);
		for (k = np = 0; k < b->n; k++) {
			struct base_row *br = &b->v[k];
			int higher = r->shapes[r->exps[br->exp].shape].higher[m];

			if (br->metric != m)
				continue;
			br->p_holm = adj[np++];
			if (isnan(br->p_holm))
				br->change = C_UNKNOWN;
			else if (br->p_holm >= COMPARE_ALPHA)
				br->change = C_SAME;
			else
				br->change = (br->now.mean > br->old.mean) == higher ?
				    C_FASTER : C_SLOWER;
			b->count[br->change]++;
		}
	}
	free(p);
	free(adj);
	free(row);
	table_free(&t);
	if (b->unmatched)
		warnx("%s: %zu experiment%s of the report %s not in the baseline",
		    dir, b->unmatched, b->unmatched > 1 ? "s" : "",
		    b->unmatched > 1 ? "are" : "is");
}

void
baseline_write(const struct baseline *b, const struct report *r,
    const char *dir)
{
	static const char *head[] = { "exp", "metric", "better", "n", "mean",
	    "base_n", "base_mean", "ratio", "ci95_lo", "ci95_hi", "p",
	    "p_holm", "change" };
	struct csvw w;
	char *path = xasprintf("%s/baseline.csv", dir);
	size_t i;

	csvw_open(&w, path);
	for (i = 0; i < sizeof head / sizeof *head; i++)
		csvw_field(&w, head[i]);
	csvw_end(&w);
	for (i = 0; i < b->n; i++) {
		const struct base_row *br = &b->v[i];

		csvw_field(&w, r->exps[br->exp].exp);
		csvw_field(&w, r->metrics.v[br->metric]);
		csvw_field(&w, r->shapes[r->exps[br->exp].shape].higher[br->metric] ?
		    "higher" : "lower");
		csvw_long(&w, (long)br->now.n);
		csvw_double(&w, br->now.mean);
		csvw_long(&w, (long)br->old.n);
		csvw_double(&w, br->old.mean);
		compare_csv(&w, &br->w, br->p_holm);
		csvw_field(&w, baseline_change(br->change));
		csvw_end(&w);
	}
	csvw_close(&w);
	free(path);
}

void
baseline_counts(const struct baseline *b, struct buf *out)
{
	buf_addf(out, "%zu faster, %zu slower, %zu within noise", b->count[C_FASTER],
	    b->count[C_SLOWER], b->count[C_SAME]);
	if (b->count[C_UNKNOWN])
		buf_addf(out, ", %zu unknown (fewer than 2 runs)",
		    b->count[C_UNKNOWN]);
}

void
baseline_free(struct baseline *b)
{
	free(b->v);
	free(b->dir);
	memset(b, 0, sizeof *b);
}
