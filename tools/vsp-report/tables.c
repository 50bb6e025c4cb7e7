/* experiments.csv, executions.csv and summary.csv. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvout.h"
#include "err.h"
#include "report.h"
#include "strv.h"
#include "tables.h"

static void
write_experiments(const struct report *r, const char *dir)
{
	struct csvw w;
	char *path = xasprintf("%s/experiments.csv", dir);
	size_t i, j;

	csvw_open(&w, path);
	csvw_fields(&w, (char *[]){ "exp", "config_hash", NULL }, STRV_NULL);
	csvw_fields(&w, r->params.v, r->params.n);
	csvw_fields(&w, (char *[]){ "executions", "ok", "failed",
	    NULL }, STRV_NULL);
	csvw_end(&w);
	for (i = 0; i < r->nexps; i++) {
		const struct experiment *e = &r->exps[i];

		csvw_field(&w, e->exp);
		csvw_field(&w, e->hash);
		for (j = 0; j < r->params.n; j++)
			csvw_field(&w, x_param(e->x[0], r, r->params.v[j]));
		csvw_long(&w, (long)e->nx);
		csvw_long(&w, (long)e->nok);
		csvw_long(&w, (long)e->nfailed);
		csvw_end(&w);
	}
	csvw_close(&w);
	free(path);
}

/* Metrics for which x is an outlier, separated by spaces. */
static void
outlier_metrics(const struct report *r, const struct execution *x,
    struct buf *b)
{
	size_t m;

	buf_reset(b);
	for (m = 0; m < r->metrics.n; m++)
		if (report_outlier(r, x, m))
			buf_addf(b, "%s%s", b->len ? " " : "", r->metrics.v[m]);
}

static void
write_executions(const struct report *r, const char *dir)
{
	struct csvw w;
	struct buf out = { 0 };
	char *path = xasprintf("%s/executions.csv", dir);
	size_t i, j;

	csvw_open(&w, path);
	csvw_fields(&w, (char *[]){ "exp", "run", NULL }, STRV_NULL);
	csvw_fields(&w, r->fields.v, r->fields.n);
	csvw_fields(&w, r->metrics.v, r->metrics.n);
	csvw_fields(&w, (char *[]){ "status", "reason", "outliers", "series",
	    "source", NULL }, STRV_NULL);
	csvw_end(&w);
	for (i = 0; i < r->nx; i++) {
		const struct execution *x = r->x[i];

		csvw_field(&w, x->exp);
		csvw_long(&w, x->run);
		for (j = 0; j < r->fields.n; j++)
			csvw_field(&w, x_field(x, j));
		for (j = 0; j < r->metrics.n; j++)
			csvw_field(&w, x_metric(x, j));
		csvw_field(&w, x->ok ? "ok" : "failed");
		csvw_field(&w, x->reason);
		outlier_metrics(r, x, &out);
		csvw_field(&w, buf_str(&out));
		csvw_field(&w, x->series ? x->series : "");
		csvw_field(&w, x->source);
		csvw_end(&w);
	}
	csvw_close(&w);
	buf_free(&out);
	free(path);
}

static void
write_summary(const struct report *r, const char *dir)
{
	static char *const head[] = { "exp", "metric", "n", "unknown", "failed",
	    "mean", "sd", "ci95_lo", "ci95_hi", "min", "median", "max",
	    "outliers", NULL };
	struct csvw w;
	struct buf runs = { 0 };
	char *path = xasprintf("%s/summary.csv", dir);
	size_t i, j, m, known;

	csvw_open(&w, path);
	csvw_field(&w, head[0]);
	csvw_fields(&w, r->params.v, r->params.n);	/* plotted without a join */
	csvw_fields(&w, head + 1, STRV_NULL);
	csvw_end(&w);
	for (i = 0; i < r->nexps; i++) {
		const struct experiment *e = &r->exps[i];

		for (m = 0; m < r->metrics.n; m++) {
			const struct stats *s = &e->st[m];

			csvw_field(&w, e->exp);
			for (j = 0; j < r->params.n; j++)
				csvw_field(&w, x_param(e->x[0], r, r->params.v[j]));
			csvw_field(&w, r->metrics.v[m]);
			csvw_long(&w, (long)s->n);
			for (j = known = 0; j < e->nx; j++)
				known += e->x[j]->ok && !isnan(x_value(e->x[j], m));
			csvw_long(&w, (long)(e->nok - known));
			csvw_long(&w, (long)e->nfailed);
			csvw_double(&w, s->n ? s->mean : NAN);
			csvw_double(&w, s->n > 1 ? s->sd : NAN);
			csvw_double(&w, s->n > 1 ? s->ci_lo : NAN);
			csvw_double(&w, s->n > 1 ? s->ci_hi : NAN);
			csvw_double(&w, s->n ? s->min : NAN);
			csvw_double(&w, s->n ? s->median : NAN);
			csvw_double(&w, s->n ? s->max : NAN);
			buf_reset(&runs);
			for (j = 0; j < e->nx; j++)
				if (report_outlier(r, e->x[j], m))
					buf_addf(&runs, "%s%ld", runs.len ? " " : "",
					    e->x[j]->run);
			csvw_field(&w, buf_str(&runs));
			csvw_end(&w);
		}
	}
	csvw_close(&w);
	buf_free(&runs);
	free(path);
}

void
tables_write(const struct report *r, const char *dir)
{
	write_experiments(r, dir);
	write_executions(r, dir);
	write_summary(r, dir);
}
