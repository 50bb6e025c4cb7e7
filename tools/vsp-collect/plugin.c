#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "line.h"
#include "num.h"
#include "plugin.h"
#include "proc.h"
#include "strv.h"
#include "tsv.h"

void
why_add(struct buf *why, const char *fmt, ...)
{
	va_list ap;
	int e = errno;	/* for a format ending in ':' (lib/err.h) */

	if (why->len)
		buf_adds(why, "; ");
	errno = e;
	va_start(ap, fmt);
	buf_vaddf(why, fmt, ap);
	va_end(ap);
}

static int
metrics_find(const struct metrics *m, const char *name)
{
	return strv_index(m->names, m->n, name);
}

static void
metrics_add(struct metrics *m, const char *name, const char *val)
{
	m->names = xreallocarray(m->names, m->n + 1, sizeof *m->names);
	m->vals = xreallocarray(m->vals, m->n + 1, sizeof *m->vals);
	m->names[m->n] = xstrdup(name);
	m->vals[m->n++] = xstrdup(val);
}

void
metrics_free(struct metrics *m)
{
	strv_free(m->names, m->n);
	strv_free(m->vals, m->n);
	memset(m, 0, sizeof *m);
}

/* Applies the regexes of one stream to its file, line by line. */
static void
scan_stream(const struct plugin *p, const char *dir, int stream,
    struct metrics *m, size_t base, struct buf *why)
{
	const char *fname = stream == 1 ? "stdout" : "stderr";
	char *path = xasprintf("%s/%s", dir, fname), *line = NULL;
	size_t cap = 0, i, left = 0, len;
	unsigned long lineno = 0;
	regmatch_t g[2];
	FILE *fp;
	int rc = 0;

	for (i = 0; i < p->nre; i++)
		left += p->re[i].stream == stream;
	if (!left)
		goto done;
	if (!(fp = fopen(path, "r"))) {
		why_add(why, "%s:", fname);
		goto done;
	}
	while (left && (rc = line_read(fp, &line, &cap, &len)) > 0) {
		lineno++;
		for (i = 0; i < p->nre; i++) {
			if (p->re[i].stream != stream || *m->vals[base + i] ||
			    regexec(&p->re[i].re, line, 2, g, 0) || g[1].rm_so < 0)
				continue;
			free(m->vals[base + i]);
			m->vals[base + i] = xstrndup(line + g[1].rm_so,
			    (size_t)(g[1].rm_eo - g[1].rm_so));
			left--;
		}
	}
	if (rc == LINE_NUL) {
		/* A regex would see the line cut at the NUL: no metric of it. */
		why_add(why, "%s:%lu: NUL byte in line", fname, lineno + 1);
		for (i = 0; i < p->nre; i++)
			if (p->re[i].stream == stream)
				m->vals[base + i][0] = '\0';
	} else if (rc < 0)
		why_add(why, "%s: read error", fname);
	fclose(fp);
	for (i = 0; rc != LINE_NUL && i < p->nre; i++) {
		double v;
		char *val = m->vals[base + i];

		if (p->re[i].stream != stream)
			continue;
		if (!*val)
			why_add(why, "metric %s: no match in %s", p->re[i].name,
			    fname);
		else if (num_double(val, &v) < 0) {
			why_add(why, "metric %s: \"%.60s\" is not a number",
			    p->re[i].name, val);
			val[0] = '\0';
		}
	}
done:
	free(line);
	free(path);
}

/* Parses the name<TAB>value lines of the command. */
static void
read_command_output(char *text, struct metrics *m, struct buf *why)
{
	char *line, *next, *tab;
	unsigned long lineno = 0;
	double v;

	for (line = text; line && *line; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!(tab = strchr(line, '\t'))) {
			why_add(why, "metric command: line %lu: no TAB in \"%.60s\"",
			    lineno, line);
			continue;
		}
		*tab++ = '\0';
		if (!tsv_name_ok(line) || metric_reserved(line))
			why_add(why, "metric command: line %lu: \"%.60s\" is not a "
			    "metric name%s", lineno, line, metric_reserved(line) ?
			    " (a column of vsp)" : "");
		else if (metrics_find(m, line) >= 0)
			why_add(why, "metric command: line %lu: %s given twice",
			    lineno, line);
		else if (num_double(tab, &v) < 0) {
			why_add(why, "metric %s: \"%.60s\" is not a number", line,
			    tab);
			metrics_add(m, line, "");
		} else
			metrics_add(m, line, tab);
	}
}

static void
run_command(const struct plugin *p, const char *dir, long timeout,
    struct metrics *m, struct buf *why)
{
	struct buf out = { 0 }, errout = { 0 }, err = { 0 };
	int rc;

	rc = proc_run(p->argv, dir, NULL, timeout, &out, &errout, &err);
	if (rc < 0)
		why_add(why, "metric command: %s", err.s);
	else if (rc > 0) {
		size_t n = errout.len ? strcspn(errout.s, "\n") : 0;

		why_add(why, "metric command exited %d%s%.*s", rc,
		    n ? ": " : "", (int)(n > 200 ? 200 : n), errout.len ?
		    errout.s : "");
	} else if (out.len && memchr(out.s, '\0', out.len))
		why_add(why, "metric command: NUL byte in its output");
	else
		read_command_output(out.s, m, why);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
}

void
plugin_run(const struct plugin *p, const char *dir, long timeout,
    struct metrics *m, struct buf *why)
{
	size_t base = m->n, i;

	for (i = 0; i < p->nre; i++)
		metrics_add(m, p->re[i].name, "");
	scan_stream(p, dir, 1, m, base, why);
	scan_stream(p, dir, 2, m, base, why);
	if (p->argv)
		run_command(p, dir, timeout, m, why);
}
