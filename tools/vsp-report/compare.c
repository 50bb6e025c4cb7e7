#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "compare.h"
#include "csvout.h"
#include "err.h"
#include "outdir.h"
#include "strv.h"

/* Parameters that are no part of a shape: the placement, how many runs,
 * the scenario's label. */
static int
shape_param(const char *name)
{
	return strcmp(name, "idf") && strcmp(name, "pstrat") &&
	    strcmp(name, "runs") && strcmp(name, "name");
}

static int
same_shape(const struct report *r, const struct experiment *a,
    const struct experiment *b)
{
	size_t i;

	for (i = 0; i < r->params.n; i++)
		if (shape_param(r->params.v[i]) &&
		    strcmp(x_param(a->x[0], r, r->params.v[i]),
		    x_param(b->x[0], r, r->params.v[i])))
			return 0;
	return 1;
}

/* "ep nc 4 cpv 2": the shape's parameters as in experiment ids (no
 * commas: a plain CSV field). */
static char *
shape_label(const struct report *r, const struct experiment *e)
{
	struct buf b = { 0 };
	const char *n, *v;
	size_t i;

	for (i = 0; i < r->params.n; i++) {
		n = r->params.v[i];
		v = x_param(e->x[0], r, n);
		if (!shape_param(n) || !*v || (!strcmp(n, "first") &&
		    !strcmp(v, "0")))
			continue;
		buf_adds(&b, b.len ? " " : "");
		if (strcmp(n, "app"))
			buf_addf(&b, "%s ", n);
		buf_adds(&b, v);
	}
	if (!b.len)
		buf_adds(&b, "all");
	return b.s;
}

void
compare_placement(const struct report *r, const struct experiment *e,
    struct buf *b)
{
	const char *idf = x_param(e->x[0], r, "idf");
	const char *ps = x_param(e->x[0], r, "pstrat");

	if (*idf)
		buf_addf(b, "idf %s", idf);
	if (*ps)
		buf_addf(b, "%s%s", *idf ? " " : "", ps);
	if (!*idf && !*ps)
		buf_adds(b, e->exp);
}

static void
make_shapes(struct report *r, const struct better *b)
{
	struct shape *s;
	size_t i, k, m;

	for (i = 0; i < r->nexps; i++) {
		for (k = 0; k < r->nshapes; k++)
			if (same_shape(r, &r->exps[r->shapes[k].exps[0]],
			    &r->exps[i]))
				break;
		if (k == r->nshapes) {
			r->shapes = xreallocarray(r->shapes, r->nshapes + 1,
			    sizeof *r->shapes);
			s = &r->shapes[r->nshapes++];
			memset(s, 0, sizeof *s);
			s->label = shape_label(r, &r->exps[i]);
			s->higher = xcalloc(r->metrics.n + 1, sizeof *s->higher);
			for (m = 0; m < r->metrics.n; m++)
				s->higher[m] = better_higher(b,
				    x_param(r->exps[i].x[0], r, "app"),
				    r->metrics.v[m]);
		}
		s = &r->shapes[k];
		s->exps = xreallocarray(s->exps, s->n + 1, sizeof *s->exps);
		s->exps[s->n++] = i;
		r->exps[i].shape = k;
	}
}

static struct sample
sample_of(const struct experiment *e, size_t m)
{
	struct sample s = { e->st[m].n, e->st[m].mean,
	    e->st[m].n > 1 ? e->st[m].sd : 0 };

	return s;
}

/* 1 if a is better than b (a strictly better mean). */
static int
better_mean(double a, double b, int higher)
{
	return higher ? a > b : a < b;
}

/* Metric m within shape s: the best, every pair tested, Holm's correction
 * over the pairs, each member against the best. */
static void
compare_shape(struct report *r, const struct shape *s, size_t m)
{
	size_t *mem = xcalloc(s->n + 1, sizeof *mem), nm = 0, i, j, np = 0;
	size_t best, npairs = s->n * (s->n - 1) / 2 + 1, *pi, *pj;
	double *p = xcalloc(npairs, sizeof *p), *adj = xcalloc(npairs, sizeof *adj);
	size_t ntested = 0;
	struct welch w;
	struct sample a, b;

	pi = xcalloc(npairs, sizeof *pi);
	pj = xcalloc(npairs, sizeof *pj);
	for (i = 0; i < s->n; i++)
		if (r->exps[s->exps[i]].st[m].n)
			mem[nm++] = s->exps[i];
	if (nm < 2)
		goto done;
	best = mem[0];
	for (i = 1; i < nm; i++)
		if (better_mean(r->exps[mem[i]].st[m].mean, r->exps[best].st[m].mean,
		    s->higher[m]))
			best = mem[i];
	for (i = 0; i < nm; i++)
		for (j = i + 1; j < nm; j++) {
			a = sample_of(&r->exps[mem[i]], m);
			b = sample_of(&r->exps[mem[j]], m);
			welch_compare(&a, &b, COMPARE_ALPHA, &w);
			pi[np] = mem[i];
			pj[np] = mem[j];
			p[np++] = w.p;
			ntested += !isnan(w.p);
		}
	welch_holm(p, np, adj);
	for (i = 0; i < nm; i++) {
		struct versus *v = &r->exps[mem[i]].vs[m];

		v->best = best;
		a = sample_of(&r->exps[mem[i]], m);
		b = sample_of(&r->exps[best], m);
		welch_compare(&a, &b, COMPARE_ALPHA, &v->w);
		v->p_holm = NAN;
		if (mem[i] == best) {	/* 1 exactly, no interval */
			v->verdict = V_BEST;
			v->w.ratio = 1;
			v->w.lo = v->w.hi = v->w.p = v->w.t = v->w.df = NAN;
			continue;
		}
		for (j = 0; j < np; j++)
			if ((pi[j] == mem[i] && pj[j] == best) ||
			    (pj[j] == mem[i] && pi[j] == best))
				v->p_holm = adj[j];
		if (isnan(v->p_holm))
			v->verdict = V_UNKNOWN;
		else if (v->p_holm < COMPARE_ALPHA)
			v->verdict = V_WORSE;
		else {
			v->verdict = V_TIE;
			/* Bonferroni's level: what Holm asks of the first pair. */
			v->runs = welch_runs(&a, &b, COMPARE_ALPHA /
			    (double)ntested, COMPARE_POWER);
		}
	}
done:
	free(mem);
	free(p);
	free(adj);
	free(pi);
	free(pj);
}

void
compare_all(struct report *r, const struct better *b, const char *answer)
{
	size_t i, m;
	int k;

	make_shapes(r, b);
	for (i = 0; i < r->nexps; i++)
		r->exps[i].vs = xcalloc(r->metrics.n + 1, sizeof *r->exps[i].vs);
	for (i = 0; i < r->nshapes; i++)
		for (m = 0; m < r->metrics.n; m++)
			compare_shape(r, &r->shapes[i], m);
	if (answer) {
		if ((k = names_find(&r->metrics, answer)) < 0)
			die(EXIT_USAGE, "-m: no metric \"%s\" in the input", answer);
		r->answer = k;
	} else if ((k = names_find(&r->metrics, "elapsed_s")) >= 0)
		r->answer = k;
	else
		r->answer = r->metrics.n ? 0 : -1;
}

/* How far x is from the best: > 0 worse; for ordering. */
static double
badness(const struct report *r, size_t shape, size_t m, size_t x)
{
	double d = r->exps[x].st[m].mean - r->exps[r->exps[x].vs[m].best].st[m].mean;

	return r->shapes[shape].higher[m] ? -d : d;
}

void
compare_answer(const struct report *r, size_t shape, struct answer *a)
{
	const struct shape *s = &r->shapes[shape];
	size_t i, m = (size_t)r->answer, x;
	long closest = -1, tied = -1, *to;
	int unknown = 0;

	memset(a, 0, sizeof *a);
	a->runner = -1;
	if (r->answer < 0)
		return;
	for (i = 0; i < s->n; i++) {
		x = s->exps[i];
		to = &closest;
		switch (r->exps[x].vs[m].verdict) {
		case V_NONE:
			continue;
		case V_BEST:
			a->best = x;
			a->kind = A_WIN;
			continue;
		case V_TIE:
			a->nties++;
			to = &tied;
			break;
		case V_UNKNOWN:
			unknown = 1;
			break;
		case V_WORSE:
			break;
		}
		if (*to < 0 || badness(r, shape, m, x) <
		    badness(r, shape, m, (size_t)*to))
			*to = (long)x;
		if (to == &tied && (closest < 0 || badness(r, shape, m, x) <
		    badness(r, shape, m, (size_t)closest)))
			closest = (long)x;
	}
	if (a->kind == A_NONE)
		return;
	/* A tie names the closest tied one, a win the closest of all. */
	a->runner = a->nties ? tied : closest;
	if (unknown)
		a->kind = A_UNKNOWN;
	else if (a->nties)
		a->kind = A_TIE;
}

/* Formats v with the given decimals (< 0: rounded to tens, hundreds...). */
static void
fixed(struct buf *b, double v, int dec)
{
	double p;

	if (dec >= 0) {
		buf_addf(b, "%.*f", dec, v == 0 ? 0.0 : v);
		return;
	}
	p = pow(10, -dec);
	v = round(v / p) * p;
	buf_addf(b, "%.0f", v == 0 ? 0.0 : v);
}

void
compare_round(struct buf *b, double v, double half)
{
	int dec;

	if (isnan(v))
		return;
	if (fabs(v) >= 1e15) {
		buf_addf(b, "%.6g", v);
		return;
	}
	if (isnan(half) || half <= 0) {
		dec = v == 0 ? 0 : 5 - (int)floor(log10(fabs(v)));
		dec = dec > 9 ? 9 : dec;
		buf_addf(b, "%.*f", dec < 0 ? 0 : dec, v);
		/* 6 significant digits, trailing zeros dropped */
		if (dec > 0) {
			while (b->s[b->len - 1] == '0')
				b->len--;
			if (b->s[b->len - 1] == '.')
				b->len--;
			b->s[b->len] = '\0';
		}
		return;
	}
	dec = 1 - (int)floor(log10(half));
	fixed(b, v, dec > 9 ? 9 : dec);
}

/* "9.1% (95% CI 8.0% to 10.2%)": how far the runner-up is from the best. */
static void
margin(const struct report *r, size_t shape, const struct versus *v,
    struct buf *b)
{
	int hi = r->shapes[shape].higher[r->answer];
	double d = hi ? 1 - v->w.ratio : v->w.ratio - 1;
	double lo = hi ? 1 - v->w.hi : v->w.lo - 1;
	double up = hi ? 1 - v->w.lo : v->w.hi - 1;
	double half = (up - lo) / 2 * 100;

	if (isnan(d)) {
		buf_adds(b, "an unknown margin (the best's mean is 0)");
		return;
	}
	if (isnan(half))	/* no interval: two significant digits */
		half = fabs(d * 100);
	compare_round(b, d * 100, half);
	buf_adds(b, "% (95% CI ");
	if (isnan(lo)) {
		buf_adds(b, "unbounded)");
		return;
	}
	compare_round(b, lo * 100, half);
	buf_adds(b, "% to ");
	compare_round(b, up * 100, half);
	buf_adds(b, "%)");
}

void
compare_sentence(const struct report *r, const struct answer *a, struct buf *b)
{
	const struct versus *v;
	size_t shape;

	if (a->kind == A_NONE) {
		buf_adds(b, "nothing to compare");
		return;
	}
	shape = r->exps[a->best].shape;
	v = &r->exps[a->runner].vs[r->answer];
	switch (a->kind) {
	case A_WIN:
		buf_adds(b, "wins by ");
		margin(r, shape, v, b);
		buf_adds(b, " over ");
		compare_placement(r, &r->exps[a->runner], b);
		break;
	case A_TIE:
		buf_adds(b, "tie with ");
		compare_placement(r, &r->exps[a->runner], b);
		if (a->nties > 1)
			buf_addf(b, " and %zu more", a->nties - 1);
		buf_adds(b, ": ahead by ");
		margin(r, shape, v, b);
		if (v->runs)
			buf_addf(b, "; %ld runs each would tell them apart",
			    v->runs);
		else if (v->w.ratio == 1)
			buf_adds(b, "; equal means");
		else
			buf_addf(b, "; more than %ld runs each would be needed",
			    WELCH_RUNS_MAX);
		break;
	case A_UNKNOWN:
		buf_adds(b, "cannot tell: fewer than 2 runs");
		break;
	default:
		break;
	}
}

static const char *
verdict_name(enum verdict v)
{
	switch (v) {
	case V_BEST: return "best";
	case V_WORSE: return "worse";
	case V_TIE: return "tie";
	case V_UNKNOWN: return "unknown";
	default: return "";
	}
}

static const struct report *sort_r;
static size_t sort_m, sort_shape;

static int
cmp_badness(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	double da = badness(sort_r, sort_shape, sort_m, a);
	double db = badness(sort_r, sort_shape, sort_m, b);

	if (da != db)
		return da < db ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void
write_comparisons(const struct report *r, const char *dir)
{
	static char *const tail[] = { "n", "mean", "best", "ratio", "ci95_lo",
	    "ci95_hi", "p", "p_holm", "verdict", "runs_needed", NULL };
	struct csvw w;
	char *path = xasprintf("%s/comparisons.csv", dir);
	size_t s, m, i, j, n, *v;

	csvw_open(&w, path);
	csvw_fields(&w, (char *[]){ "shape", "metric", "better", "exp", NULL },
	    STRV_NULL);
	csvw_fields(&w, r->params.v, r->params.n);
	csvw_fields(&w, tail, STRV_NULL);
	csvw_end(&w);
	for (s = 0; s < r->nshapes; s++) {
		const struct shape *sh = &r->shapes[s];

		v = xcalloc(sh->n, sizeof *v);
		for (m = 0; m < r->metrics.n; m++) {
			for (i = n = 0; i < sh->n; i++)
				if (r->exps[sh->exps[i]].vs[m].verdict != V_NONE)
					v[n++] = sh->exps[i];
			sort_r = r;
			sort_m = m;
			sort_shape = s;
			qsort(v, n, sizeof *v, cmp_badness);
			for (i = 0; i < n; i++) {
				const struct experiment *e = &r->exps[v[i]];
				const struct versus *vs = &e->vs[m];

				csvw_field(&w, sh->label);
				csvw_field(&w, r->metrics.v[m]);
				csvw_field(&w, sh->higher[m] ? "higher" : "lower");
				csvw_field(&w, e->exp);
				for (j = 0; j < r->params.n; j++)
					csvw_field(&w, x_param(e->x[0], r,
					    r->params.v[j]));
				csvw_long(&w, (long)e->st[m].n);
				csvw_double(&w, e->st[m].mean);
				csvw_field(&w, r->exps[vs->best].exp);
				compare_csv(&w, &vs->w, vs->p_holm);
				csvw_field(&w, verdict_name(vs->verdict));
				if (vs->runs)
					csvw_long(&w, vs->runs);
				else
					csvw_field(&w, "");
				csvw_end(&w);
			}
		}
		free(v);
	}
	csvw_close(&w);
	free(path);
}

void
compare_csv(struct csvw *w, const struct welch *x, double p_holm)
{
	csvw_double(w, x->ratio);
	csvw_double(w, x->lo);
	csvw_double(w, x->hi);
	csvw_double(w, x->p);
	csvw_double(w, p_holm);
}

/* Writes b to dir/name. */
static void
write_text(const char *dir, const char *name, const struct buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);

	outdir_write(path, b->s, b->len);
	free(path);
}

/* runs.tsv: the experiments of a tie in the answers that need more runs,
 * with how many (vsp-gen -R). */
static void
write_runs(const struct report *r, const char *dir)
{
	struct buf b = { 0 };
	long *need = xcalloc(r->nexps + 1, sizeof *need);
	size_t i;

	buf_adds(&b, "exp\tapp\truns\n");
	for (i = 0; r->answer >= 0 && i < r->nexps; i++) {
		const struct versus *v = &r->exps[i].vs[r->answer];

		if (v->verdict != V_TIE || !v->runs)
			continue;
		need[i] = v->runs > need[i] ? v->runs : need[i];
		need[v->best] = v->runs > need[v->best] ? v->runs : need[v->best];
	}
	for (i = 0; i < r->nexps; i++)
		if (need[i] > (long)r->exps[i].nx)
			buf_addf(&b, "%s\t%s\t%ld\n", r->exps[i].exp,
			    x_param(r->exps[i].x[0], r, "app"), need[i]);
	write_text(dir, "runs.tsv", &b);
	buf_free(&b);
	free(need);
}

/* answers.txt: one line per shape, columns padded. */
static void
write_answers(const struct report *r, const char *dir,
    const struct baseline *bl)
{
	struct buf b = { 0 }, *cell = xcalloc(3 * (r->nshapes + 1), sizeof *cell);
	size_t w[3] = { 0 }, s, c, n = 1, k;
	struct answer a;
	int higher = 0;

	buf_adds(&cell[0], "shape");
	buf_adds(&cell[1], "best");
	buf_adds(&cell[2], "answer");
	for (s = 0; s < r->nshapes; s++) {
		compare_answer(r, s, &a);
		if (a.kind == A_NONE)
			continue;
		higher = r->shapes[s].higher[r->answer];
		buf_adds(&cell[3 * n], r->shapes[s].label);
		compare_placement(r, &r->exps[a.best], &cell[3 * n + 1]);
		compare_sentence(r, &a, &cell[3 * n + 2]);
		n++;
	}
	if (n == 1) {
		buf_adds(&b, "No shape has two placements to compare.\n");
	} else {
		buf_addf(&b, "Answers for %s (%s is better): the best placement "
		    "of each shape, how far ahead of the next (ratio of means, "
		    "Fieller's 95%% CI), ties after Welch's tests with Holm's "
		    "correction.\n\n", r->metrics.v[r->answer],
		    higher ? "higher" : "lower");
		for (k = 0; k < n; k++)
			for (c = 0; c < 2; c++)
				w[c] = cell[3 * k + c].len > w[c] ? cell[3 * k + c].len : w[c];
		for (k = 0; k < n; k++)
			buf_addf(&b, "%-*s  %-*s  %s\n", (int)w[0], buf_str(&cell[3 * k]),
			    (int)w[1], buf_str(&cell[3 * k + 1]),
			    buf_str(&cell[3 * k + 2]));
	}
	if (bl) {
		buf_addf(&b, "\nAgainst the baseline %s: ", bl->dir);
		baseline_counts(bl, &b);
		buf_adds(&b, ".\n");
	}
	write_text(dir, "answers.txt", &b);
	FREE_EACH(cell, 3 * (r->nshapes + 1), buf_free);
	buf_free(&b);
}

void
compare_write(const struct report *r, const char *dir,
    const struct baseline *b)
{
	write_comparisons(r, dir);
	write_runs(r, dir);
	write_answers(r, dir, b);
}
