/*
 * vsp-collect: execution rows in, one metrics row per execution out (and
 * the same row as <outdir>/metrics.tsv): the time line, the application's
 * metrics and summaries of the monitored series, with a status and reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "err.h"
#include "num.h"
#include "operand.h"
#include "plugin.h"
#include "runfiles.h"
#include "strv.h"
#include "summary.h"
#include "tsv.h"

enum { NTIME = 3 };

struct row {
	char **fields;		/* the input row */
	char *time[NTIME];
	struct metrics m;
	char *sum[NSUM];
	int ok;
	char *reason;
};

struct ctx {
	struct conf conf;
	struct plugin *plugins;
	size_t nplugins;
	long timeout;
	int mon;
	const struct tsv_reader *r;
	int capp, coutdir, cstate, cexit;
};

static const struct plugin *
plugin_of(struct ctx *c, const char *app)
{
	size_t i;

	for (i = 0; i < c->nplugins; i++)
		if (!strcmp(c->plugins[i].app, app))
			return &c->plugins[i];
	if (!*app || *app == '.' || strspn(app, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(app))
		tsv_die_field(c->r, c->capp, "is not an application name");
	c->plugins = xreallocarray(c->plugins, c->nplugins + 1,
	    sizeof *c->plugins);
	plugin_load(&c->plugins[c->nplugins], c->conf.dir, app);
	return &c->plugins[c->nplugins++];
}

/* exit column, else the exit file: 0 ok, else problems added to why. */
static void
check_exit(struct ctx *c, const char *dir, struct buf *why)
{
	const char *col = c->r->fields[c->cexit];
	struct buf b = { 0 };
	long v;
	int rc;

	if (*col) {
		v = tsv_long(c->r, c->cexit, -1000000, 1000000);
		if (v)
			why_add(why, "exit %ld", v);
		return;
	}
	if ((rc = run_read_small(dir, "exit", &b, why)) == 0)
		why_add(why, "exit: unknown (no exit column value, no exit file)");
	else if (rc > 0) {
		if (b.len && b.s[b.len - 1] == '\n')
			b.s[--b.len] = '\0';
		if (num_long(buf_str(&b), -1000000, 1000000, &v) < 0)
			why_add(why, "exit: \"%.60s\" is not an integer", buf_str(&b));
		else if (v)
			why_add(why, "exit %ld", v);
	}
	buf_free(&b);
}

/*
 * A metric may not overwrite a column of the run (one up to exit); columns
 * after exit are metrics of an earlier collect, replaced in place.
 */
static void
drop_input_names(struct ctx *c, struct metrics *m, struct buf *why)
{
	size_t i, j;
	int col;

	for (i = j = 0; i < m->n; i++) {
		col = tsv_col(c->r, m->names[i]);
		if (col >= 0 && col <= c->cexit) {
			why_add(why, "metric %s: a column of the input", m->names[i]);
			free(m->names[i]);
			free(m->vals[i]);
			continue;
		}
		m->names[j] = m->names[i];
		m->vals[j++] = m->vals[i];
	}
	m->n = j;
}

static void
collect(struct ctx *c, struct row *row)
{
	const char *dir = c->r->fields[c->coutdir];
	const char *state = c->r->fields[c->cstate];
	const struct plugin *p = plugin_of(c, c->r->fields[c->capp]);
	struct buf why = { 0 };
	struct stat st;

	if (strcmp(state, "done"))
		why_add(&why, "state %s", *state ? state : "empty");
	if (*c->r->fields[c->cexit])
		check_exit(c, dir, &why);
	if (!*dir)
		why_add(&why, "outdir empty");
	else if (stat(dir, &st) < 0)
		why_add(&why, "outdir %s:", dir);
	else if (!S_ISDIR(st.st_mode))
		why_add(&why, "outdir %s: not a folder", dir);
	else {
		if (!*c->r->fields[c->cexit])
			check_exit(c, dir, &why);
		run_time(dir, row->time, &why);
		plugin_run(p, dir, c->timeout, &row->m, &why);
		drop_input_names(c, &row->m, &why);
		run_summaries(dir, c->mon, row->sum, &why);
	}
	row->ok = why.len == 0;
	row->reason = xstrdup(buf_str(&why));
	buf_free(&why);
}

/* Adds our columns to o: time, metrics (names), summaries, status. */
static void
out_cols(struct tsv_out *o, char **names, size_t n)
{
	size_t i;

	for (i = 0; i < NTIME; i++)
		tsv_out_col(o, time_cols[i]);
	for (i = 0; i < n; i++)
		tsv_out_col(o, names[i]);
	for (i = 0; i < NSUM; i++)
		tsv_out_col(o, sum_cols[i]);
	tsv_out_col(o, "status");
	tsv_out_col(o, "reason");
}

static void
out_set(struct tsv_out *o, const struct row *row)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (o->from[i] < 0)
			o->vals[i] = NULL;
	for (i = 0; i < NTIME; i++)
		tsv_out_set(o, tsv_out_col(o, time_cols[i]), row->time[i]);
	for (i = 0; i < row->m.n; i++)
		tsv_out_set(o, tsv_out_col(o, row->m.names[i]), row->m.vals[i]);
	for (i = 0; i < NSUM; i++)
		tsv_out_set(o, tsv_out_col(o, sum_cols[i]), row->sum[i]);
	tsv_out_set(o, tsv_out_col(o, "status"), row->ok ? "ok" : "failed");
	tsv_out_set(o, tsv_out_col(o, "reason"), row->reason);
}

/* <outdir>/metrics.tsv: this row with its header, renamed into place. */
static int
write_metrics(const struct tsv_reader *r, const struct row *row,
    const char *dir)
{
	struct tsv_out o;
	struct buf b = { 0 }, err = { 0 };
	char *path = xasprintf("%s/metrics.tsv", dir);
	int rc;

	tsv_out_init(&o, r);
	out_cols(&o, row->m.names, row->m.n);
	out_set(&o, row);
	tsv_out_header(&o, &b);
	tsv_out_row(&o, row->fields, &b);
	if ((rc = atomic_write(path, b.s, b.len, 0666, &err)) < 0)
		warnx("%s", err.s);
	tsv_out_free(&o);
	buf_free(&b);
	buf_free(&err);
	free(path);
	return rc;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
row_free(struct row *row, size_t ncols)
{
	size_t i;

	strv_free(row->fields, ncols);
	for (i = 0; i < NTIME; i++)
		free(row->time[i]);
	for (i = 0; i < NSUM; i++)
		free(row->sum[i]);
	metrics_free(&row->m);
	free(row->reason);
}

/* Adds the metric names of row to the output's list, in first-seen order. */
static void
union_names(char ***names, size_t *n, const struct row *row)
{
	size_t i;

	for (i = 0; i < row->m.n; i++) {
		if (strv_index(*names, *n, row->m.names[i]) >= 0)
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = row->m.names[i];
	}
}

int
main(int argc, char **argv)
{
	struct ctx c = { 0 };
	struct tsv_reader r;
	struct tsv_out o;
	struct row *rows = NULL;
	struct buf out = { 0 };
	char **names = NULL;
	const char *dir = NULL, *name;
	size_t nrows = 0, nnames = 0, i, j;
	FILE *fp;
	int rc, status = 0;

	fp = cmd_filter(argc, argv, &dir, &name);
	conf_load(&c.conf, conf_dir(dir));
	c.timeout = conf_long(&c.conf, "metrics_timeout", 1, 86400);
	c.mon = conf_bool(&c.conf, "mon");
	if (tsv_open(&r, fp, name) < 0)
		tsv_die(&r);
	c.r = &r;
	c.capp = tsv_need(&r, "app");
	c.coutdir = tsv_need(&r, "outdir");
	c.cstate = tsv_need(&r, "state");
	c.cexit = tsv_need(&r, "exit");
	while ((rc = tsv_next(&r)) > 0) {
		struct row *row;

		rows = xreallocarray(rows, nrows + 1, sizeof *rows);
		row = &rows[nrows++];
		memset(row, 0, sizeof *row);
		row->fields = xcalloc(r.ncols, sizeof *row->fields);
		for (j = 0; j < r.ncols; j++)
			row->fields[j] = xstrdup(r.fields[j]);
		collect(&c, row);
		if (is_dir(r.fields[c.coutdir]) &&
		    write_metrics(&r, row, r.fields[c.coutdir]) < 0)
			status = EXIT_FAIL;
		union_names(&names, &nnames, row);
	}
	if (rc < 0)
		tsv_die(&r);
	tsv_out_init(&o, &r);
	out_cols(&o, names, nnames);
	tsv_out_header(&o, &out);
	for (i = 0; i < nrows; i++) {
		out_set(&o, &rows[i]);
		tsv_out_row(&o, rows[i].fields, &out);
		if (out.len > 1 << 16)
			tsv_flush(&out);
	}
	tsv_flush(&out);
	for (i = 0; i < nrows; i++)
		row_free(&rows[i], r.ncols);
	free(rows);
	free(names);
	buf_free(&out);
	tsv_out_free(&o);
	FREE_EACH(c.plugins, c.nplugins, plugin_free);
	tsv_close(&r);
	operand_close(fp);
	conf_free(&c.conf);
	return status;
}
