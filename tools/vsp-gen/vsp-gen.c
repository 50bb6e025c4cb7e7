/* vsp-gen: the sweep of experiments, one TSV row each. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appconf.h"
#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "err.h"
#include "expid.h"
#include "metricdef.h"
#include "name.h"
#include "num.h"
#include "numlist.h"
#include "place.h"
#include "strv.h"
#include "tsv.h"
#include "version.h"
#include "xmldef.h"

struct extra {
	char *name;
	char **vals;
	size_t n;
};

struct sweep {
	const struct conf *conf;
	const char *app;
	long runs;
	struct numlist nc, cpv, idf, pms, first;	/* empty: unconstrained */
	int ps[PS_COUNT];				/* 1: requested */
	struct extra *extras;
	size_t nextras;
	unsigned long count;
	char **more_exp;	/* -R: experiments that need more runs */
	long *more_runs;
	size_t nmore;
};

static const struct cmd_opt opts[] = { { 'C', "dir" }, { 'a', "value" },
    { 'r', "value" }, { 'n', "value" }, { 'c', "value" }, { 'i', "value" },
    { 'd', "value" }, { 'p', "NONE GREEDY BAL-ONE BAL-SET SPLIT all" },
    { 'm', "value" }, { 'f', "value" }, { 'x', "value" }, { 'X', "file" },
    { 'R', "file" }, { 's', "value" }, { 'V', NULL }, { 0, NULL } };
static const struct cmd cmds[] = {
	{ NULL, opts,
	    "[-C dir] -a app [-r runs] [-n nc] [-c cpv] [-i idf]\n"
	    "               [-d df] [-p pstrat] [-m pms] [-f first] [-x name=v1,v2]...\n"
	    "               [-R runs.tsv]\n"
	    "       vsp-gen [-C dir] -X file.xml\n"
	    "       vsp-gen [-C dir] -s setting\n"
	    "       vsp-gen -V\n"
	    "lists: 1,2,4  1-12  all   pstrat: NONE,GREEDY,BAL-ONE,BAL-SET,SPLIT",
	    -1, NULL },
	{ NULL, NULL, NULL, 0, NULL }
};

static void
parse_list(struct numlist *l, const char *opt, const char *s, long lo, long hi)
{
	char err[256];

	if (numlist_parse(l, s, lo, hi, err, sizeof err) < 0)
		die(EXIT_USAGE, "-%s: %s", opt, err);
}

/* df values as 1/idf: "0", "0.25", "1/4". */
static void
parse_df(struct numlist *l, const char *s)
{
	char *copy = xstrdup(s), *item, *save = NULL;
	struct buf idfs = { 0 };
	double df;
	long idf;
	char err[256];

	if (list_has_empty(s))
		die(EXIT_USAGE, "-d: \"%s\" has an empty item", s);
	for (item = strtok_r(copy, ",", &save); item;
	    item = strtok_r(NULL, ",", &save)) {
		if (!strncmp(item, "1/", 2)) {
			if (num_long(item + 2, 1, 1L << 30, &idf) < 0)
				die(EXIT_USAGE, "-d: df \"%s\" is not 1/N", item);
		} else {
			if (num_double(item, &df) < 0 || df < 0 || df > 1)
				die(EXIT_USAGE, "-d: df \"%s\" is not a number in [0, 1]",
				    item);
			idf = df == 0 ? 0 : lround(1 / df);
			if (df != 0 && fabs(1 / df - (double)idf) > 1e-6)
				die(EXIT_USAGE, "-d: df \"%s\" is not 1/N for an integer N",
				    item);
		}
		buf_addf(&idfs, "%s%ld", idfs.len ? "," : "", idf);
	}
	if (numlist_parse(l, idfs.s, 0, 0, err, sizeof err) < 0)
		die(EXIT_USAGE, "-d: %s", err);
	buf_free(&idfs);
	free(copy);
}

static void
parse_pstrats(int *ps, const char *s)
{
	char *copy = xstrdup(s), *item, *save = NULL;
	int p;

	if (list_has_empty(s))
		die(EXIT_USAGE, "-p: \"%s\" has an empty item", s);
	for (item = strtok_r(copy, ",", &save); item;
	    item = strtok_r(NULL, ",", &save)) {
		if (!strcmp(item, "all")) {
			for (p = 0; p < PS_COUNT; p++)
				ps[p] = 1;
		} else if ((p = pstrat_parse(item)) < 0) {
			die(EXIT_USAGE, "-p: unknown pstrat \"%s\" (NONE, GREEDY, "
			    "BAL-ONE, BAL-SET, SPLIT)", item);
		} else {
			ps[p] = 1;
		}
	}
	free(copy);
}

static const char *const owned[] = { "exp", "app", "nc", "cpv", "idf",
	"pstrat", "runs", "first", NULL };

static void
parse_extra(struct sweep *sw, const char *s)
{
	const char *eq = strchr(s, '=');
	struct extra *x;
	char *copy, *item, *save = NULL;
	size_t i;

	if (!eq)
		die(EXIT_USAGE, "-x: \"%s\" is not name=v1,v2", s);
	sw->extras = xreallocarray(sw->extras, sw->nextras + 1,
	    sizeof *sw->extras);
	x = &sw->extras[sw->nextras++];
	x->name = xstrndup(s, (size_t)(eq - s));
	x->vals = NULL;
	x->n = 0;
	if (!tsv_name_ok(x->name))
		die(EXIT_USAGE, "-x: \"%s\" is not a column name ([a-z][a-z0-9_]*)",
		    x->name);
	for (i = 0; owned[i]; i++)
		if (!strcmp(owned[i], x->name))
			die(EXIT_USAGE, "-x: \"%s\" is a column of vsp-gen's own",
			    x->name);
	for (i = 0; i + 1 < sw->nextras; i++)
		if (!strcmp(sw->extras[i].name, x->name))
			die(EXIT_USAGE, "-x: \"%s\" is given twice", x->name);
	if (!eq[1])
		die(EXIT_USAGE, "-x: \"%s\" has no values", x->name);
	if (list_has_empty(eq + 1))
		die(EXIT_USAGE, "-x: \"%s\" has an empty item", eq + 1);
	copy = xstrdup(eq + 1);
	for (item = strtok_r(copy, ",", &save); item;
	    item = strtok_r(NULL, ",", &save)) {
		/* two values, one experiment id: make would run it once */
		for (i = 0; i < x->n; i++)
			if (!strcmp(x->vals[i], item))
				die(EXIT_USAGE, "-x: %s value \"%s\" is given twice",
				    x->name, item);
		x->vals = xreallocarray(x->vals, x->n + 1, sizeof *x->vals);
		x->vals[x->n++] = xstrdup(item);
	}
	free(copy);
}

/* Values that no experiment on this hardware can ever have. */
static void
check_values(const struct sweep *sw)
{
	const struct hw *hw = &sw->conf->hw;
	long nodes = (long)sw->conf->nnodes, total = hw->cores * nodes;
	size_t i;
	long v;

	for (i = 0; i < sw->nc.n; i++)
		if ((v = sw->nc.v[i]) < 1)
			die(EXIT_USAGE, "-n: nc %ld is not a positive integer", v);
		else if (v > total)
			die(EXIT_USAGE, "-n: nc %ld exceeds the %ld cores of the "
			    "cluster (%ld PMs of %ld)", v, total, nodes, hw->cores);
	for (i = 0; i < sw->cpv.n; i++)
		if ((v = sw->cpv.v[i]) < 1)
			die(EXIT_USAGE, "-c: cpv %ld is not a positive integer", v);
		else if (v > hw->cores)
			die(EXIT_USAGE, "-c: cpv %ld exceeds the %ld cores of a PM",
			    v, hw->cores);
	for (i = 0; i < sw->idf.n; i++)
		if ((v = sw->idf.v[i]) < -1)
			die(EXIT_USAGE, "-i: idf %ld is below -1", v);
		else if (v > hw->cores)
			die(EXIT_USAGE, "-i: idf %ld exceeds the %ld cores of a PM",
			    v, hw->cores);
		else if (v > 0 && nodes < 2)
			die(EXIT_USAGE, "-i: idf %ld needs more than one PM "
			    "(vsp.nodes lists %ld)", v, nodes);
	for (i = 0; i < sw->pms.n; i++)
		if ((v = sw->pms.v[i]) < 1 || v > nodes)
			die(EXIT_USAGE, "-m: %ld PMs is not between 1 and the %ld "
			    "of vsp.nodes", v, nodes);
	for (i = 0; i < sw->first.n; i++)
		if ((v = sw->first.v[i]) < 0 || v >= nodes)
			die(EXIT_USAGE, "-f: first %ld is not a PM index (0 to %ld)",
			    v, nodes - 1);
}

/* -R: the exp and runs columns of a TSV file (vsp-report's runs.tsv). */
static void
read_more_runs(struct sweep *sw, const char *path)
{
	struct tsv_reader t;
	FILE *fp = fopen(path, "r");
	int ce, cr, rc;
	long runs;

	if (!fp)
		die(EXIT_USAGE, "-R: %s:", path);
	if (tsv_open(&t, fp, path) < 0)
		tsv_die(&t);
	ce = tsv_need(&t, "exp");
	cr = tsv_need(&t, "runs");
	while ((rc = tsv_next(&t)) > 0) {
		if (num_long(t.fields[cr], 1, RUNS_MAX, &runs) < 0)
			tsv_die_field(&t, cr, "is not a number of runs (1-1000000)");
		sw->more_exp = xreallocarray(sw->more_exp, sw->nmore + 1,
		    sizeof *sw->more_exp);
		sw->more_runs = xreallocarray(sw->more_runs, sw->nmore + 1,
		    sizeof *sw->more_runs);
		sw->more_exp[sw->nmore] = xstrdup(t.fields[ce]);
		sw->more_runs[sw->nmore++] = runs;
	}
	if (rc < 0)
		tsv_die(&t);
	tsv_close(&t);
	fclose(fp);
}

/* The runs of experiment id[0..n-1]: -r, or more if -R asks for more. */
static long
runs_of(const struct sweep *sw, const char *id, size_t n)
{
	long runs = sw->runs;
	size_t i;

	for (i = 0; i < sw->nmore; i++)
		if (strlen(sw->more_exp[i]) == n && !memcmp(sw->more_exp[i], id, n) &&
		    sw->more_runs[i] > runs)
			runs = sw->more_runs[i];
	return runs;
}

static void
emit_extras(struct sweep *sw, struct buf *out, const struct request *rq,
    size_t *pick, size_t depth)
{
	size_t i, start;

	if (depth < sw->nextras) {
		for (pick[depth] = 0; pick[depth] < sw->extras[depth].n;
		    pick[depth]++)
			emit_extras(sw, out, rq, pick, depth + 1);
		return;
	}
	start = out->len;
	expid_base(out, sw->app, rq);
	for (i = 0; i < sw->nextras; i++)
		expid_extra(out, sw->extras[i].name,
		    sw->extras[i].vals[pick[i]]);
	buf_addf(out, "\t%s\t%ld\t%ld\t%ld\t%s\t%ld\t%ld", sw->app, rq->nc,
	    rq->cpv, rq->idf, pstrat_name(rq->ps),
	    runs_of(sw, out->s + start, out->len - start), rq->first);
	for (i = 0; i < sw->nextras; i++) {
		buf_addc(out, '\t');
		tsv_escape(out, sw->extras[i].vals[pick[i]]);
	}
	buf_addc(out, '\n');
	sw->count++;
	if (out->len > 1 << 16)
		tsv_flush(out);
}

static void
emit(struct sweep *sw, struct buf *out, struct request *rq, size_t *pick)
{
	const struct hw *hw = &sw->conf->hw;
	long nodes = (long)sw->conf->nnodes;
	char why[256];
	size_t f;
	int p;

	for (p = 0; p < PS_COUNT; p++) {
		if (!sw->ps[p])
			continue;
		rq->ps = (enum pstrat)p;
		if (rq->idf >= 0 && !place_pstrat_useful(hw, rq))
			continue;
		if (sw->pms.n && !numlist_has(&sw->pms, place_pms(rq)))
			continue;
		for (f = 0; f < (sw->first.n ? sw->first.n : 1); f++) {
			rq->first = sw->first.n ? sw->first.v[f] : 0;
			if (!place_invalid(hw, nodes, rq, why, sizeof why))
				emit_extras(sw, out, rq, pick, 0);
		}
	}
}

static void
try_idf(struct sweep *sw, struct buf *out, struct request *rq, size_t *pick,
    long idf)
{
	if (sw->idf.n ? !numlist_has(&sw->idf, idf) : idf < 0)
		return;
	rq->idf = idf;
	emit(sw, out, rq, pick);
}

/* idf in ascending order: -1 (on request), 0, multiples of cpv dividing nc. */
static void
sweep_idf(struct sweep *sw, struct buf *out, struct request *rq, size_t *pick)
{
	long idf;

	try_idf(sw, out, rq, pick, -1);
	try_idf(sw, out, rq, pick, 0);
	for (idf = rq->cpv; idf <= sw->conf->hw.cores; idf += rq->cpv)
		if (rq->nc % idf == 0)
			try_idf(sw, out, rq, pick, idf);
}

static void
sweep(struct sweep *sw)
{
	const struct hw *hw = &sw->conf->hw;
	long total = hw->cores * (long)sw->conf->nnodes;
	struct buf out = { 0 };
	struct request rq = { 0 };
	size_t *pick = xcalloc(sw->nextras + 1, sizeof *pick);
	size_t i;
	long nc;

	buf_adds(&out, "exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst");
	for (i = 0; i < sw->nextras; i++)
		buf_addf(&out, "\t%s", sw->extras[i].name);
	buf_addc(&out, '\n');
	for (nc = 1; nc <= total; nc++) {
		if (sw->nc.n && !numlist_has(&sw->nc, nc))
			continue;
		rq.nc = nc;
		for (rq.cpv = 1; rq.cpv <= hw->cores && rq.cpv <= nc; rq.cpv++) {
			if (nc % rq.cpv ||
			    (sw->cpv.n && !numlist_has(&sw->cpv, rq.cpv)))
				continue;
			sweep_idf(sw, &out, &rq, pick);
		}
	}
	if (!sw->count)
		die(EXIT_USAGE, "no valid experiment satisfies the constraints");
	tsv_flush(&out);
	buf_free(&out);
	free(pick);
}

/* The application's config, [Metrics] included, checked before any run
 * (vsp-pbs and vsp-collect load it again: a sweep may take days). */
static void
check_app(const struct conf *conf, const char *app)
{
	struct appconf ac;
	struct plugin pl;

	appconf_load(&ac, conf->dir, app);
	plugin_load(&pl, conf->dir, app);
	plugin_free(&pl);
	appconf_free(&ac);
}

/* -X: the original's experiment definition XML (xmldef.h). */
static int
gen_xml(struct conf *conf, const char *path)
{
	struct xmldef d;
	struct buf out = { 0 }, err = { 0 };

	size_t i, j;

	if (xmldef_read(&d, path, &err) < 0 ||
	    xmldef_rows(&d, &conf->hw, (long)conf->nnodes, &out, &err) < 0)
		die(EXIT_USAGE, "%s", buf_str(&err));
	for (i = 0; i < d.n; i++) {
		for (j = 0; j < i && strcmp(d.v[j].app, d.v[i].app); j++)
			;
		if (j == i)
			check_app(conf, d.v[i].app);
	}
	tsv_flush(&out);
	xmldef_free(&d);
	buf_free(&out);
	buf_free(&err);
	conf_free(conf);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sweep sw = { 0 };
	struct conf conf;
	const char *dir = NULL, *xml = NULL, *setting = NULL;
	const char *o_nc = NULL, *o_cpv = NULL, *o_idf = NULL, *o_df = NULL;
	const char *o_pms = NULL, *o_first = NULL, *o_ps = NULL, *o_more = NULL;
	int c, p, nsweep = 0;
	size_t i;

	cmd_pick(cmds, &argc, &argv);
	sw.runs = 1;
	while ((c = cmd_getopt(cmds, cmds, argc, argv)) != -1) {
		nsweep += c != 'C' && c != 'X' && c != 's';
		switch (c) {
		case 'C': dir = optarg; break;
		case 'a': sw.app = optarg; break;
		case 'r':
			if (num_long(optarg, 1, RUNS_MAX, &sw.runs) < 0)
				die(EXIT_USAGE, "-r: runs \"%s\" is not a positive integer",
				    optarg);
			break;
		case 'R': o_more = optarg; break;
		case 'n': o_nc = optarg; break;
		case 'c': o_cpv = optarg; break;
		case 'i': o_idf = optarg; break;
		case 'd': o_df = optarg; break;
		case 'p': o_ps = optarg; break;
		case 'm': o_pms = optarg; break;
		case 'f': o_first = optarg; break;
		case 'x': parse_extra(&sw, optarg); break;
		case 'X': xml = optarg; break;
		case 's': setting = optarg; break;
		case 'V':
			version_print(stdout);
			return fflush(stdout) == EOF ? EXIT_FAIL : 0;
		default: cmd_usage(cmds);
		}
	}
	if (optind != argc)
		cmd_usage(cmds);
	if (xml && nsweep)
		die(EXIT_USAGE, "-X: the XML file defines the experiments: give no "
		    "sweep options");
	if (setting && (xml || nsweep))
		die(EXIT_USAGE, "-s prints a setting: give no other option");
	conf_load(&conf, conf_dir(dir));
	if (setting) {
		if (!conf_known(setting))
			die(EXIT_USAGE, "-s: unknown setting \"%s\"", setting);
		printf("%s\n", conf_get(&conf, setting));
		conf_free(&conf);
		return fflush(stdout) == EOF ? EXIT_FAIL : 0;
	}
	if (xml)
		return gen_xml(&conf, xml);
	if (!sw.app)
		cmd_usage(cmds);
	if (!name_ok(sw.app))
		die(EXIT_USAGE, "-a: app \"%s\" is not a plain name ([A-Za-z0-9._-])",
		    sw.app);
	check_app(&conf, sw.app);
	if (o_idf && o_df)
		die(EXIT_USAGE, "-i and -d both constrain idf: give one");
	sw.conf = &conf;
	if (o_nc)
		parse_list(&sw.nc, "n", o_nc, 1, conf.hw.cores * (long)conf.nnodes);
	if (o_cpv)
		parse_list(&sw.cpv, "c", o_cpv, 1, conf.hw.cores);
	if (o_idf)
		parse_list(&sw.idf, "i", o_idf, 0, conf.hw.cores);
	if (o_df)
		parse_df(&sw.idf, o_df);
	if (o_pms)
		parse_list(&sw.pms, "m", o_pms, 1, (long)conf.nnodes);
	if (o_first)
		parse_list(&sw.first, "f", o_first, 0, (long)conf.nnodes - 1);
	if (o_ps)
		parse_pstrats(sw.ps, o_ps);
	else
		for (p = 0; p < PS_COUNT; p++)
			sw.ps[p] = 1;
	check_values(&sw);
	if (o_more)
		read_more_runs(&sw, o_more);
	sweep(&sw);
	strv_free(sw.more_exp, sw.nmore);
	free(sw.more_runs);
	for (i = 0; i < sw.nextras; i++) {
		strv_free(sw.extras[i].vals, sw.extras[i].n);
		free(sw.extras[i].name);
	}
	free(sw.extras);
	numlist_free(&sw.nc);
	numlist_free(&sw.cpv);
	numlist_free(&sw.idf);
	numlist_free(&sw.pms);
	numlist_free(&sw.first);
	conf_free(&conf);
	return 0;
}
