#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appconf.h"
#include "err.h"
#include "ini.h"
#include "num.h"
#include "plugin.h"
#include "proc.h"
#include "strv.h"
#include "tsv.h"

/* Columns of the pipeline (vsp.7) and of vsp-collect: never a metric. */
static char *const reserved[] = {
	"exp", "app", "nc", "cpv", "idf", "pstrat", "runs", "first",
	"vm", "node", "slot", "vcpus", "pin", "uri", "uuid", "state", "addr",
	"run", "job", "outdir", "exit",
	"user_s", "sys_s", "elapsed_s",
	"cpu_vm_mean", "cpu_vm_max", "cpu_pm_mean", "cpu_pm_max",
	"mem_vm_used_kb", "mem_pm_used_kb", "net_vm_rx_kbs", "net_vm_tx_kbs",
	"net_pm_rx_kbs", "net_pm_tx_kbs", "status", "reason", NULL
};

int
metric_reserved(const char *name)
{
	return strv_index(reserved, STRV_NULL, name) >= 0;
}

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

static void
add_regex(struct plugin *p, const struct ini_entry *e, const char *path)
{
	const char *name = e->key + 6, *v = e->value;
	struct regex_metric *m;
	char msg[256];
	size_t i;
	int rc, stream;

	if (!tsv_name_ok(name))
		die(EXIT_USAGE, "%s:%lu: metric name \"%s\" is not [a-z][a-z0-9_]*",
		    path, e->line, name);
	if (metric_reserved(name))
		die(EXIT_USAGE, "%s:%lu: metric name \"%s\" is a column of vsp",
		    path, e->line, name);
	if (!strncmp(v, "stdout:", 7))
		stream = 1;
	else if (!strncmp(v, "stderr:", 7))
		stream = 2;
	else
		die(EXIT_USAGE, "%s:%lu: regex.%s must start with %s", path,
		    e->line, name, "stdout: or stderr:");	/* not errno's ':' */
	for (i = 0; i < p->nre; i++)
		if (!strcmp(p->re[i].name, name))
			die(EXIT_USAGE, "%s:%lu: metric \"%s\" declared twice", path,
			    e->line, name);
	p->re = xreallocarray(p->re, p->nre + 1, sizeof *p->re);
	m = &p->re[p->nre];
	if ((rc = regcomp(&m->re, v + 7, REG_EXTENDED | REG_NEWLINE))) {
		regerror(rc, &m->re, msg, sizeof msg);
		die(EXIT_USAGE, "%s:%lu: regex.%s: %s", path, e->line, name, msg);
	}
	if (m->re.re_nsub != 1) {
		regfree(&m->re);
		die(EXIT_USAGE, "%s:%lu: regex.%s has %zu capture groups, not one",
		    path, e->line, name, m->re.re_nsub);
	}
	m->name = xstrdup(name);
	m->stream = stream;
	p->nre++;
}

/* argv of the command, argv[0] made relative to the app's folder. */
static void
add_command(struct plugin *p, const struct ini_entry *e, const char *path,
    const char *appdir)
{
	char *s = xstrdup(e->value), *tok, *save, abs[PATH_MAX];
	size_t n = 0;

	for (tok = strtok_r(s, " \t", &save); tok; tok = strtok_r(NULL, " \t",
	    &save)) {
		p->argv = xreallocarray(p->argv, n + 2, sizeof *p->argv);
		if (n == 0 && *tok != '/') {
			if (!realpath(appdir, abs))
				die(EXIT_USAGE, "%s:", appdir);
			p->argv[n++] = xasprintf("%s/%s", abs, tok);
		} else
			p->argv[n++] = xstrdup(tok);
		p->argv[n] = NULL;
	}
	free(s);
	if (!n)
		die(EXIT_USAGE, "%s:%lu: command is empty", path, e->line);
	p->where = xasprintf("%s:%lu", path, e->line);
}

void
plugin_load(struct plugin *p, const char *confdir, const char *app)
{
	struct appconf a;
	const char *path;
	size_t i;

	memset(p, 0, sizeof *p);
	p->app = xstrdup(app);
	appconf_read(&a, confdir, app);
	path = a.ini.path;
	for (i = 0; i < a.ini.n; i++) {
		const struct ini_entry *e = &a.ini.v[i];

		if (strcmp(e->section, "Metrics"))
			continue;	/* the other sections are vsp-pbs's */
		if (!strncmp(e->key, "regex.", 6))
			add_regex(p, e, path);
		else if (!strcmp(e->key, "command"))
			add_command(p, e, path, a.dir);
		else if (strncmp(e->key, "better.", 7))	/* better.*: vsp-report's */
			die(EXIT_USAGE, "%s:%lu: unknown key \"%s\" in [Metrics] "
			    "(regex.<name>, command, better.<name>)", path, e->line,
			    e->key);
	}
	appconf_free(&a);
}

void
plugin_free(struct plugin *p)
{
	size_t i;

	for (i = 0; i < p->nre; i++) {
		free(p->re[i].name);
		regfree(&p->re[i].re);
	}
	free(p->re);
	for (i = 0; p->argv && p->argv[i]; i++)
		free(p->argv[i]);
	free(p->argv);
	free(p->where);
	free(p->app);
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
	size_t cap = 0, i, left = 0;
	regmatch_t g[2];
	ssize_t len;
	FILE *fp;

	for (i = 0; i < p->nre; i++)
		left += p->re[i].stream == stream;
	if (!left)
		goto done;
	if (!(fp = fopen(path, "r"))) {
		why_add(why, "%s:", fname);
		goto done;
	}
	while (left && (len = getline(&line, &cap, fp)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
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
	if (ferror(fp))
		why_add(why, "%s: read error", fname);
	fclose(fp);
	for (i = 0; i < p->nre; i++) {
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
