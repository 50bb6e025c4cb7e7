/*
 * One gnuplot script draws every plot; it is kept in the report
 * (plots/plots.gp, data inline) so a plot can be redrawn or restyled.
 * Only numbers vsp-report prints go into data blocks; text from the
 * inputs appears only inside quoted, non-enhanced strings.
 * Each plot's part of it stands alone after the script's first lines, so
 * the plots are drawn in batches, one gnuplot each, side by side.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "dfmt.h"
#include "err.h"
#include "jobs.h"
#include "num.h"
#include "outdir.h"
#include "plot.h"
#include "proc.h"
#include "series.h"
#include "seriescsv.h"
#include "strv.h"
#include "tsv.h"
#include "version.h"

#define OFFSETS "graph 0.05, graph 0.05, graph 0.05, graph 0.05"

struct point {
	double x, y, lo, hi;
};

/* A gnuplot single-quoted string: '' for ', control characters as spaces. */
static void
gp_string(struct buf *b, const char *s)
{
	buf_squote(b, s, "''", ' ');
}

static void
gp_num(struct buf *b, double v)
{
	char s[DFMT_MAX];

	buf_adds(b, dfmt(s, v));
}

/* File-name-safe: [A-Za-z0-9._-], anything else as '_'. */
static void
safe_name(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_addc(b, (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-' ? *s : '_');
}

static int
name_used(const struct plots *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name))
			return 1;
	return 0;
}

/* A new plot, its part of the script starting at the end of gp. */
static struct plot *
plot_add(struct plots *p, const struct buf *gp, struct buf *name,
    const char *title)
{
	struct plot *pl;
	size_t base = name->len;
	int k = 2;

	while (name_used(p, buf_str(name))) {
		name->len = base;
		buf_addf(name, "-%d", k++);
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	pl = &p->v[p->n++];
	pl->name = xstrdup(buf_str(name));
	pl->title = xstrdup(title);
	pl->gp_at = gp->len;
	return pl;
}

static void
gp_outputs(struct buf *gp, const struct plot *pl, const char *plotcmd)
{
	buf_adds(gp, "set terminal pngcairo size 900,560 noenhanced\n");
	buf_addf(gp, "set output 'plots/%s.png'\n%s", pl->name, plotcmd);
	buf_adds(gp, "set terminal svg size 900,560 noenhanced\n");
	buf_addf(gp, "set output 'plots/%s.svg'\nreplot\nunset output\n",
	    pl->name);
}

static void
gp_labels(struct buf *gp, const char *title, const char *x, const char *y)
{
	buf_adds(gp, "set title ");
	gp_string(gp, title);
	buf_adds(gp, " noenhanced\nset xlabel ");
	gp_string(gp, x);
	buf_adds(gp, " noenhanced\nset ylabel ");
	gp_string(gp, y);
	buf_adds(gp, " noenhanced\n");
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_point(const void *a, const void *b)
{
	double x = ((const struct point *)a)->x, y = ((const struct point *)b)->x;

	return (x > y) - (x < y);
}

/* The experiments of one plot: same parameters but the axis and pstrat. */
struct group {
	size_t *exps;
	size_t n;
};

static int
same_group(const struct report *r, const struct experiment *a,
    const struct experiment *b, int axis, int ps)
{
	size_t i;

	for (i = 0; i < r->params.n; i++)
		if ((int)i != axis && (int)i != ps && strcmp(r->params.v[i], "runs") &&
		    strcmp(x_param(a->x[0], r, r->params.v[i]),
		    x_param(b->x[0], r, r->params.v[i])))
			return 0;
	return 1;
}

/* What the experiments of a group share: "ep-cpv2-idf4" for a file name
 * (fname), "ep, cpv 2, idf 4" for a title. */
static void
group_key(const struct report *r, const struct experiment *e, int axis,
    int ps, int fname, struct buf *b)
{
	const char *v, *n;
	size_t i;

	for (i = 0; i < r->params.n; i++) {
		n = r->params.v[i];
		if ((int)i == axis || (int)i == ps || !strcmp(n, "runs"))
			continue;
		v = x_param(e->x[0], r, n);
		if (!*v || (!strcmp(n, "first") && !strcmp(v, "0")))
			continue;	/* as in experiment ids */
		buf_adds(b, fname ? "-" : ", ");
		if (strcmp(n, "app"))
			buf_addf(b, "%s%s", n, fname ? "" : " ");
		if (fname)
			safe_name(b, v);
		else
			buf_adds(b, v);
	}
}

/* A flat line would leave gnuplot an empty range (and a warning). */
static void
gp_yrange(struct buf *gp, double lo, double hi)
{
	double pad = lo == 0 ? 1 : fabs(lo) / 10;

	if (lo != hi)
		return;
	buf_adds(gp, "set yrange [");
	gp_num(gp, lo - pad);
	buf_adds(gp, ":");
	gp_num(gp, hi + pad);
	buf_adds(gp, "]\n");
}

/* Tics at the values the experiments have, not at gnuplot's round steps. */
static void
gp_xtics(struct buf *gp, const struct report *r, const struct group *g,
    size_t m, const char *axis)
{
	double *xs = xcalloc(g->n, sizeof *xs), x;
	size_t i, n = 0;

	for (i = 0; i < g->n; i++)
		if (r->exps[g->exps[i]].st[m].n &&
		    num_double(x_param(r->exps[g->exps[i]].x[0], r, axis), &x) == 0)
			xs[n++] = x;
	qsort(xs, n, sizeof *xs, cmp_double);
	buf_adds(gp, "set xtics (");
	for (i = 0; i < n; i++) {
		if (i && xs[i] == xs[i - 1])
			continue;
		if (i)
			buf_adds(gp, ", ");
		gp_num(gp, xs[i]);
	}
	buf_adds(gp, ")\n");
	free(xs);
}

/* One plot of metric m against the axis for the experiments of g. */
static void
metric_plot(const struct report *r, const struct group *g, size_t m,
    int axis, int ps, struct buf *gp, struct plots *out)
{
	const char *an = r->params.v[axis];
	struct point *pts = xcalloc(g->n, sizeof *pts);
	size_t *line = xcalloc(g->n, sizeof *line), nlines = 0, i, j, k, n;
	const char **lname = xcalloc(g->n, sizeof *lname);
	struct buf name = { 0 }, title = { 0 }, cmd = { 0 };
	struct plot *pl;
	double x, first = NAN, ylo = INFINITY, yhi = -INFINITY;
	int spread = 0;
	const char *lv;

	/* Lines: one per pstrat value, in order of the experiments. */
	for (i = 0; i < g->n; i++) {
		const struct experiment *e = &r->exps[g->exps[i]];

		lv = ps >= 0 ? x_param(e->x[0], r, "pstrat") : "";
		for (k = 0; k < nlines && strcmp(lname[k], lv); k++)
			;
		if (k == nlines)
			lname[nlines++] = lv;
		line[i] = k;
		if (e->st[m].n && num_double(x_param(e->x[0], r, an), &x) == 0 &&
		    (e->vs[m].verdict == V_NONE || !isnan(e->vs[m].w.ratio))) {
			if (isnan(first))
				first = x;
			spread |= x != first;
		}
	}
	if (!spread)
		goto done;	/* fewer than two points along the axis */
	buf_addf(&name, "%s-vs-%s", r->metrics.v[m], an);
	group_key(r, &r->exps[g->exps[0]], axis, ps, 1, &name);
	buf_addf(&title, "%s relative to the best placement, against %s",
	    r->metrics.v[m], an);
	group_key(r, &r->exps[g->exps[0]], axis, ps, 0, &title);
	pl = plot_add(out, gp, &name, buf_str(&title));
	buf_adds(&cmd, "plot");
	for (k = 0; k < nlines; k++) {
		for (i = n = 0; i < g->n; i++) {
			const struct experiment *e = &r->exps[g->exps[i]];
			const struct stats *s = &e->st[m];

			const struct versus *v = &e->vs[m];

			if (line[i] != k || !s->n ||
			    num_double(x_param(e->x[0], r, an), &x) < 0 ||
			    (v->verdict != V_NONE && isnan(v->w.ratio)))
				continue;	/* no ratio: the best's mean is 0 */
			/* Alone in its shape, an experiment is its own best. */
			pts[n].x = x;
			pts[n].y = v->verdict == V_NONE ? 1 : v->w.ratio;
			pts[n].lo = isnan(v->w.lo) ? pts[n].y : v->w.lo;
			pts[n].hi = isnan(v->w.hi) ? pts[n].y : v->w.hi;
			n++;
		}
		if (!n)
			continue;
		qsort(pts, n, sizeof *pts, cmp_point);
		buf_addf(gp, "$p%zul%zu << EOD\n", out->n, k);
		for (j = 0; j < n; j++) {
			ylo = pts[j].lo < ylo ? pts[j].lo : ylo;
			yhi = pts[j].hi > yhi ? pts[j].hi : yhi;
			gp_num(gp, pts[j].x);
			buf_addc(gp, ' ');
			gp_num(gp, pts[j].y);
			buf_addc(gp, ' ');
			gp_num(gp, pts[j].lo);
			buf_addc(gp, ' ');
			gp_num(gp, pts[j].hi);
			buf_addc(gp, '\n');
		}
		buf_adds(gp, "EOD\n");
		buf_addf(&cmd, "%s $p%zul%zu using 1:2:3:4 with yerrorlines "
		    "title ", cmd.len > 4 ? "," : "", out->n, k);
		gp_string(&cmd, ps >= 0 ? lname[k] : r->metrics.v[m]);
	}
	buf_addc(&cmd, '\n');
	buf_reset(&title);
	buf_addf(&title, "%s / %s of the best (95%% CI)", r->metrics.v[m],
	    r->metrics.v[m]);
	gp_labels(gp, pl->title, an, buf_str(&title));
	gp_xtics(gp, r, g, m, an);
	gp_yrange(gp, ylo, yhi);
	gp_outputs(gp, pl, cmd.s);
	buf_adds(gp, "set xtics autofreq\nset autoscale y\n");
done:
	buf_free(&name);
	buf_free(&title);
	buf_free(&cmd);
	free(pts);
	free(line);
	free(lname);
}

static void
axis_plots(const struct report *r, const char *axisname, struct buf *gp,
    struct plots *out)
{
	int axis = names_find(&r->params, axisname);
	int ps = names_find(&r->params, "pstrat");
	struct group *g = NULL;
	size_t ng = 0, i, k, m;

	if (axis < 0)
		return;
	for (i = 0; i < r->nexps; i++) {
		for (k = 0; k < ng; k++)
			if (same_group(r, &r->exps[g[k].exps[0]], &r->exps[i], axis,
			    ps))
				break;
		if (k == ng) {
			g = xreallocarray(g, ng + 1, sizeof *g);
			g[ng].exps = NULL;
			g[ng++].n = 0;
		}
		g[k].exps = xreallocarray(g[k].exps, g[k].n + 1, sizeof *g[k].exps);
		g[k].exps[g[k].n++] = i;
	}
	for (m = 0; m < r->metrics.n; m++)
		for (k = 0; k < ng; k++)
			metric_plot(r, &g[k], m, axis, ps, gp, out);
	for (k = 0; k < ng; k++)
		free(g[k].exps);
	free(g);
}

/* CPU samples of one host: busy = 100 - cpu_idle, the mean over CPUs when
 * the host has no device "all". */
struct cpu_sample {
	size_t host;
	int all;
	double t, busy;
};

static int
cmp_sample(const void *a, const void *b)
{
	const struct cpu_sample *x = a, *y = b;

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	if (x->all != y->all)
		return x->all > y->all ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

static size_t
host_index(char ***hosts, size_t *nh, const char *name, const char *kind)
{
	char *label = xasprintf("%s (%s)", name, kind);
	size_t i;

	for (i = 0; i < *nh; i++)
		if (!strcmp((*hosts)[i], label)) {
			free(label);
			return i;
		}
	*hosts = xreallocarray(*hosts, *nh + 1, sizeof **hosts);
	(*hosts)[*nh] = label;
	return (*nh)++;
}

static void
read_cpu(const char *path, struct cpu_sample **s, size_t *n, char ***hosts,
    size_t *nh)
{
	struct series_reader t;
	struct buf err = { 0 };
	FILE *fp = fopen(path, "r");
	int rc;
	double v;

	if (!fp)
		die(EXIT_USAGE, "%s: cannot open:", path);
	if (series_open(&t, fp, path, &err) < 0)
		die(EXIT_USAGE, "%s", err.s);
	while ((rc = series_next(&t, &err)) > 0) {
		if (strcmp(t.f[SC_METRIC], "cpu_idle") || !*t.f[SC_VALUE])
			continue;
		if (series_value(&t, &v, &err) < 0)
			break;
		*s = xreallocarray(*s, *n + 1, sizeof **s);
		(*s)[*n].host = host_index(hosts, nh, t.f[SC_HOST], t.f[SC_KIND]);
		(*s)[*n].all = !strcmp(t.f[SC_DEVICE], "all");
		(*s)[*n].t = t.t;
		(*s)[(*n)++].busy = 100 - v;
	}
	if (err.len)
		die(EXIT_USAGE, "%s", err.s);
	series_close(&t);
	buf_free(&err);
	fclose(fp);
}

static void
cpu_plot(const struct execution *x, struct buf *gp, struct plots *out)
{
	struct cpu_sample *s = NULL;
	char **files, **hosts = NULL;
	size_t nf = series_files(x, &files), n = 0, nh = 0, i, j, h;
	struct buf name = { 0 }, title = { 0 }, cmd = { 0 };
	struct plot *pl;
	double t0 = INFINITY, tmax = -INFINITY, sum;
	int cnt, any;

	for (i = 0; i < nf; i++)
		read_cpu(files[i], &s, &n, &hosts, &nh);
	if (!n) {
		warnx("%s run %ld: no cpu_idle samples: no CPU plot", x->exp, x->run);
		goto done;
	}
	qsort(s, n, sizeof *s, cmp_sample);
	for (i = 0; i < n; i++) {
		t0 = s[i].t < t0 ? s[i].t : t0;
		tmax = s[i].t > tmax ? s[i].t : tmax;
	}
	buf_addf(&name, "cpu-%s-run-%03ld", x->exp, x->run);
	buf_addf(&title, "CPU busy (100 - cpu_idle), %s run %ld", x->exp, x->run);
	pl = plot_add(out, gp, &name, buf_str(&title));
	buf_adds(&cmd, "plot");
	for (i = 0; i < n; i = j) {
		h = s[i].host;
		any = s[i].all;	/* sorted: the "all" rows of a host come first */
		buf_addf(gp, "$p%zuh%zu << EOD\n", out->n, h);
		for (j = i; j < n && s[j].host == h;) {
			size_t k = j;

			for (sum = 0, cnt = 0; k < n && s[k].host == h &&
			    s[k].t == s[j].t && s[k].all == s[j].all; k++, cnt++)
				sum += s[k].busy;
			if (s[j].all == any) {
				gp_num(gp, s[j].t - t0);
				buf_addc(gp, ' ');
				gp_num(gp, sum / cnt);
				buf_addc(gp, '\n');
			}
			j = k;
		}
		buf_adds(gp, "EOD\n");
		buf_addf(&cmd, "%s $p%zuh%zu using 1:2 with lines %stitle ",
		    cmd.len > 4 ? "," : "", out->n, h,
		    strstr(hosts[h], " (pm)") ? "dashtype 2 linewidth 2 " : "");
		gp_string(&cmd, hosts[h]);
	}
	buf_addc(&cmd, '\n');
	buf_adds(gp, "set yrange [0:100]\nset offsets 0, 0, 0, 0\n");
	if (tmax == t0)
		buf_adds(gp, "set xrange [-1:1]\n");	/* one sample */
	gp_labels(gp, pl->title, "seconds", "CPU busy (%)");
	gp_outputs(gp, pl, cmd.s);
	buf_adds(gp, "set autoscale xy\nset offsets " OFFSETS "\n");
done:
	strv_free(hosts, nh);
	free(s);
	series_files_free(files, nf);
	buf_free(&name);
	buf_free(&title);
	buf_free(&cmd);
}

/* gnuplot has no time limit of its own: a day stands for none. */
#define GP_TIMEOUT 86400L

/* What gnuplot said, as our warnings. */
static void
relay(struct buf *b)
{
	char *line, *nl;

	for (line = b->len ? b->s : NULL; line && *line; line = nl) {
		if ((nl = strchr(line, '\n')))
			*nl++ = '\0';
		if (*line)
			warnx("gnuplot: %s", line);
	}
}

/* Runs gnuplot on script (a path in dir); ends the program if it fails. */
static void
run_gnuplot(const char *dir, char *script)
{
	char *argv[] = { "gnuplot", script, NULL };
	struct buf out = { 0 }, errout = { 0 }, err = { 0 };
	int rc = proc_run(argv, dir, NULL, GP_TIMEOUT, &out, &errout, &err);

	if (rc < 0)
		die(EXIT_FAIL, "gnuplot: %s", err.s);
	/* lib/proc's child says "gnuplot: why" when it cannot start it */
	if ((rc == 126 || rc == 127) && errout.len > 9 &&
	    !strncmp(errout.s, "gnuplot: ", 9)) {
		errout.s[strcspn(errout.s, "\n")] = '\0';
		die(EXIT_FAIL, "cannot run gnuplot: %s (--no-plots skips the "
		    "plots)", errout.s + 9);
	}
	relay(&out);
	relay(&errout);
	if (rc > 128)
		die(EXIT_FAIL, "gnuplot killed by signal %d", rc - 128);
	if (rc)
		die(EXIT_FAIL, "gnuplot failed with status %d", rc);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
}

/* A script of the first lines and plots [from, to); its path in dir. */
static char *
batch(const char *dir, const struct buf *gp, const struct plots *p,
    size_t from, size_t to, size_t k)
{
	size_t end = to < p->n ? p->v[to].gp_at : gp->len;
	char *script = xasprintf("plots/batch-%zu.gp", k), *path;
	struct buf s = { 0 };

	buf_add(&s, gp->s, p->v[0].gp_at);
	buf_add(&s, gp->s + p->v[from].gp_at, end - p->v[from].gp_at);
	path = xasprintf("%s/%s", dir, script);
	outdir_write(path, s.s, s.len);
	free(path);
	buf_free(&s);
	return script;
}

static void
batch_done(const char *dir, char *script)
{
	char *path = xasprintf("%s/%s", dir, script);

	unlink(path);
	free(path);
	free(script);
}

struct batches {
	const char *dir;
	char **scripts;
};

static void
draw_batch(size_t b, void *arg)
{
	const struct batches *x = arg;

	run_gnuplot(x->dir, x->scripts[b]);
}

/*
 * Draws the first plot alone (a gnuplot that cannot run or fails says so
 * once), then the others in up to jobs batches of consecutive plots, one
 * gnuplot each in a worker of its own (jobs_run) that says why it failed;
 * the first failure ends the program.
 */
static void
draw(const char *dir, const struct buf *gp, const struct plots *p, long jobs)
{
	size_t nb = jobs < 1 ? 1 : (size_t)jobs, b, left = p->n - 1;
	struct batches x = { dir, NULL };
	char *first;

	if (nb == 1 || p->n == 1) {
		run_gnuplot(dir, "plots/plots.gp");
		return;
	}
	first = batch(dir, gp, p, 0, 1, 0);
	run_gnuplot(dir, first);
	batch_done(dir, first);
	if (nb > left)
		nb = left;
	x.scripts = xcalloc(nb, sizeof *x.scripts);
	for (b = 0; b < nb; b++)
		x.scripts[b] = batch(dir, gp, p, 1 + b * left / nb,
		    1 + (b + 1) * left / nb, b + 1);
	/* a worker leaves the report folder to this process */
	jobs_run(nb, (long)nb, draw_batch, &x, outdir_forget);
	for (b = 0; b < nb; b++)
		batch_done(dir, x.scripts[b]);
	free(x.scripts);
}

void
plots_make(const struct report *r, const char *dir, struct execution **cpu,
    size_t ncpu, long jobs, struct plots *out)
{
	struct buf gp = { 0 };
	char *path;
	size_t i;

	memset(out, 0, sizeof *out);
	buf_adds(&gp, "# vsp-report " VSP_VERSION " plots: run \"gnuplot "
	    "plots/plots.gp\" in the report folder.\nset encoding utf8\nset grid\n"
	    "set key outside right top\nset bars small\n"
	    "set offsets " OFFSETS "\n");
	axis_plots(r, "nc", &gp, out);
	axis_plots(r, "idf", &gp, out);
	for (i = 0; i < ncpu; i++)
		cpu_plot(cpu[i], &gp, out);
	path = xasprintf("%s/plots", dir);
	if (mkdir(path, 0777) < 0)
		die(EXIT_FAIL, "%s: cannot create:", path);
	free(path);
	path = xasprintf("%s/plots/plots.gp", dir);
	outdir_write(path, buf_str(&gp), gp.len);
	free(path);
	if (out->n)
		draw(dir, &gp, out, jobs);
	buf_free(&gp);
}

/* The drawing process, its standard error and the plots it drew. */
static pid_t drawer;
static FILE *drawer_said, *drawer_plots;

/* A program that ends before plots_finish waits for the drawer first:
 * the report folder is removed after it, not under it. */
static void
drawer_wait(void)
{
	if (drawer > 0)
		while (waitpid(drawer, NULL, 0) < 0 && errno == EINTR)
			;
	drawer = 0;
}

void
plots_start(const struct report *r, const char *dir, struct execution **cpu,
    size_t ncpu, long jobs)
{
	static int registered;
	struct plots p;
	size_t i;

	if (!(drawer_said = tmpfile()) || !(drawer_plots = tmpfile()))
		die(EXIT_FAIL, "a temporary file:");
	if (!registered++)
		atexit(drawer_wait);
	fflush(NULL);	/* nothing buffered is written twice */
	if ((drawer = fork()) < 0)
		die(EXIT_FAIL, "fork:");
	if (drawer == 0) {
		drawer = 0;
		setpgid(0, 0);
		outdir_forget();	/* the report folder is not the drawer's */
		if (dup2(fileno(drawer_said), 2) < 0)
			die(EXIT_FAIL, "dup2:");
		plots_make(r, dir, cpu, ncpu, jobs, &p);
		for (i = 0; i < p.n; i++) {
			fputs(p.v[i].name, drawer_plots);
			putc('\0', drawer_plots);
			fputs(p.v[i].title, drawer_plots);
			putc('\0', drawer_plots);
		}
		if (fflush(drawer_plots) == EOF)
			die(EXIT_FAIL, "a temporary file:");
		plots_free(&p);
		exit(0);
	}
	setpgid(drawer, drawer);
}

/* One NUL-terminated string of fp; NULL at its end. */
static char *
read_string(FILE *fp)
{
	struct buf b = { 0 };
	int ch;

	while ((ch = getc(fp)) != EOF && ch)
		buf_addc(&b, (char)ch);
	if (ch == EOF) {
		buf_free(&b);
		return NULL;
	}
	return b.s ? b.s : xstrdup("");
}

void
plots_finish(struct plots *out)
{
	char chunk[4096], *name, *title;
	size_t n;
	int st;

	memset(out, 0, sizeof *out);
	while (waitpid(drawer, &st, 0) < 0)
		if (errno != EINTR)
			die(EXIT_FAIL, "waitpid:");
	drawer = 0;
	rewind(drawer_said);
	while ((n = fread(chunk, 1, sizeof chunk, drawer_said)) > 0)
		fwrite(chunk, 1, n, stderr);
	fflush(stderr);
	fclose(drawer_said);
	if (WIFSIGNALED(st))
		die(EXIT_FAIL, "plots: killed by signal %d", WTERMSIG(st));
	if (WEXITSTATUS(st))
		exit(WEXITSTATUS(st));	/* the drawer said why */
	rewind(drawer_plots);
	while ((name = read_string(drawer_plots))) {
		if (!(title = read_string(drawer_plots)))
			die(EXIT_FAIL, "plots: a name without a title");
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n].name = name;
		out->v[out->n].title = title;
		out->v[out->n++].gp_at = 0;
	}
	fclose(drawer_plots);
}

static void
plot_free(struct plot *p)
{
	free(p->name);
	free(p->title);
}

void
plots_free(struct plots *p)
{
	FREE_EACH(p->v, p->n, plot_free);
}
