/*
 * --import-vespa: the consolidated folder of the original Vespa, configs.csv
 * (num;config;nc;cpv;idf;pstrat;<vars>) and metrics-all.csv (config;<metrics>),
 * ';'-separated with '|' as quote, becomes experiments and executions.
 */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "expid.h"
#include "num.h"
#include "place.h"
#include "report.h"
#include "tsv.h"

struct table {
	char *name;	/* path, for messages */
	char ***rows;	/* rows[0] is the header */
	size_t *nf;	/* fields per row */
	size_t n;
	struct {	/* the record being parsed */
		char **f;
		size_t n;
	} cur;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct table *t = data;

	t->cur.f = xreallocarray(t->cur.f, t->cur.n + 1, sizeof *t->cur.f);
	t->cur.f[t->cur.n++] = xstrndup(s ? s : "", s ? len : 0);
}

static void
on_record(int c, void *data)
{
	struct table *t = data;

	(void)c;
	t->rows = xreallocarray(t->rows, t->n + 1, sizeof *t->rows);
	t->nf = xreallocarray(t->nf, t->n + 1, sizeof *t->nf);
	t->rows[t->n] = t->cur.f;
	t->nf[t->n++] = t->cur.n;
	t->cur.f = NULL;
	t->cur.n = 0;
}

static void
read_table(struct table *t, const char *dir, const char *file)
{
	struct csv_parser p;
	char block[65536];
	size_t n;
	FILE *fp;

	memset(t, 0, sizeof *t);
	t->name = xasprintf("%s/%s", dir, file);
	if (!(fp = fopen(t->name, "r")))
		die(EXIT_USAGE, "%s: cannot open: %s", t->name, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(EXIT_FAIL, "out of memory");
	csv_set_delim(&p, ';');
	csv_set_quote(&p, '|');
	while ((n = fread(block, 1, sizeof block, fp)) > 0)
		if (csv_parse(&p, block, n, on_field, on_record, t) != n)
			die(EXIT_USAGE, "%s:%zu: %s", t->name, t->n + 1,
			    csv_strerror(csv_error(&p)));
	if (ferror(fp))
		die(EXIT_USAGE, "%s: read error", t->name);
	if (csv_fini(&p, on_field, on_record, t) != 0)
		die(EXIT_USAGE, "%s:%zu: %s", t->name, t->n + 1,
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(fp);
	if (!t->n)
		die(EXIT_USAGE, "%s: no header line", t->name);
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->nf[i]; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->nf);
	free(t->name);
}

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

static int
col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nf[0]; i++)
		if (!strcmp(t->rows[0][i], name))
			return (int)i;
	die(EXIT_USAGE, "%s:1: missing column \"%s\"", t->name, name);
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

static void
check_widths(const struct table *t)
{
	size_t i;

	for (i = 1; i < t->n; i++)
		if (t->nf[i] != t->nf[0])
			die(EXIT_USAGE, "%s:%zu: expected %zu fields, got %zu",
			    t->name, i + 1, t->nf[0], t->nf[i]);
}

/* One configuration of configs.csv. */
struct config {
	long num;
	char *exp;
	size_t row;
	long runs;	/* rows in metrics-all.csv */
	long seen;	/* rows read so far: the run number */
};

void
input_vespa(struct report *r, const char *dir)
{
	static const char *fixed[] = { "num", "config", "nc", "cpv", "idf",
	    "pstrat" };
	struct table ct, mt;
	char *d = xstrdup(dir), *app, *name, **pcol;
	struct config *cf;
	size_t len = strlen(d), i, j, k, nextra = 0, *extra, *mcol;
	int cconf, ccfg, cps;
	long num;

	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	app = strrchr(d, '/') ? strrchr(d, '/') + 1 : d;
	if (!expid_app_ok(app))
		die(EXIT_USAGE, "%s: folder name \"%s\" is not a valid application "
		    "name", d, app);
	read_table(&ct, d, "configs.csv");
	read_table(&mt, d, "metrics-all.csv");
	check_widths(&ct);
	check_widths(&mt);
	cconf = col(&ct, "config");
	cps = col(&ct, "pstrat");
	ccfg = col(&mt, "config");
	/* Parameters: those of vsp-gen, then the original's other variables. */
	names_add(&r->params, "app");
	names_add(&r->params, "nc");
	names_add(&r->params, "cpv");
	names_add(&r->params, "idf");
	names_add(&r->params, "pstrat");
	names_add(&r->params, "runs");
	names_add(&r->params, "first");
	extra = xcalloc(ct.nf[0], sizeof *extra);
	pcol = xcalloc(ct.nf[0], sizeof *pcol);
	for (i = 0; i < ct.nf[0]; i++) {
		for (k = 0; k < sizeof fixed / sizeof *fixed &&
		    strcmp(ct.rows[0][i], fixed[k]); k++)
			;
		if (k < sizeof fixed / sizeof *fixed)
			continue;
		name = column_name(&ct, ct.rows[0][i]);
		if (names_find(&r->metrics, name) >= 0 ||
		    names_find(&r->fields, name) >= 0)
			die(EXIT_USAGE, "%s:1: column \"%s\" is an experiment "
			    "parameter here but not in an earlier input", ct.name, name);
		names_add(&r->params, name);
		pcol[nextra] = name;
		extra[nextra++] = i;
	}
	cf = xcalloc(ct.n, sizeof *cf);
	{
		struct request rq;
		struct buf id = { 0 };
		int cnum = col(&ct, "num"), cnc = col(&ct, "nc"),
		    ccpv = col(&ct, "cpv"), cidf = col(&ct, "idf"), ps;

		for (i = 1; i < ct.n; i++) {
			cf[i].num = field_long(&ct, i, cnum, 0);
			for (j = 1; j < i; j++)
				if (cf[j].num == cf[i].num)
					die(EXIT_USAGE, "%s:%zu: num %ld appears twice",
					    ct.name, i + 1, cf[i].num);
			rq.nc = field_long(&ct, i, cnc, 1);
			rq.cpv = field_long(&ct, i, ccpv, 1);
			rq.idf = field_long(&ct, i, cidf, -1);
			rq.first = 0;
			if ((ps = pstrat_parse(ct.rows[i][cps])) < 0)
				die(EXIT_USAGE, "%s:%zu: unknown pstrat \"%s\"",
				    ct.name, i + 1, ct.rows[i][cps]);
			rq.ps = (enum pstrat)ps;
			buf_reset(&id);
			expid_base(&id, app, &rq);
			for (j = 0; j < nextra; j++)
				expid_extra(&id, pcol[j], ct.rows[i][extra[j]]);
			cf[i].exp = xstrdup(buf_str(&id));
			cf[i].row = i;
		}
		buf_free(&id);
	}
	/* Metrics: every column of metrics-all.csv but config. */
	mcol = xcalloc(mt.nf[0], sizeof *mcol);
	for (i = 0; i < mt.nf[0]; i++) {
		if ((int)i == ccfg)
			continue;
		name = column_name(&mt, mt.rows[0][i]);
		if (names_find(&r->params, name) >= 0 ||
		    names_find(&r->fields, name) >= 0)
			die(EXIT_USAGE, "%s:1: column \"%s\" is a metric here but not "
			    "in an earlier input", mt.name, name);
		mcol[i] = names_add(&r->metrics, name);
		free(name);
	}
	for (i = 1; i < mt.n; i++) {
		if (num_long(mt.rows[i][ccfg], 0, 1L << 30, &num) < 0)
			die(EXIT_USAGE, "%s:%zu: config \"%s\" is not a config number",
			    mt.name, i + 1, mt.rows[i][ccfg]);
		for (k = 1; k < ct.n && cf[k].num != num; k++)
			;
		if (k == ct.n)
			die(EXIT_USAGE, "%s:%zu: config %ld is not in configs.csv",
			    mt.name, i + 1, num);
		cf[k].runs++;
	}
	for (i = 1; i < mt.n; i++) {
		struct execution *x = xcalloc(1, sizeof *x);
		const char *rowp[7];
		char runs[32];

		num_long(mt.rows[i][ccfg], 0, 1L << 30, &num);
		for (k = 1; cf[k].num != num; k++)
			;
		x->exp = xstrdup(cf[k].exp);
		x->run = ++cf[k].seen;
		x->hash = xstrdup(ct.rows[cf[k].row][cconf]);
		snprintf(runs, sizeof runs, "%ld", cf[k].runs);
		rowp[0] = app;
		rowp[1] = ct.rows[cf[k].row][col(&ct, "nc")];
		rowp[2] = ct.rows[cf[k].row][col(&ct, "cpv")];
		rowp[3] = ct.rows[cf[k].row][col(&ct, "idf")];
		rowp[4] = pstrat_name((enum pstrat)pstrat_parse(ct.rows[cf[k].row][cps]));
		rowp[5] = runs;
		rowp[6] = "0";
		x->nparams = r->params.n;
		x->params = xcalloc(x->nparams, sizeof *x->params);
		for (j = 0; j < 7; j++)
			x->params[names_find(&r->params, (const char *[]){ "app", "nc",
			    "cpv", "idf", "pstrat", "runs", "first" }[j])] =
			    xstrdup(rowp[j]);
		for (j = 0; j < nextra; j++)
			x->params[names_find(&r->params, pcol[j])] =
			    xstrdup(ct.rows[cf[k].row][extra[j]]);
		x->nmetrics = r->metrics.n;
		x->text = xcalloc(x->nmetrics, sizeof *x->text);
		x->val = xcalloc(x->nmetrics, sizeof *x->val);
		for (j = 0; j < x->nmetrics; j++)
			x->val[j] = NAN;
		for (j = 0; j < mt.nf[0]; j++) {
			const char *v = mt.rows[i][j];

			if ((int)j == ccfg)
				continue;
			if (*v && num_double(v, &x->val[mcol[j]]) < 0)
				die(EXIT_USAGE, "%s:%zu: %s \"%s\" is not a number",
				    mt.name, i + 1, mt.rows[0][j], v);
			x->text[mcol[j]] = xstrdup(v);
		}
		x->ok = 1;
		x->reason = xstrdup("");
		x->source = xasprintf("%s:%zu", mt.name, i + 1);
		report_add(r, x);
	}
	for (i = 1; i < ct.n; i++)
		free(cf[i].exp);
	for (i = 0; i < nextra; i++)
		free(pcol[i]);
	free(pcol);
	free(cf);
	free(extra);
	free(mcol);
	free(d);
	table_free(&ct);
	table_free(&mt);
}
