/* The model: grouping executions into experiments, checks, statistics. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "err.h"
#include "num.h"
#include "report.h"
#include "sha256.h"
#include "strv.h"

int
report_own_column(const char *name)
{
	static const char *const own[] = { "exp", "config_hash", "run",
	    "status", "reason", "outliers", "series", "source", "executions",
	    "ok", "failed", "metric", "n", "unknown", "mean", "sd", "ci95_lo",
	    "ci95_hi", "min", "median", "max", NULL };
	size_t i;

	for (i = 0; own[i]; i++)
		if (!strcmp(own[i], name))
			return 1;
	return 0;
}

size_t
names_add(struct names *n, const char *name)
{
	int i = names_find(n, name);

	if (i >= 0)
		return (size_t)i;
	n->v = xreallocarray(n->v, n->n + 1, sizeof *n->v);
	n->v[n->n] = xstrdup(name);
	return n->n++;
}

int
names_find(const struct names *n, const char *name)
{
	return strv_index(n->v, n->n, name);
}

static const char *
param_at(const struct execution *x, size_t i)
{
	return i < x->nparams && x->params[i] ? x->params[i] : "";
}

const char *
x_param(const struct execution *x, const struct report *r, const char *name)
{
	int i = names_find(&r->params, name);

	return i < 0 ? "" : param_at(x, (size_t)i);
}

const char *
x_field(const struct execution *x, size_t i)
{
	return i < x->nfields && x->fields[i] ? x->fields[i] : "";
}

const char *
x_metric(const struct execution *x, size_t i)
{
	return i < x->nmetrics && x->text[i] ? x->text[i] : "";
}

double
x_value(const struct execution *x, size_t i)
{
	return i < x->nmetrics ? x->val[i] : NAN;
}

void
report_add(struct report *r, struct execution *x)
{
	if (r->nx == r->capx) {
		r->capx = r->capx ? 2 * r->capx : 64;
		r->x = xreallocarray(r->x, r->capx, sizeof *r->x);
	}
	x->seq = r->nx;
	r->x[r->nx++] = x;
}

static int
cmp_exec(const void *a, const void *b)
{
	const struct execution *x = *(struct execution *const *)a;
	const struct execution *y = *(struct execution *const *)b;
	int c = strcmp(x->exp, y->exp);

	if (c)
		return c;
	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Numbers compare as numbers, anything else byte-wise; numbers first. */
static int
cmp_value(const char *a, const char *b)
{
	double x, y;
	int na = num_double(a, &x) == 0, nb = num_double(b, &y) == 0;

	if (na && nb && x != y)
		return x < y ? -1 : 1;
	if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

static const struct report *sort_report;

static int
cmp_experiment(const void *a, const void *b)
{
	const struct experiment *e = a, *f = b;
	const struct names *p = &sort_report->params;
	size_t i;
	int c;

	for (i = 0; i < p->n; i++) {
		if (!strcmp(p->v[i], "runs"))
			continue;
		if ((c = cmp_value(param_at(e->x[0], i), param_at(f->x[0], i))))
			return c;
	}
	return strcmp(e->exp, f->exp);
}

/* Columns that are no part of a configuration: how many runs, which trial
 * of it (the original's trials share its hash), the scenario's label. */
static int
hashed(const char *name)
{
	return strcmp(name, "runs") && strcmp(name, "trial") &&
	    strcmp(name, "name");
}

/* sha256 of "name=value\n" for the non-empty hashed parameters, by name. */
static char *
config_hash(const struct report *r, const struct execution *x)
{
	struct sha256 c;
	size_t *order = xcalloc(r->params.n, sizeof *order), i, j, n = 0, t;
	char hex[65];

	for (i = 0; i < r->params.n; i++)
		if (*param_at(x, i) && hashed(r->params.v[i]))
			order[n++] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(r->params.v[order[j - 1]],
		    r->params.v[order[j]]) > 0; j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	sha256_init(&c);
	for (i = 0; i < n; i++) {
		sha256_add(&c, r->params.v[order[i]], strlen(r->params.v[order[i]]));
		sha256_add(&c, "=", 1);
		sha256_add(&c, param_at(x, order[i]), strlen(param_at(x, order[i])));
		sha256_add(&c, "\n", 1);
	}
	sha256_hex(&c, hex);
	free(order);
	return xstrdup(hex);
}

/* The same experiment must have the same parameters everywhere, but for
 * runs, which a sweep may raise later (vsp-gen -R). */
static void
check_same_experiment(const struct report *r, const struct execution *a,
    const struct execution *b)
{
	size_t i;

	for (i = 0; i < r->params.n; i++)
		if (strcmp(r->params.v[i], "runs") &&
		    strcmp(param_at(a, i), param_at(b, i)))
			die(EXIT_USAGE, "%s: experiment \"%s\" has %s \"%s\" but "
			    "\"%s\" at %s", b->source, b->exp, r->params.v[i],
			    param_at(b, i), param_at(a, i), a->source);
	if (a->hash && b->hash && *a->hash && *b->hash &&
	    strcmp(a->hash, b->hash))
		die(EXIT_USAGE, "%s: experiment \"%s\" has config_hash \"%s\" but "
		    "\"%s\" at %s", b->source, b->exp, b->hash, a->hash,
		    a->source);
}

/* NULL if b repeats a exactly (the same row read twice), else the first
 * column where they differ, with both values. */
static const char *
execution_diff(const struct report *r, const struct execution *a,
    const struct execution *b, const char **va, const char **vb)
{
	size_t i;

	*va = a->ok ? "ok" : "failed";
	*vb = b->ok ? "ok" : "failed";
	if (a->ok != b->ok)
		return "status";
	for (i = 0; i < r->fields.n; i++)
		if (strcmp(*va = x_field(a, i), *vb = x_field(b, i)))
			return r->fields.v[i];
	for (i = 0; i < r->metrics.n; i++)
		if (strcmp(*va = x_metric(a, i), *vb = x_metric(b, i)))
			return r->metrics.v[i];
	*va = a->reason;
	*vb = b->reason;
	return strcmp(a->reason, b->reason) ? "reason" : NULL;
}

static void
execution_free(struct execution *x)
{
	strv_free(x->params, x->nparams);
	strv_free(x->fields, x->nfields);
	strv_free(x->text, x->nmetrics);
	free(x->val);
	free(x->exp);
	free(x->hash);
	free(x->reason);
	free(x->source);
	free(x->mondir);
	free(x->series);
	free(x);
}

/* Drops exact repeats; a run recorded twice with different values is an error. */
static void
drop_repeats(struct report *r)
{
	size_t i, n = 0;

	const char *col, *va, *vb;

	for (i = 0; i < r->nx; i++) {
		struct execution *x = r->x[i], *prev = n ? r->x[n - 1] : NULL;

		if (prev && !strcmp(prev->exp, x->exp) && prev->run == x->run) {
			check_same_experiment(r, prev, x);
			if ((col = execution_diff(r, prev, x, &va, &vb)))
				die(EXIT_USAGE, "%s: run %ld of experiment \"%s\" has "
				    "%s \"%s\" but \"%s\" at %s", x->source, x->run,
				    x->exp, col, vb, va, prev->source);
			execution_free(x);
			continue;
		}
		r->x[n++] = x;
	}
	r->nx = n;
}

static void
experiment_stats(const struct report *r, struct experiment *e)
{
	double *v = xcalloc(e->nx, sizeof *v);
	size_t m, i, n;

	e->st = xcalloc(r->metrics.n, sizeof *e->st);
	for (m = 0; m < r->metrics.n; m++) {
		for (i = n = 0; i < e->nx; i++)
			if (e->x[i]->ok && !isnan(x_value(e->x[i], m)))
				v[n++] = x_value(e->x[i], m);
		stats_compute(v, n, &e->st[m]);
	}
	free(v);
}

/* The experiment's runs (as the tables show it, from its first execution):
 * the largest of its executions. */
static void
largest_runs(const struct report *r, struct experiment *e)
{
	int c = names_find(&r->params, "runs");
	double best = -1, v;
	size_t j, at = 0;

	if (c < 0)
		return;
	for (j = 0; j < e->nx; j++)
		if (num_double(param_at(e->x[j], (size_t)c), &v) == 0 && v > best) {
			best = v;
			at = j;
		}
	if (at && (size_t)c < e->x[0]->nparams) {
		free(e->x[0]->params[c]);
		e->x[0]->params[c] = xstrdup(param_at(e->x[at], (size_t)c));
	}
}

void
report_build(struct report *r)
{
	size_t i, j;
	struct experiment *e;

	if (r->nx > 1)	/* r->x is NULL without executions */
		qsort(r->x, r->nx, sizeof *r->x, cmp_exec);
	drop_repeats(r);
	for (i = 0; i < r->nx; i = j) {
		r->exps = xreallocarray(r->exps, r->nexps + 1, sizeof *r->exps);
		e = &r->exps[r->nexps++];
		memset(e, 0, sizeof *e);
		e->exp = r->x[i]->exp;
		e->x = &r->x[i];
		for (j = i; j < r->nx && !strcmp(r->x[j]->exp, e->exp); j++) {
			check_same_experiment(r, r->x[i], r->x[j]);
			if (!e->hash && r->x[j]->hash && *r->x[j]->hash)
				e->hash = xstrdup(r->x[j]->hash);
			e->nok += r->x[j]->ok;
			e->nfailed += !r->x[j]->ok;
		}
		e->nx = j - i;
		largest_runs(r, e);
		if (!e->hash)
			e->hash = config_hash(r, e->x[0]);
	}
	sort_report = r;
	if (r->nexps > 1)
		qsort(r->exps, r->nexps, sizeof *r->exps, cmp_experiment);
	/* Executions follow the order of their experiments. */
	{
		struct execution **sorted = xcalloc(r->nx, sizeof *sorted);
		size_t n = 0;

		for (i = 0; i < r->nexps; i++) {
			e = &r->exps[i];
			for (j = 0; j < e->nx; j++) {
				e->x[j]->expi = i;
				sorted[n + j] = e->x[j];
			}
			e->x = sorted + n;
			n += e->nx;
		}
		free(r->x);
		r->x = sorted;
		r->capx = r->nx;
	}
	for (i = 0; i < r->nexps; i++)
		experiment_stats(r, &r->exps[i]);
}

int
report_outlier(const struct report *r, const struct execution *x, size_t i)
{
	const struct experiment *e = &r->exps[x->expi];

	return x->ok && !isnan(x_value(x, i)) &&
	    stats_outlier(&e->st[i], x_value(x, i));
}

static void
names_free(struct names *n)
{
	strv_free(n->v, n->n);
}

/* What an experiment owns (its exp and x point into report.x). */
static void
experiment_free(struct experiment *e)
{
	free(e->hash);
	free(e->st);
	free(e->vs);
}

static void
shape_free(struct shape *s)
{
	free(s->exps);
	free(s->label);
	free(s->higher);
}

void
report_free(struct report *r)
{
	size_t i;

	FREE_EACH(r->exps, r->nexps, experiment_free);
	FREE_EACH(r->shapes, r->nshapes, shape_free);
	for (i = 0; i < r->nx; i++)
		execution_free(r->x[i]);
	free(r->x);
	names_free(&r->params);
	names_free(&r->fields);
	names_free(&r->metrics);
	memset(r, 0, sizeof *r);
}
