#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "compare.h"
#include "err.h"
#include "html.h"
#include "operand.h"
#include "outdir.h"
#include "version.h"

static void
esc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *s);
		}
	}
}

/* <th>name</th> for each name. */
static void
head_cells(struct buf *b, const struct names *n)
{
	size_t j;

	for (j = 0; j < n->n; j++) {
		buf_adds(b, "<th>");
		esc(b, n->v[j]);
		buf_adds(b, "</th>");
	}
}

/* <a href="file">text</a> if dir/file exists, else the text alone. */
static void
add_link(struct buf *b, const char *dir, const char *file, const char *text)
{
	if (!file_exists(dir, file)) {
		esc(b, text);
		return;
	}
	buf_adds(b, "<a href=\"");
	esc(b, file);	/* our file names: no characters a URL must encode */
	buf_adds(b, "\">");
	esc(b, text);
	buf_adds(b, "</a>");
}

static void
experiments_table(struct buf *b, const struct report *r, const char *dir)
{
	size_t i, j;

	buf_adds(b, "<h2>Experiments</h2>\n<table>\n<tr><th>exp</th>");
	head_cells(b, &r->params);
	buf_adds(b, "<th>ok</th><th>failed</th><th>series</th></tr>\n");
	for (i = 0; i < r->nexps; i++) {
		const struct experiment *e = &r->exps[i];

		buf_adds(b, "<tr><td>");
		esc(b, e->exp);
		buf_adds(b, "</td>");
		for (j = 0; j < r->params.n; j++) {
			buf_adds(b, "<td>");
			esc(b, x_param(e->x[0], r, r->params.v[j]));
			buf_adds(b, "</td>");
		}
		buf_addf(b, "<td>%zu</td><td>%zu</td><td>", e->nok, e->nfailed);
		for (j = 0; j < e->nx; j++) {
			char run[32];

			if (!e->x[j]->series)
				continue;
			snprintf(run, sizeof run, "%ld", e->x[j]->run);
			add_link(b, dir, e->x[j]->series, run);
			buf_addc(b, ' ');
		}
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</table>\n");
}

/* A column name that may break after its underscores. */
static void
esc_breakable(struct buf *b, const char *s)
{
	for (; *s; s++) {
		char c[2] = { *s, 0 };

		esc(b, c);
		if (*s == '_' && s[1])
			buf_adds(b, "<wbr>");
	}
}

/* Metrics per table: numbers do not break, so a table of this many fits
 * 1280 pixels; more metrics make more tables. */
#define MEANS_COLUMNS 8

static void
means_part(struct buf *b, const struct report *r, const size_t *show,
    size_t ns)
{
	size_t i, m;

	buf_adds(b, "<table class=\"means\">\n<tr><th>exp</th><th>n</th>");
	for (m = 0; m < ns; m++) {
		buf_adds(b, "<th>");
		esc_breakable(b, r->metrics.v[show[m]]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr>\n");
	for (i = 0; i < r->nexps; i++) {
		buf_adds(b, "<tr><td>");
		esc(b, r->exps[i].exp);
		buf_addf(b, "</td><td>%zu</td>", r->exps[i].nok);
		for (m = 0; m < ns; m++) {
			const struct stats *st = &r->exps[i].st[show[m]];
			double half = st->n > 1 ? (st->ci_hi - st->ci_lo) / 2 : NAN;

			buf_adds(b, "<td>");
			if (st->n) {
				compare_round(b, st->mean, half);
				if (st->n != r->exps[i].nok)
					buf_addf(b, " (%zu)", st->n);
				if (st->n > 1) {
					buf_adds(b, "<br><small>&plusmn;&nbsp;");
					compare_round(b, half, half);
					buf_adds(b, "</small>");
				}
			}
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n");
}

/* Mean and 95% CI half-width of every metric with a value, rounded to the
 * interval; n in brackets where it is not the experiment's ok count. */
static void
summary_table(struct buf *b, const struct report *r)
{
	size_t i, m, k, *show = xcalloc(r->metrics.n + 1, sizeof *show), ns = 0;

	for (m = 0; m < r->metrics.n; m++)
		for (i = 0; i < r->nexps; i++)
			if (r->exps[i].st[m].n) {
				show[ns++] = m;
				break;
			}
	if (!ns) {
		free(show);
		return;
	}
	buf_adds(b, "<h2>Means</h2>\n<p>Mean and &plusmn; half the 95% "
	    "confidence interval, rounded to two digits of the interval; n: ok "
	    "runs (in brackets where a metric has fewer values); metrics without "
	    "any value left out. The exact values are in <a href=\"summary.csv\">"
	    "summary.csv</a>.</p>\n");
	for (k = 0; k < ns; k += MEANS_COLUMNS)
		means_part(b, r, show + k, ns - k < MEANS_COLUMNS ? ns - k :
		    MEANS_COLUMNS);
	free(show);
}

/* Per shape: the best placement and the answer, for the answers' metric. */
static void
answers_table(struct buf *b, const struct report *r, const char *dir)
{
	struct buf cell = { 0 };
	struct answer a;
	size_t s, n = 0;

	buf_adds(b, "<h2>Answers</h2>\n");
	for (s = 0; s < r->nshapes; s++) {
		compare_answer(r, s, &a);
		if (a.kind == A_NONE)
			continue;
		if (!n++) {
			buf_adds(b, "<p>For <b>");
			esc(b, r->metrics.v[r->answer]);
			buf_addf(b, "</b> (%s is better), the best placement of each "
			    "shape (experiments equal but for idf and pstrat) and how "
			    "far ahead of the next one it is: the ratio of their "
			    "means with Fieller's 95%% confidence interval. A tie: "
			    "Welch's t-test finds no difference at 5%% after Holm's "
			    "correction; then the runs that would tell them apart "
			    "(power 0.8). Every metric and experiment: ",
			    r->shapes[s].higher[r->answer] ? "higher" : "lower");
			add_link(b, dir, "comparisons.csv", "comparisons.csv");
			buf_adds(b, ".</p>\n<table class=\"answers\">\n<tr><th>shape"
			    "</th><th>best</th><th>answer</th></tr>\n");
		}
		buf_adds(b, a.kind == A_WIN ? "<tr class=\"win\"><td>" :
		    "<tr class=\"tie\"><td>");
		esc(b, r->shapes[s].label);
		buf_adds(b, "</td><td>");
		buf_reset(&cell);
		compare_placement(r, &r->exps[a.best], &cell);
		esc(b, buf_str(&cell));
		buf_adds(b, "</td><td>");
		buf_reset(&cell);
		compare_sentence(r, &a, &cell);
		esc(b, buf_str(&cell));
		buf_adds(b, "</td></tr>\n");
	}
	if (n)
		buf_adds(b, "</table>\n");
	else
		buf_adds(b, "<p>No shape has two placements to compare.</p>\n");
	buf_free(&cell);
}

/* -b: the counts, then every change that is not noise. */
static void
baseline_section(struct buf *b, const struct report *r,
    const struct baseline *bl, const char *dir)
{
	struct buf t = { 0 };
	size_t i, n = 0;

	if (!bl)
		return;
	buf_adds(b, "<h2>Against the baseline</h2>\n<p>");
	esc(b, bl->dir);
	buf_adds(b, ": ");
	baseline_counts(bl, &t);
	esc(b, buf_str(&t));
	buf_adds(b, " (Welch's t-test of each experiment and metric, Holm's "
	    "correction over the experiments of a metric; faster: better by "
	    "the metric's direction). Every row: ");
	add_link(b, dir, "baseline.csv", "baseline.csv");
	buf_adds(b, ".</p>\n");
	for (i = 0; i < bl->n; i++) {
		const struct base_row *br = &bl->v[i];

		if (br->change != C_FASTER && br->change != C_SLOWER)
			continue;
		if (!n++)
			buf_adds(b, "<table>\n<tr><th>exp</th><th>metric</th>"
			    "<th>change</th><th>new / old (95% CI)</th></tr>\n");
		buf_adds(b, "<tr><td>");
		esc(b, r->exps[br->exp].exp);
		buf_adds(b, "</td><td>");
		esc(b, r->metrics.v[br->metric]);
		buf_addf(b, "</td><td>%s</td><td>", baseline_change(br->change));
		buf_reset(&t);
		compare_round(&t, br->w.ratio, (br->w.hi - br->w.lo) / 2);
		if (!isnan(br->w.lo)) {
			buf_adds(&t, " (");
			compare_round(&t, br->w.lo, (br->w.hi - br->w.lo) / 2);
			buf_adds(&t, " to ");
			compare_round(&t, br->w.hi, (br->w.hi - br->w.lo) / 2);
			buf_adds(&t, ")");
		}
		esc(b, buf_str(&t));
		buf_adds(b, "</td></tr>\n");
	}
	if (n)
		buf_adds(b, "</table>\n");
	buf_free(&t);
}

static void
plots_list(struct buf *b, const struct plots *p, const char *dir)
{
	size_t i;
	char *png, *svg;

	if (!p->n)
		return;
	buf_adds(b, "<h2>Plots</h2>\n");
	for (i = 0; i < p->n; i++) {
		png = xasprintf("plots/%s.png", p->v[i].name);
		svg = xasprintf("plots/%s.svg", p->v[i].name);
		if (file_exists(dir, png) || file_exists(dir, svg)) {
			buf_adds(b, "<h3>");
			esc(b, p->v[i].title);
			buf_adds(b, "</h3>\n<p>");
			add_link(b, dir, png, "PNG");
			buf_adds(b, " ");
			add_link(b, dir, svg, "SVG");
			buf_adds(b, "</p>\n");
			if (file_exists(dir, png)) {
				buf_adds(b, "<img src=\"");
				esc(b, png);
				buf_adds(b, "\" alt=\"");
				esc(b, p->v[i].title);
				buf_adds(b, "\" width=\"900\">\n");
			}
		}
		free(png);
		free(svg);
	}
}

void
html_write(const struct report *r, const struct plots *p,
    const struct baseline *bl, const char *dir)
{
	struct buf b = { 0 };
	char *path = xasprintf("%s/index.html", dir);
	size_t i, ok = 0;

	for (i = 0; i < r->nx; i++)
		ok += r->x[i]->ok;
	buf_adds(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>vsp report</title>\n<style>\n"
	    "body { font-family: sans-serif; margin: 0 auto; max-width: 75em; "
	    "padding: 0 1em; }\n"
	    "table { border-collapse: collapse; max-width: 100%; }\n"
	    "td, th { border: 1px solid #ccc; padding: 2px 6px; "
	    "overflow-wrap: anywhere; vertical-align: top; }\n"
	    "table.means { margin-bottom: 1em; }\n"
	    "table.means td { text-align: right; white-space: nowrap; }\n"
	    "table.means small { color: #555; }\n"
	    "table.means td:first-child { text-align: left; white-space: normal; }\n"
	    "tr.win td:nth-child(2) { font-weight: bold; }\n"
	    "img { max-width: 100%; height: auto; }\n"
	    "</style>\n</head>\n<body>\n<h1>vsp report</h1>\n");
	buf_addf(&b, "<p>%zu experiments, %zu executions (%zu ok, %zu failed)."
	    "</p>\n", r->nexps, r->nx, ok, r->nx - ok);
	answers_table(&b, r, dir);
	baseline_section(&b, r, bl, dir);
	summary_table(&b, r);
	plots_list(&b, p, dir);
	buf_adds(&b, "<h2>Tables</h2>\n<ul>\n<li>");
	add_link(&b, dir, "comparisons.csv", "comparisons.csv");
	buf_adds(&b, ": every experiment against the best of its shape, per "
	    "metric</li>\n<li>");
	add_link(&b, dir, "answers.txt", "answers.txt");
	buf_adds(&b, ": the answers as text</li>\n<li>");
	add_link(&b, dir, "runs.tsv", "runs.tsv");
	buf_adds(&b, ": the runs the ties need (vsp-gen -R)</li>\n<li>");
	add_link(&b, dir, "experiments.csv", "experiments.csv");
	buf_adds(&b, ": one row per experiment</li>\n<li>");
	add_link(&b, dir, "executions.csv", "executions.csv");
	buf_adds(&b, ": one row per execution</li>\n<li>");
	add_link(&b, dir, "summary.csv", "summary.csv");
	buf_adds(&b, ": statistics per experiment and metric</li>\n");
	if (file_exists(dir, "plots/plots.gp")) {
		buf_adds(&b, "<li>");
		add_link(&b, dir, "plots/plots.gp", "plots/plots.gp");
		buf_adds(&b, ": the gnuplot script of the plots</li>\n");
	}
	buf_adds(&b, "</ul>\n");
	experiments_table(&b, r, dir);
	buf_adds(&b, "<hr>\n<p>Made by vsp-report " VSP_VERSION ".</p>\n"
	    "</body>\n</html>\n");
	outdir_write(path, b.s, b.len);
	buf_free(&b);
	free(path);
}
