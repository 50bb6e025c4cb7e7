/* vsp-report: metrics of executions in, a report folder out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "better.h"
#include "cmd.h"
#include "compare.h"
#include "conf.h"
#include "err.h"
#include "html.h"
#include "jobs.h"
#include "num.h"
#include "outdir.h"
#include "plot.h"
#include "report.h"
#include "seriescsv.h"
#include "tables.h"

struct list {
	char **v;
	size_t n;
};

static const struct cmd_opt opts[] = { { 'o', "dir" }, { 'P', NULL },
    { 'S', NULL }, { 'C', "dir" }, { 'm', "value" }, { 'b', "dir" },
    { 'j', "value" }, { 'r', "dir" }, { 'i', "dir" }, { 'e', "value" },
    { 0, NULL } };
static const struct cmd cmds[] = {
	{ NULL, opts,
	    "-o dir [-PS] [-C confdir] [-m metric] [-b baseline]\n"
	    "                  [-j jobs] [-r results]... [-i vespa-dir]...\n"
	    "                  [-e exp:run]... [metrics.tsv ...]", -1, NULL },
	{ NULL, NULL, NULL, 0, NULL }
};

static void
list_add(struct list *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static struct execution *
find_execution(const struct report *r, const char *spec)
{
	const char *colon = strrchr(spec, ':');
	char *exp;
	long run;
	size_t i;

	if (!colon || num_long(colon + 1, 1, 999999999, &run) < 0)
		die(EXIT_USAGE, "-e: \"%s\" is not exp:run", spec);
	exp = xstrndup(spec, (size_t)(colon - spec));
	for (i = 0; i < r->nx; i++)
		if (!strcmp(r->x[i]->exp, exp) && r->x[i]->run == run) {
			free(exp);
			return r->x[i];
		}
	die(EXIT_USAGE, "-e: no run %ld of experiment \"%s\" in the input", run,
	    exp);
}

/* The executions whose CPU series are plotted: -e, else the first ok one
 * with series. */
static struct execution **
cpu_executions(const struct report *r, const struct list *spec, size_t *n)
{
	struct execution **v = xcalloc(spec->n + 1, sizeof *v);
	char **files;
	size_t i, nf;

	*n = 0;
	for (i = 0; i < spec->n; i++) {
		v[*n] = find_execution(r, spec->v[i]);
		if (!(nf = series_files(v[*n], &files)))
			die(EXIT_USAGE, "-e: run %ld of experiment \"%s\" has no "
			    "series (no .tsv file in %s)", v[*n]->run, v[*n]->exp,
			    v[*n]->mondir ? v[*n]->mondir : "no outdir");
		series_files_free(files, nf);
		(*n)++;
	}
	for (i = 0; !spec->n && i < r->nx; i++) {
		if (!r->x[i]->ok || !(nf = series_files(r->x[i], &files)))
			continue;
		series_files_free(files, nf);
		v[(*n)++] = r->x[i];
		break;
	}
	return v;
}

struct series_job {
	const struct report *r;
	const char *dir;
};

static void
series_one(size_t i, void *arg)
{
	const struct series_job *j = arg;

	series_write(j->r->x[i], j->dir);
}

/* Converts every series (in jobs processes); says how many ok executions
 * with an outdir have none. */
static void
series_all(struct report *r, const char *dir, long jobs)
{
	struct series_job job = { r, dir };
	const struct execution *first = NULL;
	size_t k, missing = 0;

	for (k = 0; k < r->nx; k++) {
		series_plan(r->x[k]);
		if (r->x[k]->ok && r->x[k]->mondir && !r->x[k]->series &&
		    !missing++)
			first = r->x[k];
	}
	jobs_run(r->nx, jobs, series_one, &job, outdir_forget);
	if (missing)
		warnx("%zu ok execution%s without series, the first at %s "
		    "(no .tsv file in %s)", missing, missing > 1 ? "s" : "",
		    first->source, first->mondir);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "results", required_argument, NULL, 'r' },
		{ "import-vespa", required_argument, NULL, 'i' },
		{ "execution", required_argument, NULL, 'e' },
		{ "no-plots", no_argument, NULL, 'P' },
		{ "no-series", no_argument, NULL, 'S' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "conf", required_argument, NULL, 'C' },
		{ "metric", required_argument, NULL, 'm' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct list results = { 0 }, vespa = { 0 }, execs = { 0 };
	struct report r = { 0 };
	struct plots plots = { 0 };
	struct execution **cpu;
	struct better better;
	struct baseline base = { 0 };
	const char *dest = NULL, *confdir = NULL, *metric = NULL, *basedir = NULL;
	char *tmp;
	int ch, noplots = 0, noseries = 0, jobs_set = 0, i;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	size_t k, ncpu;

	cmd_pick(cmds, &argc, &argv);
	while ((ch = getopt_long(argc, argv, cmd_optstring(cmds), longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o': dest = optarg; break;
		case 'r': list_add(&results, optarg); break;
		case 'i': list_add(&vespa, optarg); break;
		case 'e': list_add(&execs, optarg); break;
		case 'j':
			if (num_long(optarg, 1, 1024, &jobs) < 0)
				die(EXIT_USAGE, "-j: \"%s\" is not a number of "
				    "processes (1-1024)", optarg);
			jobs_set = 1;
			break;
		case 'C': confdir = optarg; break;
		case 'm': metric = optarg; break;
		case 'b': basedir = optarg; break;
		case 'P': noplots = 1; break;
		case 'S': noseries = 1; break;
		default: cmd_usage(cmds);
		}
	}
	if (!dest)
		cmd_usage(cmds);
	if (!jobs_set && jobs > 8)
		jobs = 8;	/* more rarely helps: the disks are shared */
	if (optind == argc && !results.n && !vespa.n && isatty(0))
		cmd_usage(cmds);
	tmp = outdir_begin(dest);
	for (i = optind; i < argc; i++)
		input_tsv(&r, argv[i]);
	if (optind == argc && !results.n && !vespa.n)
		input_tsv(&r, "-");
	for (k = 0; k < results.n; k++)
		input_results(&r, results.v[k]);
	for (k = 0; k < vespa.n; k++)
		input_vespa(&r, vespa.v[k]);
	report_build(&r);
	better_load(&better, &r, conf_dir(confdir));
	compare_all(&r, &better, metric);
	better_free(&better);
	if (basedir)
		baseline_load(&base, &r, basedir);
	cpu = cpu_executions(&r, &execs, &ncpu);
	if (!noplots)	/* drawn while the series are converted */
		plots_start(&r, tmp, cpu, ncpu, jobs);
	if (!noseries)
		series_all(&r, tmp, jobs);
	tables_write(&r, tmp);
	compare_write(&r, tmp, basedir ? &base : NULL);
	if (basedir)
		baseline_write(&base, &r, tmp);
	if (!noplots)
		plots_finish(&plots);
	html_write(&r, &plots, basedir ? &base : NULL, tmp);
	outdir_commit(tmp, dest);
	plots_free(&plots);
	baseline_free(&base);
	free(cpu);
	free(tmp);
	free(results.v);
	free(vespa.v);
	free(execs.v);
	report_free(&r);
	return 0;
}
