/* The job script: share/vsp/job.pbs (or the config folder's) filled in. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "line.h"
#include "pbs.h"
#include "shword.h"

struct vars {
	const struct exp *e;
	int ncols;
};

/* ${name} in args and outputs: run-time folders, or experiment values. */
static int
expand(void *ctx, const char *name, struct buf *out, char *err, size_t errsz)
{
	const struct exp *e = ctx;
	size_t i;

	if (!strcmp(name, "outdir") || !strcmp(name, "nodefile") ||
	    !strcmp(name, "run")) {
		buf_addf(out, "\"$%s\"", name);
		return 0;
	}
	if (!strcmp(name, "np")) {
		buf_addf(out, "%ld", e->nc);
		return 0;
	}
	for (i = 0; i < e->ncols; i++)
		if (!strcmp(e->cols[i], name) && !is_vm_col(name)) {
			shword_quote(out, e->row[i]);
			return 0;
		}
	snprintf(err, errsz, "unknown variable ${%s} (np, outdir, nodefile, "
	    "run, or an experiment column)", name);
	return -1;
}

static void
render_words(const struct exp *e, const char *s, const char *where,
    const char *key, struct buf *out)
{
	char err[512];

	if (shword_render(s, expand, (void *)e, out, err, sizeof err) < 0)
		die(EXIT_USAGE, "%s: %s: %s", where, key, err);
}

void
hms(struct buf *b, long s)
{
	buf_addf(b, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

long
batch_walltime(const struct conf *c, const struct appconf *a)
{
	return a->walltime + conf_long(c, "batch_walltime_margin", 0, 1L << 30);
}

/* mon_command, else vsp-mon next to this program, else from PATH. */
static void
vsp_mon_path(const struct conf *c, struct buf *b)
{
	char self[PATH_MAX], *slash, *p;
	const char *set = conf_get(c, "mon_command");
	ssize_t n;

	if (*set) {
		shword_quote(b, set);
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			*slash = '\0';
			p = xasprintf("%s/vsp-mon", self);
			if (access(p, X_OK) == 0) {
				shword_quote(b, p);
				free(p);
				return;
			}
			free(p);
		}
	}
	buf_adds(b, "vsp-mon");
}

/* This program (its job scripts run its "run"), else from PATH. */
static void
vsp_pbs_path(struct buf *b)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n > 0) {
		self[n] = '\0';
		shword_quote(b, self);
	} else {
		buf_adds(b, "vsp-pbs");
	}
}

/* The experiment's value of a column, or "" (absent or empty). */
static const char *
exp_col(const struct exp *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->ncols; i++)
		if (!strcmp(e->cols[i], name))
			return e->row[i];
	return "";
}

/*
 * The application command: launcher, its args, --bind-to procpin,
 * executable, args. Non-empty args and procpin columns of the experiment
 * (vsp(7)) replace application.config's args and add the binding.
 */
static void
command(const struct exp *e, const struct appconf *a, struct buf *b)
{
	const char *args = exp_col(e, "args"), *procpin = exp_col(e, "procpin");
	char *where;

	if (*procpin && !*a->launcher)
		die(EXIT_USAGE, "%s: procpin \"%s\" needs a launcher in %s",
		    e->input, procpin, a->ini.path);
	if (*a->launcher) {
		shword_quote(b, a->launcher);
		buf_addc(b, ' ');
		if (*a->launcher_args) {
			render_words(e, a->launcher_args, a->where_launcher_args,
			    "launcher_args", b);
			buf_addc(b, ' ');
		}
		if (*procpin) {
			buf_adds(b, "--bind-to ");
			shword_quote(b, procpin);
			buf_addc(b, ' ');
		}
	}
	shword_quote(b, a->executable);
	if (*args) {
		where = xasprintf("%s: args column", e->input);
		buf_addc(b, ' ');
		render_words(e, args, where, "args", b);
		free(where);
	} else if (*a->args) {
		buf_addc(b, ' ');
		render_words(e, a->args, a->where_args, "args", b);
	}
}

/* Lines that copy the extra output files into the run folder. */
static void
keep(const struct exp *e, const struct appconf *a, struct buf *b)
{
	if (*a->outputs) {
		buf_adds(b, "keep ");
		render_words(e, a->outputs, a->where_outputs, "outputs", b);
	}
	if (*a->other_output) {
		if (b->len)
			buf_addc(b, '\n');
		buf_adds(b, "keep_as ");
		render_words(e, a->other_output, a->where_other_output,
		    "exec.otheroutput", b);
		buf_addc(b, ' ');
		shword_quote(b, *a->output_rename ? a->output_rename :
		    "otheroutput");
	}
}

struct ph {
	const char *name;
	struct buf val;
};

enum { P_NAME, P_NODES, P_PPN, P_WALLTIME, P_ARRAY, P_QUEUE, P_EXP, P_APP,
	P_EXPDIR, P_RUN, P_CONF, P_WORKDIR, P_NP, P_MON, P_PMS, P_VSPMON,
	P_VSPPBS, P_COMMAND, P_KEEP, P_LIMIT, P_N };

static const char *ph_names[P_N] = { "name", "nodes", "ppn", "walltime",
	"pbs_array", "pbs_queue", "exp", "app", "expdir", "run", "conf",
	"workdir", "np", "mon", "pms", "vsp_mon", "vsp_pbs", "command", "keep",
	"limit" };

static void
fill(const struct conf *c, const struct exp *e, const struct appconf *a,
    long run, int array, struct buf *v)
{
	const char *q = conf_get(c, "batch_queue");
	size_t i;

	buf_adds(&v[P_NAME], e->exp);
	if (e->head) {	/* checked by exp_read: a plain host name */
		buf_adds(&v[P_NODES], e->head);
		buf_adds(&v[P_PPN], "1");
	} else if (*conf_get(c, "batch_head")) {
		/* with a head node among the batch nodes, a physical run asks
		 * for its PMs by name: pm01:ppn=2+pm02, then :ppn=2 */
		for (i = 0; i < e->nhosts; i++) {
			if (i)
				buf_addf(&v[P_NODES], ":ppn=%ld+", e->cpv);
			buf_adds(&v[P_NODES], e->hosts[i]);
		}
		buf_addf(&v[P_PPN], "%ld", e->cpv);
	} else {
		buf_addf(&v[P_NODES], "%zu", e->nhosts);
		buf_addf(&v[P_PPN], "%ld", e->cpv);
	}
	hms(&v[P_WALLTIME], batch_walltime(c, a));
	if (array)
		buf_addf(&v[P_ARRAY], "#PBS -t 1-%ld", e->runs);
	if (*q) {
		if (!shword_plain(q))
			die(EXIT_USAGE, "%s: batch_queue \"%s\" is not a queue name",
			    conf_where(c, "batch_queue"), q);
		buf_addf(&v[P_QUEUE], "#PBS -q %s", q);
	}
	shword_quote(&v[P_EXP], e->exp);
	shword_quote(&v[P_APP], e->app);
	shword_quote(&v[P_EXPDIR], e->expdir);
	if (array)
		buf_adds(&v[P_RUN], "${PBS_ARRAYID:-${SLURM_ARRAY_TASK_ID:-}}");
	else
		buf_addf(&v[P_RUN], "%ld", run);
	shword_quote(&v[P_CONF], e->confdir);
	if (*a->workdir)
		shword_quote(&v[P_WORKDIR], a->workdir);
	else
		buf_adds(&v[P_WORKDIR], "\"$outdir\"");
	buf_addf(&v[P_NP], "%ld", e->nc);
	buf_adds(&v[P_MON], conf_bool(c, "mon") ? "yes" : "no");
	for (i = 0; i < e->npms; i++) {
		if (i)
			buf_addc(&v[P_PMS], ',');
		buf_adds(&v[P_PMS], e->pms[i]);
	}
	vsp_mon_path(c, &v[P_VSPMON]);
	vsp_pbs_path(&v[P_VSPPBS]);
	command(e, a, &v[P_COMMAND]);
	keep(e, a, &v[P_KEEP]);
	buf_addf(&v[P_LIMIT], "%ld", a->walltime);
}

/* Replaces {{name}}; a line of placeholders that are all empty goes. */
static void
expand_line(const char *path, unsigned long lineno, const char *line,
    struct buf *v, struct buf *out)
{
	const char *p = line, *open, *close;
	size_t start = out->len, k;
	int placeholders = 0, literal = 0;

	while ((open = strstr(p, "{{"))) {
		buf_add(out, p, (size_t)(open - p));
		literal |= open > p;
		if (!(close = strstr(open + 2, "}}")))
			die(EXIT_USAGE, "%s:%lu: \"{{\" without \"}}\"", path, lineno);
		for (k = 0; k < P_N; k++)
			if (strlen(ph_names[k]) == (size_t)(close - open - 2) &&
			    !strncmp(ph_names[k], open + 2, (size_t)(close - open - 2)))
				break;
		if (k == P_N)
			die(EXIT_USAGE, "%s:%lu: unknown placeholder \"%.*s\"", path,
			    lineno, (int)(close - open + 2), open);
		buf_add(out, buf_str(&v[k]), v[k].len);
		placeholders++;
		p = close + 2;
	}
	literal |= *p != '\0';
	buf_adds(out, p);
	if (placeholders && !literal && out->len == start)
		return;
	buf_addc(out, '\n');
}

void
script_render(const struct conf *c, const struct exp *e,
    const struct appconf *a, long run, int array, struct buf *out)
{
	struct buf v[P_N];
	char *path = conf_template(c, "job.pbs"), *line = NULL;
	size_t cap = 0, len, i;
	unsigned long lineno = 0;
	FILE *fp;
	int rc;

	memset(v, 0, sizeof v);
	for (i = 0; i < P_N; i++)
		buf_add(&v[i], "", 0);
	fill(c, e, a, run, array, v);
	if (!(fp = fopen(path, "r")))
		die(EXIT_USAGE, "%s:", path);
	while ((rc = line_read(fp, &line, &cap, &len)) != 0) {
		if (rc < 0 && rc != LINE_NUL)
			die(EXIT_USAGE, "%s: read error", path);
		lineno++;
		if (rc == LINE_NUL)
			die(EXIT_USAGE, "%s:%lu: NUL byte in line", path, lineno);
		expand_line(path, lineno, line, v, out);
	}
	if (!lineno || strncmp(buf_str(out), "#!", 2))
		die(EXIT_USAGE, "%s: a job script must start with \"#!\"", path);
	fclose(fp);
	free(line);
	free(path);
	for (i = 0; i < P_N; i++)
		buf_free(&v[i]);
}
