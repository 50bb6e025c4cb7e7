/*
 * vsp-pbs: runs an experiment's executions as batch jobs (Torque/PBS,
 * Slurm or here), waits for them and cancels them.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "appconf.h"
#include "array.h"
#include "atomic.h"
#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "err.h"
#include "name.h"
#include "num.h"
#include "numlist.h"
#include "operand.h"
#include "pbs.h"
#include "strv.h"
#include "tsv.h"
#include "version.h"

/* The VM columns submit drops: not experiment values. */
static char *const vm_cols[] = { "vm", "node", "slot", "vcpus", "pin", "uri",
	"uuid", "state", "addr", NULL };

int
is_vm_col(const char *name)
{
	return strv_index(vm_cols, STRV_NULL, name) >= 0;
}

static char *
absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/')
		return xstrdup(path);
	if (!getcwd(cwd, sizeof cwd))
		die(EXIT_FAIL, "getcwd:");
	return xasprintf("%s/%s", cwd, path);
}


static _Noreturn void bad_row(struct ctx *x, unsigned long line,
	const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Bad input: the experiments before are whole on stdout, then status 2. */
static _Noreturn void
bad_row(struct ctx *x, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	tsv_flush(&x->out);
	va_start(ap, fmt);
	tsv_vdie_at(&x->r, line, fmt, ap);	/* no return: no va_end */
}

static long
group_long(struct ctx *x, struct tsv_group *g, size_t i, int col, long min,
    long max)
{
	long v;
	int rc = num_long(g->rows[i][col], min, LONG_MAX, &v);

	if (rc < 0 && min > 0)
		bad_row(x, g->lines[i], "%s \"%.100s\" is not a positive integer",
		    x->r.cols[col], g->rows[i][col]);
	if (rc < 0 || v > max)
		bad_row(x, g->lines[i], "%s \"%.100s\" %s (%ld to %ld)",
		    x->r.cols[col], g->rows[i][col], num_reason(rc < 0 ? rc : -2),
		    min, max);
	return v;
}

/* The experiment of a group of VM rows, checked. */
static void
exp_read(struct ctx *x, struct tsv_group *g, struct exp *e)
{
	const struct tsv_reader *r = &x->r;
	int c_exp = tsv_need(r, "exp"), c_app = tsv_need(r, "app"),
	    c_nc = tsv_need(r, "nc"), c_cpv = tsv_need(r, "cpv"),
	    c_idf = tsv_need(r, "idf"), c_runs = tsv_need(r, "runs"),
	    c_node = tsv_need(r, "node"), c_vm = tsv_need(r, "vm"),
	    c_vcpus = tsv_col(r, "vcpus"), c_state = tsv_col(r, "state"),
	    c_addr = tsv_col(r, "addr");
	static const char *same[] = { "app", "nc", "cpv", "idf", "runs" };
	char **row, *results, *where;
	size_t i, k;
	long slots, total = 0;

	memset(e, 0, sizeof *e);
	e->cols = r->cols;
	e->ncols = r->ncols;
	e->row = g->rows[0];
	e->exp = e->row[c_exp];
	e->app = e->row[c_app];
	if (!name_ok(e->exp))
		bad_row(x, g->lines[0], "exp \"%s\" is not a file name", e->exp);
	if (!name_ok(e->app))
		bad_row(x, g->lines[0], "app \"%s\" is not a file name", e->app);
	e->nc = group_long(x, g, 0, c_nc, 1, 1L << 30);
	e->cpv = group_long(x, g, 0, c_cpv, 1, CORES_MAX);
	e->idf = group_long(x, g, 0, c_idf, -1, 1L << 30);
	e->runs = group_long(x, g, 0, c_runs, 1, RUNS_MAX);
	if (e->nc % e->cpv)
		bad_row(x, g->lines[0], "cpv %s does not divide nc %s",
		    e->row[c_cpv], e->row[c_nc]);
	for (i = 0; i < g->n; i++) {
		row = g->rows[i];
		for (k = 0; k < sizeof same / sizeof *same; k++) {
			int col = tsv_col(r, same[k]);

			if (strcmp(row[col], e->row[col]))
				bad_row(x, g->lines[i], "%s \"%s\" differs from the "
				    "experiment's first row", same[k], row[col]);
		}
		if (!name_ok(row[c_node]))
			bad_row(x, g->lines[i], "node \"%s\" is not a host name",
			    row[c_node]);
		if (e->idf >= 0 && !name_ok(row[c_vm]))
			bad_row(x, g->lines[i], "vm \"%s\" is not a host name",
			    row[c_vm]);
		if (c_addr >= 0 && *row[c_addr] && !addr_ok(row[c_addr]))
			bad_row(x, g->lines[i], "addr \"%s\" is not an address",
			    row[c_addr]);
		if (e->idf >= 0 && c_state >= 0 && strcmp(row[c_state], "running"))
			bad_row(x, g->lines[i], "VM %s is not running (state \"%s\")",
			    row[c_vm], row[c_state]);
		slots = e->cpv;
		if (e->idf >= 0 && c_vcpus >= 0)
			slots = group_long(x, g, i, c_vcpus, 1, CORES_MAX);
		/* The nodefile has nc lines: bounded by the rows themselves. */
		if ((total += slots) > e->nc)
			bad_row(x, g->lines[i], "the experiment's rows have more "
			    "than nc %ld slots", e->nc);
		e->hosts = xreallocarray(e->hosts, e->nhosts + 1, sizeof *e->hosts);
		e->hosts[e->nhosts] = e->idf >= 0 ? row[c_vm] : row[c_node];
		for (k = 0; k < e->nhosts; k++)
			if (!strcmp(e->hosts[k], e->hosts[e->nhosts]))
				bad_row(x, g->lines[i], "host \"%s\" is listed twice",
				    e->hosts[k]);
		e->nhosts++;
		if (strv_index(e->pms, e->npms, row[c_node]) < 0) {
			e->pms = xreallocarray(e->pms, e->npms + 1, sizeof *e->pms);
			e->pms[e->npms++] = row[c_node];
		}
		for (; slots > 0; slots--) {
			buf_adds(&e->nodefile, c_addr >= 0 && *row[c_addr] ?
			    row[c_addr] : e->hosts[e->nhosts - 1]);
			buf_addc(&e->nodefile, '\n');
		}
	}
	if ((size_t)(e->nc / e->cpv) != g->n)
		bad_row(x, g->lines[0], "experiment %s needs %ld %s rows, got %zu",
		    e->exp, e->nc / e->cpv, e->idf < 0 ? "PM" : "VM", g->n);
	/* batch_head: the job of a virtual cluster runs there and reaches
	 * its VMs over SSH (they are not batch nodes) */
	if (e->idf >= 0 && *conf_get(&x->conf, "batch_head")) {
		e->head = conf_get(&x->conf, "batch_head");
		if (!name_ok(e->head))
			die(EXIT_USAGE, "%s: batch_head \"%s\" is not a host name",
			    conf_where(&x->conf, "batch_head"), e->head);
		e->hosts[0] = (char *)e->head;
		e->nhosts = 1;
	}
	results = absolute(conf_get(&x->conf, "results"));
	e->expdir = xasprintf("%s/%s/%s", results, e->app, e->exp);
	free(results);
	e->confdir = x->confdir;
	where = xasprintf("%s:%lu", r->name, g->lines[0]);
	e->input = where;
}

static void
exp_free(struct exp *e)
{
	free(e->hosts);
	free(e->pms);
	buf_free(&e->nodefile);
	free(e->expdir);
	free((char *)e->input);
}

/* Output of submit: the experiment columns, then run job outdir state. */
static void
submit_schema(struct tsv_out *o, const struct tsv_reader *r, size_t *c)
{
	size_t i;
	static const char *added[] = { "run", "job", "outdir", "state" };

	memset(o, 0, sizeof *o);
	for (i = 0; i < 4; i++)
		if (tsv_col(r, added[i]) >= 0 && strcmp(added[i], "state"))
			die(EXIT_USAGE, "%s:1: column \"%s\" is added by vsp-pbs "
			    "submit: the input must be VM rows", r->name, added[i]);
	for (i = 0; i < r->ncols; i++) {
		if (is_vm_col(r->cols[i]))
			continue;
		o->names = xreallocarray(o->names, o->ncols + 1, sizeof *o->names);
		o->from = xreallocarray(o->from, o->ncols + 1, sizeof *o->from);
		o->vals = xreallocarray(o->vals, o->ncols + 1, sizeof *o->vals);
		o->names[o->ncols] = xstrdup(r->cols[i]);
		o->from[o->ncols] = (int)i;
		o->vals[o->ncols++] = NULL;
	}
	for (i = 0; i < 4; i++)
		c[i] = tsv_out_col(o, added[i]);
}

/* The experiment's VM rows as read (after up: with addr), with the header. */
static void
vm_rows(const struct tsv_reader *r, const struct tsv_group *g, struct buf *b)
{
	size_t i, k;

	for (i = 0; i < r->ncols; i++) {
		if (i)
			buf_addc(b, '\t');
		buf_adds(b, r->cols[i]);
	}
	buf_addc(b, '\n');
	for (i = 0; i < g->n; i++) {
		for (k = 0; k < r->ncols; k++) {
			if (k)
				buf_addc(b, '\t');
			tsv_escape(b, g->rows[i][k]);
		}
		buf_addc(b, '\n');
	}
}

/* experiment.tsv and vms.tsv of the experiment folder, once. */
static void
write_exp_files(const struct exp *e, const struct tsv_out *o,
    const struct tsv_reader *r, struct tsv_group *g)
{
	struct buf b = { 0 };
	struct tsv_out eo = *o;
	char *path;

	eo.ncols -= 4;	/* without run job outdir state */
	path = xasprintf("%s/experiment.tsv", e->expdir);
	if (access(path, F_OK) < 0) {
		tsv_out_header(&eo, &b);
		tsv_out_row(&eo, g->rows[0], &b);
		if (atomic_write(path, b.s, b.len, 0644, NULL) < 0)
			die(EXIT_FAIL, "%s:", path);
	}
	free(path);
	buf_reset(&b);
	path = xasprintf("%s/vms.tsv", e->expdir);
	if (access(path, F_OK) < 0) {
		vm_rows(r, g, &b);
		if (atomic_write(path, b.s, b.len, 0644, NULL) < 0)
			die(EXIT_FAIL, "%s:", path);
	}
	free(path);
	buf_free(&b);
}

/* 1 if run k is to be submitted: every run, or those of -R. */
static int
picked(const struct numlist *only, long k)
{
	return !only->n || numlist_has(only, k);
}

static void
submit_exp(struct ctx *x, const struct backend *be, struct tsv_group *g,
    struct tsv_out *o, size_t *oc, const struct numlist *only)
{
	struct exp e;
	struct appconf a;
	struct buf *scripts, why = { 0 }, tsv = { 0 }, hosts = { 0 };
	struct atomic_batch files = { 0 };
	char **ids, *dir, *path, runstr[32];
	long k, nscripts;
	int array;
	struct stat st;
	time_t submitted;

	exp_read(x, g, &e);
	appconf_load(&a, x->confdir, e.app);
	e.appc = &a;
	for (k = 0; k < (long)only->n; k++)
		if (only->v[k] < 1 || only->v[k] > e.runs)
			die(EXIT_USAGE, "%s: -R: run %ld is not one of the experiment's "
			    "%ld runs", e.input, only->v[k], e.runs);
	/* A subset of runs goes as one job each. */
	array = be->array_ok && e.runs > 1 && !only->n &&
	    conf_bool(&x->conf, "batch_array");
	nscripts = array ? 1 : e.runs;
	scripts = xcalloc((size_t)nscripts, sizeof *scripts);
	for (k = 0; k < nscripts; k++)
		script_render(&x->conf, &e, &a, array ? 0 : k + 1, array,
		    &scripts[k]);
	for (k = 1; k <= e.runs; k++) {
		if (!picked(only, k))
			continue;
		dir = run_dir(&e, k);
		if (lstat(dir, &st) == 0) {
			tsv_flush(&x->out);
			die(EXIT_FAIL, "%s: %s exists: a run folder is never "
			    "overwritten (remove it to run again)", e.input, dir);
		}
		free(dir);
	}
	if (be->prepare)
		be->prepare(&x->conf, &e);
	if (mkdirs(e.expdir) < 0)
		die(EXIT_FAIL, "%s:", e.expdir);
	write_exp_files(&e, o, &x->r, g);
	/* each run's hosts.tsv: what its job monitors (vsp-mon -t) */
	vm_rows(&x->r, g, &hosts);
	/* The run folders' files, durable together (two syncs in all, not
	 * two a file). */
	for (k = 1; k <= e.runs; k++) {
		struct buf *s = &scripts[array ? 0 : k - 1];

		if (!picked(only, k))
			continue;
		dir = run_dir(&e, k);
		if (mkdir(dir, 0777) < 0)
			die(EXIT_FAIL, "%s:", dir);
		path = xasprintf("%s/job.sh", dir);
		if (atomic_batch_add(&files, path, s->s, s->len, 0755, &why) < 0)
			die(EXIT_FAIL, "%s", buf_str(&why));
		free(path);
		path = xasprintf("%s/nodefile", dir);
		if (atomic_batch_add(&files, path, e.nodefile.s, e.nodefile.len,
		    0644, &why) < 0)
			die(EXIT_FAIL, "%s", buf_str(&why));
		free(path);
		path = xasprintf("%s/hosts.tsv", dir);
		if (atomic_batch_add(&files, path, hosts.s, hosts.len, 0644,
		    &why) < 0)
			die(EXIT_FAIL, "%s", buf_str(&why));
		free(path);
		free(dir);
	}
	if (atomic_batch_commit(&files, &why) < 0)
		die(EXIT_FAIL, "%s", buf_str(&why));
	ids = xcalloc((size_t)e.runs, sizeof *ids);
	submitted = time(NULL);
	for (k = 0; k < nscripts; k++) {
		if (!picked(only, k + 1))
			continue;
		dir = run_dir(&e, k + 1);
		path = xasprintf("%s/job.sh", dir);
		if (be->submit(&x->conf, &e, path, k + 1, array, ids + k, &why) < 0) {
			/* Jobs of this experiment already queued must not run. */
			struct run r = { 0 };
			long j;

			for (j = 0; j < k; j++) {
				if (!ids[j])
					continue;
				r.job = ids[j];
				be->cancel(&r, &tsv);
			}
			tsv_flush(&x->out);
			die(EXIT_FAIL, "%s: run %ld: %s", e.input, k + 1,
			    buf_str(&why));
		}
		free(path);
		free(dir);
	}
	/* Every job.tsv durable before the first row goes out. */
	for (k = 1; k <= e.runs; k++) {
		if (!picked(only, k))
			continue;
		dir = run_dir(&e, k);
		buf_reset(&tsv);
		buf_addf(&tsv, "backend\tjob\tlimit\tconf\tsubmitted\tvsp\n%s\t",
		    be->name);
		tsv_escape(&tsv, ids[k - 1]);
		buf_addf(&tsv, "\t%ld\t", a.walltime);
		tsv_escape(&tsv, x->confdir);
		buf_addf(&tsv, "\t%lld\t%s\n", (long long)submitted, VSP_VERSION);
		path = xasprintf("%s/job.tsv", dir);
		if (atomic_batch_add(&files, path, tsv.s, tsv.len, 0644, &why) < 0) {
			tsv_flush(&x->out);
			die(EXIT_FAIL, "%s", buf_str(&why));
		}
		free(path);
		free(dir);
	}
	if (atomic_batch_commit(&files, &why) < 0) {
		tsv_flush(&x->out);
		die(EXIT_FAIL, "%s", buf_str(&why));
	}
	for (k = 1; k <= e.runs; k++) {
		if (!picked(only, k))
			continue;
		dir = run_dir(&e, k);
		snprintf(runstr, sizeof runstr, "%ld", k);
		tsv_out_set(o, oc[0], runstr);
		tsv_out_set(o, oc[1], ids[k - 1]);
		tsv_out_set(o, oc[2], dir);
		tsv_out_set(o, oc[3], "queued");
		tsv_out_row(o, g->rows[0], &x->out);
		free(dir);
		free(ids[k - 1]);
	}
	free(ids);
	if (be->release && be->release(&why) < 0) {
		tsv_flush(&x->out);
		die(EXIT_FAIL, "%s: %s", e.input, buf_str(&why));
	}
	FREE_EACH(scripts, nscripts, buf_free);
	buf_free(&why);
	buf_free(&tsv);
	buf_free(&hosts);
	appconf_free(&a);
	exp_free(&e);
}

static const struct backend *
conf_backend(struct ctx *x)
{
	const char *name = conf_get(&x->conf, "batch");
	const struct backend *be = backend_find(name);

	if (!be)
		die(EXIT_USAGE, "%s: batch \"%s\" is not torque, slurm or local",
		    conf_where(&x->conf, "batch"), name);
	return be;
}

/* The configuration: submit, script and nodes need it. */
static void
load_conf(struct ctx *x)
{
	conf_load(&x->conf, conf_dir(x->confopt));
	x->have_conf = 1;
	x->confdir = realpath(x->conf.dir, NULL);
	if (!x->confdir)
		die(EXIT_USAGE, "%s:", x->conf.dir);
}

static void
open_input(struct ctx *x)
{
	if (tsv_open(&x->r, x->fp, x->name) < 0)
		tsv_die(&x->r);
}

typedef void each_fn(struct ctx *, const struct backend *, struct tsv_group *,
	struct tsv_out *, size_t *);

/* submit, script and nodes: one experiment at a time. */
static int
per_experiment(struct ctx *x, each_fn *each, int header)
{
	const struct backend *be;
	struct tsv_group g = { 0 };
	struct tsv_out o;
	size_t oc[4];
	int rc, c_exp;

	load_conf(x);
	open_input(x);
	be = conf_backend(x);
	c_exp = tsv_need(&x->r, "exp");
	submit_schema(&o, &x->r, oc);
	if (header)
		tsv_out_header(&o, &x->out);
	while ((rc = tsv_next_group(&x->r, c_exp, &g)) > 0) {
		each(x, be, &g, &o, oc);
		tsv_flush(&x->out);
	}
	tsv_flush(&x->out);
	if (rc < 0)
		tsv_die(&x->r);
	tsv_group_free(&g);
	tsv_out_free(&o);
	return 0;
}

static void
each_submit(struct ctx *x, const struct backend *be, struct tsv_group *g,
    struct tsv_out *o, size_t *oc)
{
	submit_exp(x, be, g, o, oc, &x->only);
}

static void
each_nodes(struct ctx *x, const struct backend *be, struct tsv_group *g,
    struct tsv_out *o, size_t *oc)
{
	struct exp e;

	(void)o, (void)oc;
	exp_read(x, g, &e);
	if (be->prepare)
		be->prepare(&x->conf, &e);
	exp_free(&e);
}

static void
each_script(struct ctx *x, const struct backend *be, struct tsv_group *g,
    struct tsv_out *o, size_t *oc)
{
	struct exp e;
	struct appconf a;
	int array;

	(void)o, (void)oc;
	exp_read(x, g, &e);
	appconf_load(&a, x->confdir, e.app);
	e.appc = &a;
	array = be->array_ok && e.runs > 1 && !x->pick &&
	    conf_bool(&x->conf, "batch_array");
	if (x->pick > e.runs)
		die(EXIT_USAGE, "%s: -r %ld: the experiment has %ld runs", e.input,
		    x->pick, e.runs);
	script_render(&x->conf, &e, &a, x->pick ? x->pick : 1, array, &x->out);
	appconf_free(&a);
	exp_free(&e);
}

static int do_submit(void *x) { return per_experiment(x, each_submit, 1); }
static int do_script(void *x) { return per_experiment(x, each_script, 0); }
static int do_nodes(void *x) { return per_experiment(x, each_nodes, 0); }

static int
runs(struct ctx *x, enum runs_mode mode)
{
	open_input(x);
	return wait_runs(x, mode);
}

static int do_wait(void *x) { return runs(x, RUNS_WAIT); }
static int do_status(void *x) { return runs(x, RUNS_STATUS); }
static int do_cancel(void *x) { return runs(x, RUNS_CANCEL); }

static int
do_run(void *v)
{
	struct ctx *x = v;

	return run_app(x->rundir, x->args);
}

static const struct cmd_opt o_run[] = { { 'd', "dir" }, { 0, NULL } };
static const struct cmd_opt o_submit[] = { { 'C', "dir" }, { 'R', "value" },
    { 0, NULL } };
static const struct cmd_opt o_script[] = { { 'C', "dir" }, { 'r', "value" },
    { 0, NULL } };

static const struct cmd cmds[] = {
	{ "submit", o_submit, "submit [-C dir] [-R runs] [file]", 1, do_submit },
	CMD_FILTER("wait", do_wait),
	CMD_FILTER("status", do_status),
	CMD_FILTER("cancel", do_cancel),
	{ "script", o_script, "script [-C dir] [-r run] [file]", 1, do_script },
	CMD_FILTER("nodes", do_nodes),
	{ "run", o_run, "run -d rundir [--] command [arg ...]", -1, do_run },
	{ NULL, NULL, NULL, 0, NULL }
};

int
main(int argc, char **argv)
{
	struct ctx x;
	const struct cmd *c;
	const char *opt[CMD_OPTS] = { 0 };
	char why[256];
	int rc;

	memset(&x, 0, sizeof x);
	c = cmd_parse(cmds, &argc, &argv, opt);
	x.confopt = opt['C'];
	if (opt['r'] && num_long(opt['r'], 1, 1L << 30, &x.pick) < 0)
		cmd_usage(cmds);
	if (opt['R'] && numlist_parse(&x.only, opt['R'], 1, 1, why,
	    sizeof why) < 0)
		die(EXIT_USAGE, "-R: %s", why);
	if (c->fn == do_run) {	/* its operands are the command, no input */
		if (!opt['d'] || !argc)
			cmd_usage(cmds);
		x.rundir = opt['d'];
		x.args = argv;
	} else {
		x.fp = operand_open(argv[0]);
		x.name = operand_name(argv[0]);
	}
	rc = c->fn(&x);
	numlist_free(&x.only);
	buf_free(&x.out);
	tsv_close(&x.r);
	operand_close(x.fp);
	if (x.have_conf)
		conf_free(&x.conf);
	free(x.confdir);
	return rc;
}
