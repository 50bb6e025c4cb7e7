#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "atomic.h"
#include "conf.h"
#include "err.h"
#include "hosts.h"
#include "line.h"
#include "name.h"
#include "operand.h"
#include "series.h"
#include "tsv.h"

#define MAX_REASON 1000

void
host_set(char **field, const char *val)
{
	free(*field);
	*field = val ? xstrdup(val) : NULL;
}

/*
 * A PM and a nodefile line that gives only its address (physical runs
 * with vsp.nodes addresses) are one machine: one collector, named and
 * kinded as the PM.
 */
static int
same_pm(const struct host *h, const char *name, const char *addr, int kind)
{
	if (strcmp(h->addr, addr))
		return 0;
	if (kind == SERIES_PM)
		return h->kind != SERIES_PM && !strcmp(h->name, h->addr);
	return h->kind == SERIES_PM && !strcmp(name, addr);
}

/* Adds a host, or merges it with the one of the same name (or the PM at
 * that address). */
void
hosts_add(struct hosts *hs, const char *name, const char *addr, int kind,
    int app, const char *where)
{
	struct host *h;
	size_t i;

	if (!name_ok(name))
		die(EXIT_USAGE, "%s: \"%s\" is not a host name", where, name);
	if (!addr_ok(addr))
		die(EXIT_USAGE, "%s: \"%s\" is not a host address", where, addr);
	for (i = 0; i < hs->n; i++) {
		h = &hs->v[i];
		if (strcmp(h->name, name) && !same_pm(h, name, addr, kind))
			continue;
		if (strcmp(h->addr, addr))
			die(EXIT_USAGE, "%s: host %s has two addresses, %s and %s",
			    where, name, h->addr, addr);
		if (kind == SERIES_PM && h->kind != SERIES_PM)
			host_set(&h->name, name);
		if (kind == SERIES_PM)
			h->kind = SERIES_PM;
		h->app |= app;
		return;
	}
	hs->v = xreallocarray(hs->v, hs->n + 1, sizeof *hs->v);
	h = &hs->v[hs->n++];
	memset(h, 0, sizeof *h);
	h->name = xstrdup(name);
	h->addr = xstrdup(addr);
	h->kind = kind;
	h->app = app;
}

/* "host" or "host:kind" (kind vm or pm), default kind dflt. */
void
hosts_add_spec(struct hosts *hs, const char *spec, int dflt, int app,
    const char *where)
{
	char *s = xstrdup(spec), *colon = strchr(s, ':');
	int kind = dflt;

	if (colon) {
		*colon = '\0';
		if ((kind = series_kind(colon + 1)) < 0)
			die(EXIT_USAGE, "%s: kind \"%s\" of %s is not vm or pm", where,
			    colon + 1, s);
	}
	hosts_add(hs, s, s, kind, app, where);
	free(s);
}

void
hosts_nodefile(struct hosts *hs, const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *s;
	size_t cap = 0, len;
	unsigned long lineno = 0;
	struct buf w = { 0 };
	int rc;

	if (!fp)
		die(EXIT_USAGE, "%s:", path);
	while ((rc = line_read(fp, &line, &cap, &len)) > 0 || rc == LINE_NUL) {
		lineno++;
		if (rc == LINE_NUL)
			die(EXIT_USAGE, "%s:%lu: NUL byte in line", path, lineno);
		s = line_strip(line);
		if (!*s)
			continue;
		buf_reset(&w);
		buf_addf(&w, "%s:%lu", path, lineno);
		hosts_add(hs, s, s, SERIES_VM, 1, w.s);
	}
	if (rc < 0)
		die(EXIT_USAGE, "%s: read error", path);
	buf_free(&w);
	free(line);
	fclose(fp);
}

/* VM rows: vm (addr if given) runs the application, node is its PM. */
void
hosts_tsv(struct hosts *hs, const char *path, const struct conf *conf)
{
	FILE *fp = operand_open(path);
	const char *name = operand_name(path);
	struct tsv_reader r;
	struct buf w = { 0 };
	int cvm, caddr, cnode, rc;

	if (tsv_open(&r, fp, name) < 0)
		tsv_die(&r);
	cvm = tsv_col(&r, "vm");
	caddr = tsv_col(&r, "addr");
	cnode = tsv_need(&r, "node");
	while ((rc = tsv_next(&r)) > 0) {
		const char *vm = cvm >= 0 ? r.fields[cvm] : "";
		const char *addr = caddr >= 0 && *r.fields[caddr] ?
		    r.fields[caddr] : vm;

		buf_reset(&w);
		buf_addf(&w, "%s:%lu", name, r.lineno);
		if (*vm)
			hosts_add(hs, vm, addr, SERIES_VM, 1, w.s);
		hosts_add(hs, r.fields[cnode], conf_node_addr(conf,
		    r.fields[cnode]), SERIES_PM, !*vm, w.s);
	}
	if (rc < 0)
		tsv_die(&r);
	buf_free(&w);
	tsv_close(&r);
	operand_close(fp);
}

void
host_free(struct host *h)
{
	free(h->name);
	free(h->addr);
	free(h->state);
	free(h->pid);
	free(h->dir);
	free(h->reason);
}

void
hosts_free(struct hosts *hs)
{
	FREE_EACH(hs->v, hs->n, host_free);
}

static const char *const state_cols[] = { "host", "addr", "kind", "state",
    "pid", "dir", "reason" };

void
state_write(const char *mondir, const struct hosts *hs, int redoable)
{
	struct buf b = { 0 }, err = { 0 };
	char *path = xasprintf("%s/state", mondir);
	size_t i;

	buf_adds(&b, "host\taddr\tkind\tstate\tpid\tdir\treason\n");
	for (i = 0; i < hs->n; i++) {
		const struct host *h = &hs->v[i];

		tsv_escape(&b, h->name);
		buf_addf(&b, "\t%s\t%s\t", h->addr, series_kind_name(h->kind));
		tsv_escape(&b, h->state ? h->state : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->pid ? h->pid : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->dir ? h->dir : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->reason ? h->reason : "");
		buf_addc(&b, '\n');
	}
	if ((redoable ? atomic_write_redoable : atomic_write)(path, b.s, b.len,
	    0666, &err) < 0)
		die(EXIT_FAIL, "%s", err.s);
	buf_free(&b);
	buf_free(&err);
	free(path);
}

void
state_read(const char *mondir, struct hosts *hs)
{
	char *path = xasprintf("%s/state", mondir);
	FILE *fp = fopen(path, "r");
	struct tsv_reader r;
	struct buf w = { 0 };
	int col[7], rc, kind;
	size_t i;

	if (!fp)
		die(errno == ENOENT ? EXIT_USAGE : EXIT_FAIL, "%s: %s%s", path,
		    strerror(errno), errno == ENOENT ?
		    " (was vsp-mon start run with this -d?)" : "");
	if (tsv_open(&r, fp, path) < 0)
		tsv_die(&r);
	for (i = 0; i < 7; i++)
		col[i] = tsv_need(&r, state_cols[i]);
	while ((rc = tsv_next(&r)) > 0) {
		struct host *h;

		buf_reset(&w);
		buf_addf(&w, "%s:%lu", path, r.lineno);
		if ((kind = series_kind(r.fields[col[2]])) < 0)
			tsv_die_field(&r, col[2], "is not vm or pm");
		hosts_add(hs, r.fields[col[0]], r.fields[col[1]], kind, 0, w.s);
		h = &hs->v[hs->n - 1];
		host_set(&h->state, r.fields[col[3]]);
		host_set(&h->pid, r.fields[col[4]]);
		host_set(&h->dir, r.fields[col[5]]);
		host_set(&h->reason, r.fields[col[6]]);
	}
	if (rc < 0)
		tsv_die(&r);
	buf_free(&w);
	tsv_close(&r);
	fclose(fp);
	free(path);
}

/* The first line of s, at most MAX_REASON bytes, blanks trimmed. */
static char *
first_line(const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strcspn(s, "\n");
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n > MAX_REASON ? MAX_REASON : n);
}

/* Marks the host failed with the first line of the reason. */
void
host_fail(struct host *h, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	host_set(&h->state, "failed");
	free(h->reason);
	h->reason = first_line(msg);
	free(msg);
}

