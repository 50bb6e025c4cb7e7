/*
 * vsp-collect: execution rows in, one metrics row per execution out (and
 * the same row as <outdir>/metrics.tsv): the time line, the application's
 * metrics and summaries of the monitored series, with a status and reason.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "err.h"
#include "num.h"
#include "plugin.h"
#include "series.h"
#include "tsv.h"

#define MAX_SMALL_FILE 65536

enum { USER_S, SYS_S, ELAPSED_S, NTIME };
enum {
	CPU_VM_MEAN, CPU_VM_MAX, CPU_PM_MEAN, CPU_PM_MAX, MEM_VM, MEM_PM,
	NET_VM_RX, NET_VM_TX, NET_PM_RX, NET_PM_TX, NSUM
};

static const char *const time_cols[NTIME] = { "user_s", "sys_s",
    "elapsed_s" };
static const char *const sum_cols[NSUM] = { "cpu_vm_mean", "cpu_vm_max",
    "cpu_pm_mean", "cpu_pm_max", "mem_vm_used_kb", "mem_pm_used_kb",
    "net_vm_rx_kbs", "net_vm_tx_kbs", "net_pm_rx_kbs", "net_pm_tx_kbs" };

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

static void
usage(void)
{
	fprintf(stderr, "usage: vsp-collect [-C dir] [file]\n");
	exit(EXIT_USAGE);
}

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

/* Reads a small text file: 1, 0 if it does not exist, -1 (why added). */
static int
read_small(const char *dir, const char *name, struct buf *b, struct buf *why)
{
	char *path = xasprintf("%s/%s", dir, name), chunk[4096];
	FILE *fp = fopen(path, "r");
	size_t n;
	int rc = 1;

	free(path);
	buf_reset(b);
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		why_add(why, "%s: %s", name, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 &&
	    b->len <= MAX_SMALL_FILE)
		buf_add(b, chunk, n);
	if (ferror(fp)) {
		why_add(why, "%s: read error", name);
		rc = -1;
	} else if (b->len > MAX_SMALL_FILE) {
		why_add(why, "%s: longer than %d bytes", name, MAX_SMALL_FILE);
		rc = -1;
	} else if (b->len && memchr(b->s, '\0', b->len)) {
		why_add(why, "%s: NUL byte", name);
		rc = -1;
	}
	fclose(fp);
	return rc;
}

/* One number on one line (a final LF allowed). */
static int
one_number(struct buf *b, const char *dir, const char *name, double *v,
    struct buf *why)
{
	int rc = read_small(dir, name, b, why);

	if (rc <= 0)
		return rc;
	if (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	if (num_double(buf_str(b), v) < 0) {
		why_add(why, "%s: \"%.60s\" is not a number", name, buf_str(b));
		return -1;
	}
	return 1;
}

/*
 * GNU time with -f '%U %S %e': the line "user system elapsed", after at
 * most one "Command exited with non-zero status N" or "Command terminated
 * by signal N" line.
 */
/* "user system elapsed": three numbers of seconds. */
static void
parse_triple(struct row *row, char *line, unsigned long lineno,
    struct buf *why)
{
	char *f[3], *save, *extra;
	double v;
	size_t i;

	f[0] = strtok_r(line, " \t", &save);
	f[1] = f[0] ? strtok_r(NULL, " \t", &save) : NULL;
	f[2] = f[1] ? strtok_r(NULL, " \t", &save) : NULL;
	extra = f[2] ? strtok_r(NULL, " \t", &save) : NULL;
	if (!f[2] || extra) {
		why_add(why, "time:%lu: not \"user system elapsed\"", lineno);
		return;
	}
	for (i = 0; i < 3; i++)
		if (num_double(f[i], &v) < 0 || v < 0) {
			why_add(why, "time:%lu: %s \"%.30s\" is not a number of "
			    "seconds", lineno, time_cols[i], f[i]);
			return;
		}
	for (i = 0; i < 3; i++)
		row->time[i] = xstrdup(f[i]);
}

/*
 * GNU time with -f '%U %S %e': the line "user system elapsed", after a
 * "Command exited with non-zero status N" or "Command terminated by
 * signal N" line when the command failed.
 */
static void
parse_time(struct row *row, const char *dir, struct buf *why)
{
	struct buf b = { 0 };
	char *line, *next;
	unsigned long lineno = 0;
	int rc;

	if ((rc = read_small(dir, "time", &b, why)) == 0)
		why_add(why, "time: missing");
	else if (rc > 0 && !b.len)
		why_add(why, "time: empty");
	else if (rc > 0 && b.s[b.len - 1] != '\n')
		why_add(why, "time: no line end at the end (cut short?)");
	else if (rc > 0) {
		for (line = b.s; *line; line = next) {
			lineno++;
			next = strchr(line, '\n');
			*next++ = '\0';
			if (!*next) {
				parse_triple(row, line, lineno, why);
				break;
			}
			if (strncmp(line, "Command exited with non-zero status ", 36) &&
			    strncmp(line, "Command terminated by signal ", 29)) {
				why_add(why, "time:%lu: unexpected line \"%.60s\"",
				    lineno, line);
				break;
			}
			why_add(why, "time:%lu: %s", lineno, line);
		}
	}
	buf_free(&b);
}

static void
set_mean(char **val, double sum, unsigned long n)
{
	struct buf b = { 0 };

	if (!n)
		return;
	series_fmt(&b, sum / (double)n);
	*val = b.s;
}

static void
summarize(struct row *row, const struct series_sum *s)
{
	const struct series_acc *vm = &s->kind[SERIES_VM], *pm =
	    &s->kind[SERIES_PM];

	set_mean(&row->sum[CPU_VM_MEAN], vm->busy_sum, vm->busy_n);
	set_mean(&row->sum[CPU_PM_MEAN], pm->busy_sum, pm->busy_n);
	set_mean(&row->sum[CPU_VM_MAX], vm->busy_max, vm->busy_n ? 1 : 0);
	set_mean(&row->sum[CPU_PM_MAX], pm->busy_max, pm->busy_n ? 1 : 0);
	set_mean(&row->sum[MEM_VM], vm->mem_sum, vm->mem_n);
	set_mean(&row->sum[MEM_PM], pm->mem_sum, pm->mem_n);
	set_mean(&row->sum[NET_VM_RX], vm->rx_sum, vm->rx_n);
	set_mean(&row->sum[NET_VM_TX], vm->tx_sum, vm->tx_n);
	set_mean(&row->sum[NET_PM_RX], pm->rx_sum, pm->rx_n);
	set_mean(&row->sum[NET_PM_TX], pm->tx_sum, pm->tx_n);
}

static int
host_ok(const char *s)
{
	if (!*s || *s == '-' || *s == '.')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

/* The series of every host vsp-mon started, in the run's time window. */
static void
parse_series(struct ctx *c, struct row *row, const char *dir,
    struct buf *why)
{
	char *state = xasprintf("%s/mon/state", dir), *path, *name;
	struct series_sum sum = { 0 };
	struct tsv_reader r;
	struct buf b = { 0 }, err = { 0 };
	double lo = -INFINITY, hi = INFINITY, t0, t1;
	int ch, cs, cr, rc, bad = 0, s0, s1;
	FILE *fp;

	if (!(fp = fopen(state, "r"))) {
		if (errno != ENOENT)
			why_add(why, "mon/state: %s", strerror(errno));
		else if (c->mon)
			why_add(why, "mon: not monitored (no mon/state)");
		free(state);
		return;
	}
	s0 = one_number(&b, dir, "start", &t0, why);
	s1 = one_number(&b, dir, "end", &t1, why);
	if (s0 > 0 && s1 > 0) {
		if (t1 < t0)
			why_add(why, "end is before start");
		lo = t0;
		hi = t1;
	} else if (s0 < 0 || s1 < 0)
		bad = 1;
	if (tsv_open(&r, fp, "mon/state") < 0) {
		why_add(why, "%s", r.err);
		goto done;
	}
	if ((ch = tsv_col(&r, "host")) < 0 || (cs = tsv_col(&r, "state")) < 0 ||
	    (cr = tsv_col(&r, "reason")) < 0) {
		why_add(why, "mon/state:1: missing column host, state or reason");
		goto done;
	}
	while ((rc = tsv_next(&r)) > 0) {
		const char *host = r.fields[ch];

		if (!host_ok(host)) {
			why_add(why, "mon/state:%lu: \"%.60s\" is not a host name",
			    r.lineno, host);
			bad = 1;
			continue;
		}
		path = xasprintf("%s/mon/%s.tsv", dir, host);
		name = xasprintf("mon/%s.tsv", host);
		buf_reset(&err);
		if (access(path, F_OK) < 0) {
			why_add(why, "mon: no series of %s%s%s%s", host,
			    *r.fields[cr] ? " (" : "", r.fields[cr],
			    *r.fields[cr] ? ")" : "");
			bad = 1;
		} else if (series_add_file(&sum, path, name, host, lo, hi,
		    &err) < 0) {
			why_add(why, "%s", err.s);
			bad = 1;
		}
		free(path);
		free(name);
	}
	if (rc < 0) {
		why_add(why, "%s", r.err);
		bad = 1;
	}
	/* A summary over some of the hosts would be a different number. */
	if (!bad)
		summarize(row, &sum);
done:
	tsv_close(&r);
	fclose(fp);
	buf_free(&b);
	buf_free(&err);
	free(state);
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
	if ((rc = read_small(dir, "exit", &b, why)) == 0)
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
		why_add(&why, "outdir %s: %s", dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		why_add(&why, "outdir %s: not a folder", dir);
	else {
		if (!*c->r->fields[c->cexit])
			check_exit(c, dir, &why);
		parse_time(row, dir, &why);
		plugin_run(p, dir, c->timeout, &row->m, &why);
		drop_input_names(c, &row->m, &why);
		parse_series(c, row, dir, &why);
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
	struct buf b = { 0 };
	char *path = xasprintf("%s/metrics.tsv", dir);
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd, rc = -1;
	FILE *fp = NULL;

	tsv_out_init(&o, r);
	out_cols(&o, row->m.names, row->m.n);
	out_set(&o, row);
	tsv_out_header(&o, &b);
	tsv_out_row(&o, row->fields, &b);
	if ((fd = mkstemp(tmp)) < 0 || fchmod(fd, 0644) < 0 ||
	    !(fp = fdopen(fd, "w")) || buf_write(&b, fp) < 0 || fflush(fp) ||
	    fsync(fd) < 0) {
		warnx("%s: %s", tmp, strerror(errno));
		if (fp)
			fclose(fp);
		else if (fd >= 0)
			close(fd);
		if (fd >= 0)
			unlink(tmp);
	} else if (fclose(fp) || rename(tmp, path) < 0) {
		warnx("%s: %s", path, strerror(errno));
		unlink(tmp);
	} else
		rc = 0;
	tsv_out_free(&o);
	buf_free(&b);
	free(path);
	free(tmp);
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

	for (i = 0; i < ncols; i++)
		free(row->fields[i]);
	free(row->fields);
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
	size_t i, j;

	for (i = 0; i < row->m.n; i++) {
		for (j = 0; j < *n && strcmp((*names)[j], row->m.names[i]); j++)
			;
		if (j < *n)
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
	const char *dir = NULL, *name = "stdin";
	size_t nrows = 0, nnames = 0, i, j;
	FILE *fp = stdin;
	int ch, rc, status = 0;

	setprogname(argv[0]);
	while ((ch = getopt(argc, argv, "C:h")) != -1) {
		switch (ch) {
		case 'C': dir = optarg; break;
		default: usage();
		}
	}
	if (argc - optind > 1)
		usage();
	if (optind < argc && strcmp(argv[optind], "-")) {
		name = argv[optind];
		if (!(fp = fopen(name, "r")))
			die(EXIT_USAGE, "%s: %s", name, strerror(errno));
	}
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
	for (i = 0; i < c.nplugins; i++)
		plugin_free(&c.plugins[i]);
	free(c.plugins);
	tsv_close(&r);
	if (fp != stdin)
		fclose(fp);
	conf_free(&c.conf);
	return status;
}
