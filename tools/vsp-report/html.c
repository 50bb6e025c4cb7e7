#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "html.h"
#include "operand.h"
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

/* Mean and 95% CI half-width of every metric, n in brackets, for reading. */
static void
summary_table(struct buf *b, const struct report *r)
{
	size_t i, m;

	if (!r->metrics.n || !r->nexps)
		return;
	buf_adds(b, "<h2>Means</h2>\n<p>mean &plusmn; half the 95% confidence "
	    "interval (n), rounded for reading: the exact values are in "
	    "summary.csv.</p>\n<table>\n<tr><th>exp</th>");
	head_cells(b, &r->metrics);
	buf_adds(b, "</tr>\n");
	for (i = 0; i < r->nexps; i++) {
		buf_adds(b, "<tr><td>");
		esc(b, r->exps[i].exp);
		buf_adds(b, "</td>");
		for (m = 0; m < r->metrics.n; m++) {
			const struct stats *st = &r->exps[i].st[m];

			buf_adds(b, "<td>");
			if (st->n) {
				buf_addf(b, "%.6g", st->mean);
				if (st->n > 1)
					buf_addf(b, " &plusmn; %.2g",
					    (st->ci_hi - st->ci_lo) / 2);
				buf_addf(b, " (%zu)", st->n);
			}
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n");
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
html_write(const struct report *r, const struct plots *p, const char *dir)
{
	struct buf b = { 0 };
	char *path = xasprintf("%s/index.html", dir);
	size_t i, ok = 0;
	FILE *fp;

	for (i = 0; i < r->nx; i++)
		ok += r->x[i]->ok;
	buf_adds(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>vsp report</title>\n<style>\ntable { border-collapse: "
	    "collapse; }\ntd, th { border: 1px solid #ccc; padding: 2px 6px; "
	    "}\n</style>\n</head>\n<body>\n<h1>vsp report</h1>\n");
	buf_addf(&b, "<p>%zu experiments, %zu executions (%zu ok, %zu failed)."
	    "</p>\n<h2>Tables</h2>\n<ul>\n", r->nexps, r->nx, ok, r->nx - ok);
	buf_adds(&b, "<li>");
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
	summary_table(&b, r);
	plots_list(&b, p, dir);
	buf_adds(&b, "<hr>\n<p>Made by vsp-report " VSP_VERSION ".</p>\n"
	    "</body>\n</html>\n");
	if (!(fp = fopen(path, "w")) || buf_write(&b, fp) < 0 || fclose(fp) == EOF)
		die(EXIT_FAIL, "%s: cannot write: %s", path, strerror(errno));
	buf_free(&b);
	free(path);
}
