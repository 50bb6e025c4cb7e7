/* Consolidation input: metrics rows of vsp-collect, from files or run folders. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decnum.h"
#include "err.h"
#include "expid.h"
#include "num.h"
#include "operand.h"
#include "report.h"
#include "tsv.h"

enum role { R_EXP, R_HASH, R_PARAM, R_RUN, R_FIELD, R_METRIC, R_STATUS,
	R_REASON };

struct colmap {
	enum role role;
	size_t idx;	/* in the report's names of that role */
};

static const char *
role_name(enum role role)
{
	return role == R_PARAM ? "an experiment parameter" :
	    role == R_FIELD ? "an execution column" : "a metric";
}

/* A column keeps one role (parameter, execution column, metric) in all inputs. */
static size_t
role_add(struct report *r, enum role role, const char *name,
    const struct tsv_reader *t)
{
	struct names *sets[3] = { &r->params, &r->fields, &r->metrics };
	enum role roles[3] = { R_PARAM, R_FIELD, R_METRIC };
	size_t i;

	for (i = 0; i < 3; i++)
		if (roles[i] != role && names_find(sets[i], name) >= 0)
			die(EXIT_USAGE, "%s:1: column \"%s\" is %s here but %s in "
			    "an earlier input", t->name, name, role_name(role),
			    role_name(roles[i]));
	return names_add(role == R_PARAM ? &r->params :
	    role == R_FIELD ? &r->fields : &r->metrics, name);
}

static struct colmap *
map_columns(struct report *r, const struct tsv_reader *t)
{
	struct colmap *m = xcalloc(t->ncols, sizeof *m);
	int run = tsv_need(t, "run"), exitc = tsv_need(t, "exit");
	size_t i;

	tsv_need(t, "exp");
	tsv_need(t, "status");
	if (exitc < run)
		die(EXIT_USAGE, "%s:1: column \"exit\" comes before \"run\"",
		    t->name);
	for (i = 0; i < t->ncols; i++) {
		const char *c = t->cols[i];

		if (!strcmp(c, "exp"))
			m[i].role = R_EXP;
		else if (!strcmp(c, "config_hash"))
			m[i].role = R_HASH;
		else if (!strcmp(c, "status"))
			m[i].role = R_STATUS;
		else if (!strcmp(c, "reason"))
			m[i].role = R_REASON;
		else if ((int)i == run)
			m[i].role = R_RUN;
		else
			m[i].role = (int)i < run ? R_PARAM :
			    (int)i <= exitc ? R_FIELD : R_METRIC;
		if (m[i].role == R_PARAM || m[i].role == R_FIELD ||
		    m[i].role == R_METRIC)
			m[i].idx = role_add(r, m[i].role, c, t);
	}
	return m;
}

static void
read_row(struct report *r, const struct tsv_reader *t, const struct colmap *m,
    const char *rundir)
{
	struct execution *x = xcalloc(1, sizeof *x);
	const char *f;
	size_t i;
	long run;
	int rc;

	x->nparams = r->params.n;
	x->nfields = r->fields.n;
	x->nmetrics = r->metrics.n;
	x->params = xcalloc(x->nparams, sizeof *x->params);
	x->fields = xcalloc(x->nfields, sizeof *x->fields);
	x->text = xcalloc(x->nmetrics, sizeof *x->text);
	x->val = xcalloc(x->nmetrics, sizeof *x->val);
	for (i = 0; i < x->nmetrics; i++)
		x->val[i] = NAN;
	x->reason = xstrdup("");
	report_add(r, x);	/* first: an error exit leaves nothing unreachable */
	for (i = 0; i < t->ncols; i++) {
		f = t->fields[i];
		switch (m[i].role) {
		case R_EXP:
			if (!expid_app_ok(f))
				tsv_die_field(t, (int)i, "is not a file-name-safe "
				    "experiment id");
			x->exp = xstrdup(f);
			break;
		case R_HASH:
			x->hash = xstrdup(f);
			break;
		case R_PARAM:
			x->params[m[i].idx] = xstrdup(f);
			break;
		case R_RUN:
			if ((rc = num_long(f, 1, 999999999, &run)) < 0)
				tsv_die_field(t, (int)i, "is not a positive integer");
			x->run = run;
			break;
		case R_FIELD:
			x->fields[m[i].idx] = xstrdup(f);
			break;
		case R_METRIC:
			if (*f && decnum_parse(f, &x->val[m[i].idx]) < 0)
				tsv_die_field(t, (int)i, "is not a number");
			x->text[m[i].idx] = xstrdup(f);
			break;
		case R_STATUS:
			if (strcmp(f, "ok") && strcmp(f, "failed"))
				tsv_die_field(t, (int)i, "is not ok or failed");
			x->ok = !strcmp(f, "ok");
			break;
		case R_REASON:
			free(x->reason);
			x->reason = xstrdup(f);
			break;
		}
	}
	x->source = xasprintf("%s:%lu", t->name, t->lineno);
	if (rundir) {
		x->mondir = xasprintf("%s/mon", rundir);
	} else {
		i = (size_t)names_find(&r->fields, "outdir");
		f = x_field(x, i);
		if (*f)
			x->mondir = xasprintf("%s/mon", f);
	}
}

/* rundir: the run folder the file lies in (its series are in rundir/mon). */
static void
read_metrics(struct report *r, const char *path, const char *rundir)
{
	struct tsv_reader t;
	struct colmap *m;
	FILE *fp = operand_open(path);
	int rc;

	if (tsv_open(&t, fp, operand_name(path)) < 0)
		tsv_die(&t);
	m = map_columns(r, &t);
	while ((rc = tsv_next(&t)) > 0)
		read_row(r, &t, m, rundir);
	if (rc < 0)
		tsv_die(&t);
	free(m);
	tsv_close(&t);
	operand_close(fp);
}

void
input_tsv(struct report *r, const char *path)
{
	read_metrics(r, path, NULL);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Run folders (run-NNN) down to <root>/<app>/<exp>/run-NNN; returns how
 * many were read. */
static size_t
walk(struct report *r, const char *dir, int depth)
{
	struct dirent **ents;
	char *path = xasprintf("%s/metrics.tsv", dir), *sub;
	const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
	size_t found = 0;
	int n, i;

	/* Only run-NNN folders: an experiment folder may hold the metrics.tsv
	 * of all its runs (vsp-sweep), but their series are in the runs. */
	if (!strncmp(base, "run-", 4)) {
		if ((found = is_file(path)))
			read_metrics(r, path, dir);
		else
			warnx("%s: no metrics.tsv (an unfinished run: skipped)", dir);
		free(path);
		return found;
	}
	free(path);
	if (depth == 0)
		return 0;
	if ((n = scandir(dir, &ents, visible, by_name)) < 0)
		die(EXIT_USAGE, "%s: cannot read:", dir);
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, ents[i]->d_name);
		if (is_dir(sub))
			found += walk(r, sub, depth - 1);
		free(sub);
		free(ents[i]);
	}
	free(ents);
	return found;
}

void
input_results(struct report *r, const char *dir)
{
	char *d = xstrdup(dir);
	size_t len = strlen(d);

	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	if (!is_dir(d))
		die(EXIT_USAGE, "%s: not a folder", d);
	if (!walk(r, d, 3))
		die(EXIT_USAGE, "%s: no run folder with a metrics.tsv", d);
	free(d);
}
