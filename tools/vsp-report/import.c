/*
 * --import-vespa: the consolidated folder of the original Vespa, configs.csv
 * (num;config;nc;cpv;idf;pstrat;<vars>) and metrics-all.csv (config;<metrics>),
 * ';'-separated with '|' as quote, becomes experiments and executions.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvin.h"
#include "decnum.h"
#include "err.h"
#include "expid.h"
#include "num.h"
#include "place.h"
#include "report.h"
#include "strv.h"
#include "tsv.h"

/* The original's names as vsp columns: its time metrics by their vsp names,
 * camelCase as snake_case ("appTime" -> "app_time"). */
static char *
column_name(const struct table *t, const char *s)
{
	struct buf b = { 0 };
	const char *p;

	if (!strcmp(s, "userTime"))
		return xstrdup("user_s");
	if (!strcmp(s, "systemTime"))
		return xstrdup("sys_s");
	if (!strcmp(s, "ellapsedTime") || !strcmp(s, "elapsedTime"))
		return xstrdup("elapsed_s");
	for (p = s; *p; p++) {
		if (isupper((unsigned char)*p) && p > s &&
		    (islower((unsigned char)p[-1]) || isdigit((unsigned char)p[-1])))
			buf_addc(&b, '_');
		buf_addc(&b, isalnum((unsigned char)*p) ?
		    (char)tolower((unsigned char)*p) : '_');
	}
	if (!tsv_name_ok(buf_str(&b)))
		die(EXIT_USAGE, "%s:1: column \"%s\" gives no valid column name",
		    t->name, s);
	return b.s;
}

static long
field_long(const struct table *t, size_t row, int c, long min)
{
	long v;

	if (num_long(t->rows[row][c], min, 1L << 30, &v) < 0)
		die(EXIT_USAGE, "%s:%zu: %s \"%s\" is not an integer >= %ld",
		    t->name, row + 1, t->rows[0][c], t->rows[row][c], min);
	return v;
}

/* One configuration of configs.csv. */
struct config {
	long num;
	char *exp;
	size_t row;
	long runs;	/* rows in metrics-all.csv */
	long seen;	/* rows read so far: the run number */
};

/* One import. Reachable from a static so that leak checkers see what an
 * error exit leaves allocated. */
struct vespa {
	char *dir;
	const char *app;
	struct table ct, mt;
	size_t *extra;		/* configs.csv columns of the other variables */
	char **pcol;		/* their vsp names */
	size_t nextra;
	struct config *cf;	/* by configs.csv row */
	size_t *mcol;		/* metric of each metrics-all.csv column */
	int cnc, ccpv, cidf, cps, cconf, ccfg;
};

static struct vespa *cur;

/* Parameters: those of vsp-gen, then the original's other variables. */
static void
vespa_params(struct report *r, struct vespa *v)
{
	static const char *fixed[] = { "num", "config", "nc", "cpv", "idf",
	    "pstrat" };
	static const char *ours[] = { "app", "nc", "cpv", "idf", "pstrat",
	    "runs", "first" };
	size_t i, k, nf = v->ct.nf[0];
	char *name;

	for (i = 0; i < sizeof ours / sizeof *ours; i++)
		names_add(&r->params, ours[i]);
	v->extra = xcalloc(nf, sizeof *v->extra);
	v->pcol = xcalloc(nf, sizeof *v->pcol);
	for (i = 0; i < nf; i++) {
		for (k = 0; k < sizeof fixed / sizeof *fixed &&
		    strcmp(v->ct.rows[0][i], fixed[k]); k++)
			;
		if (k < sizeof fixed / sizeof *fixed)
			continue;
		name = column_name(&v->ct, v->ct.rows[0][i]);
		v->pcol[v->nextra] = name;
		v->extra[v->nextra++] = i;
		if (names_find(&r->metrics, name) >= 0 ||
		    names_find(&r->fields, name) >= 0)
			die(EXIT_USAGE, "%s:1: column \"%s\" is an experiment "
			    "parameter here but not in an earlier input",
			    v->ct.name, name);
		names_add(&r->params, name);
	}
}

/* Experiment ids as vsp-gen makes them, the other variables as extras. */
static void
vespa_configs(struct vespa *v)
{
	const struct table *ct = &v->ct;
	int cnum = table_col(ct, "num");
	struct request rq;
	struct buf id = { 0 };
	size_t i, j;
	int ps;

	v->cf = xcalloc(ct->n, sizeof *v->cf);
	for (i = 1; i < ct->n; i++) {
		v->cf[i].num = field_long(ct, i, cnum, 0);
		for (j = 1; j < i; j++)
			if (v->cf[j].num == v->cf[i].num)
				die(EXIT_USAGE, "%s:%zu: num %ld appears twice",
				    ct->name, i + 1, v->cf[i].num);
		rq.nc = field_long(ct, i, v->cnc, 1);
		rq.cpv = field_long(ct, i, v->ccpv, 1);
		rq.idf = field_long(ct, i, v->cidf, -1);
		rq.first = 0;
		if ((ps = pstrat_parse(ct->rows[i][v->cps])) < 0)
			die(EXIT_USAGE, "%s:%zu: unknown pstrat \"%s\"", ct->name,
			    i + 1, ct->rows[i][v->cps]);
		rq.ps = (enum pstrat)ps;
		buf_reset(&id);
		expid_base(&id, v->app, &rq);
		for (j = 0; j < v->nextra; j++)
			expid_extra(&id, v->pcol[j], ct->rows[i][v->extra[j]]);
		v->cf[i].exp = xstrdup(buf_str(&id));
		v->cf[i].row = i;
	}
	buf_free(&id);
}

/* Metrics: every column of metrics-all.csv but config. */
static void
vespa_metrics(struct report *r, struct vespa *v)
{
	char *name;
	size_t i;

	v->mcol = xcalloc(v->mt.nf[0], sizeof *v->mcol);
	for (i = 0; i < v->mt.nf[0]; i++) {
		if ((int)i == v->ccfg)
			continue;
		name = column_name(&v->mt, v->mt.rows[0][i]);
		if (names_find(&r->params, name) >= 0 ||
		    names_find(&r->fields, name) >= 0) {
			free(name);
			die(EXIT_USAGE, "%s:1: column \"%s\" is a metric here but "
			    "not in an earlier input", v->mt.name, v->mt.rows[0][i]);
		}
		v->mcol[i] = names_add(&r->metrics, name);
		free(name);
	}
}

/* The configuration of row i of metrics-all.csv. */
static struct config *
vespa_config_of(struct vespa *v, size_t i)
{
	long num;
	size_t k;

	if (num_long(v->mt.rows[i][v->ccfg], 0, 1L << 30, &num) < 0)
		die(EXIT_USAGE, "%s:%zu: config \"%s\" is not a config number",
		    v->mt.name, i + 1, v->mt.rows[i][v->ccfg]);
	for (k = 1; k < v->ct.n && v->cf[k].num != num; k++)
		;
	if (k == v->ct.n)
		die(EXIT_USAGE, "%s:%zu: config %ld is not in configs.csv",
		    v->mt.name, i + 1, num);
	return &v->cf[k];
}

static struct execution *
vespa_row(struct report *r, struct vespa *v, size_t i)
{
	struct execution *x = xcalloc(1, sizeof *x);
	struct config *cf = vespa_config_of(v, i);
	char **crow = v->ct.rows[cf->row];
	const char *val;
	size_t j;

	x->exp = xstrdup(cf->exp);
	x->run = ++cf->seen;
	x->hash = xstrdup(crow[v->cconf]);
	x->nparams = r->params.n;
	x->params = xcalloc(x->nparams, sizeof *x->params);
	x->params[names_find(&r->params, "app")] = xstrdup(v->app);
	x->params[names_find(&r->params, "nc")] = xstrdup(crow[v->cnc]);
	x->params[names_find(&r->params, "cpv")] = xstrdup(crow[v->ccpv]);
	x->params[names_find(&r->params, "idf")] = xstrdup(crow[v->cidf]);
	x->params[names_find(&r->params, "pstrat")] = xstrdup(pstrat_name(
	    (enum pstrat)pstrat_parse(crow[v->cps])));
	x->params[names_find(&r->params, "runs")] = xasprintf("%ld", cf->runs);
	x->params[names_find(&r->params, "first")] = xstrdup("0");
	for (j = 0; j < v->nextra; j++)
		x->params[names_find(&r->params, v->pcol[j])] =
		    xstrdup(crow[v->extra[j]]);
	x->nmetrics = r->metrics.n;
	x->text = xcalloc(x->nmetrics, sizeof *x->text);
	x->val = xcalloc(x->nmetrics, sizeof *x->val);
	for (j = 0; j < x->nmetrics; j++)
		x->val[j] = NAN;
	x->ok = 1;	/* the original recorded no failures */
	x->reason = xstrdup("");
	x->source = xasprintf("%s:%zu", v->mt.name, i + 1);
	report_add(r, x);
	for (j = 0; j < v->mt.nf[0]; j++) {
		val = v->mt.rows[i][j];
		if ((int)j == v->ccfg)
			continue;
		if (*val && decnum_parse(val, &x->val[v->mcol[j]]) < 0)
			die(EXIT_USAGE, "%s:%zu: %s \"%s\" is not a number",
			    v->mt.name, i + 1, v->mt.rows[0][j], val);
		x->text[v->mcol[j]] = xstrdup(val);
	}
	return x;
}

static void
vespa_free(struct vespa *v)
{
	size_t i;

	for (i = 1; v->cf && i < v->ct.n; i++)
		free(v->cf[i].exp);
	strv_free(v->pcol, v->nextra);
	free(v->cf);
	free(v->extra);
	free(v->mcol);
	free(v->dir);
	table_free(&v->ct);
	table_free(&v->mt);
	free(v);
}

void
input_vespa(struct report *r, const char *dir)
{
	struct vespa *v = cur = xcalloc(1, sizeof *v);
	size_t len, i;

	v->dir = xstrdup(dir);
	len = strlen(v->dir);
	while (len > 1 && v->dir[len - 1] == '/')
		v->dir[--len] = '\0';
	v->app = strrchr(v->dir, '/') ? strrchr(v->dir, '/') + 1 : v->dir;
	if (!expid_app_ok(v->app))
		die(EXIT_USAGE, "%s: folder name \"%s\" is not a valid application "
		    "name", v->dir, v->app);
	table_read(&v->ct, v->dir, "configs.csv", ';', '|');
	table_read(&v->mt, v->dir, "metrics-all.csv", ';', '|');
	table_check_widths(&v->ct);
	table_check_widths(&v->mt);
	table_col(&v->ct, "num");
	v->cconf = table_col(&v->ct, "config");
	v->cnc = table_col(&v->ct, "nc");
	v->ccpv = table_col(&v->ct, "cpv");
	v->cidf = table_col(&v->ct, "idf");
	v->cps = table_col(&v->ct, "pstrat");
	v->ccfg = table_col(&v->mt, "config");
	vespa_params(r, v);
	vespa_configs(v);
	vespa_metrics(r, v);
	for (i = 1; i < v->mt.n; i++)
		vespa_config_of(v, i)->runs++;
	for (i = 1; i < v->mt.n; i++)
		vespa_row(r, v, i);
	vespa_free(v);
	cur = NULL;
}
