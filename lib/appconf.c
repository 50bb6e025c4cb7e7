#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appconf.h"
#include "err.h"
#include "name.h"
#include "num.h"

/* Our key, the original's spelling (or NULL), and where the value goes. */
struct key {
	const char *section, *key, *old;
	size_t off, where;
};

#define F(m) offsetof(struct appconf, m)
static const struct key keys[] = {
	{ "Application", "executable", "app.executable", F(executable), F(where_executable) },
	{ "Application", "args", "app.args", F(args), F(where_args) },
	{ "Application", "workdir", "app.home", F(workdir), 0 },
	{ "Execution", "launcher", NULL, F(launcher), 0 },
	{ "Execution", "launcher_args", NULL, F(launcher_args), F(where_launcher_args) },
	{ "Execution", "walltime", "exec.walltime", 0, 0 },
	{ "Execution", "outputs", NULL, F(outputs), F(where_outputs) },
	{ "Execution", "exec.otheroutput", NULL, F(other_output), F(where_other_output) },
	{ "Execution", "exec.outputrename", NULL, F(output_rename), 0 },
	{ "Execution", "exec.manager", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
#undef F

long
appconf_walltime(const char *s)
{
	long part[3], v, total = 0;
	int n = 0, i;
	const char *p = s, *c;
	char tmp[32];

	for (;;) {
		c = strchr(p, ':');
		size_t len = c ? (size_t)(c - p) : strlen(p);

		if (n == 3 || len == 0 || len >= sizeof tmp)
			return -1;
		memcpy(tmp, p, len);
		tmp[len] = '\0';
		if (tmp[0] < '0' || tmp[0] > '9' ||
		    num_long(tmp, 0, 100000000L, &v) < 0)
			return -1;
		part[n++] = v;
		if (!c)
			break;
		p = c + 1;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && part[i] > 59)
			return -1;
		total = total * 60 + part[i];
	}
	return total > 0 ? total : -1;
}

/* Removes an inline comment (blank then # or ;, outside quotes). */
static char *
strip_comment(const char *v)
{
	char *s = xstrdup(v), *p, q = 0;

	for (p = s; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			else if (q == '"' && *p == '\\' && p[1])
				p++;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if ((*p == '#' || *p == ';') &&
		    (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		*--p = '\0';
	return s;
}

static const struct ini_entry *
lookup(const struct appconf *a, const struct key *k)
{
	const struct ini_entry *e = ini_find(&a->ini, k->section, k->key);
	const struct ini_entry *o = k->old ?
	    ini_find(&a->ini, k->section, k->old) : NULL;

	if (e && o)
		die(EXIT_USAGE, "%s:%lu: \"%s\" and \"%s\" (line %lu) both set",
		    a->ini.path, o->line, k->old, k->key, e->line);
	return e ? e : o;
}

static void
check_keys(const struct appconf *a)
{
	size_t i;
	const struct key *k;
	const struct ini_entry *e;

	for (i = 0; i < a->ini.n; i++) {
		e = &a->ini.v[i];
		if (!strcmp(e->section, "Metrics") ||
		    !strcmp(e->section, "Consolidate"))
			continue;	/* vsp-collect's */
		if (strcmp(e->section, "Application") &&
		    strcmp(e->section, "Execution"))
			die(EXIT_USAGE, "%s:%lu: \"%s\" is %s (sections: Application, "
			    "Execution, Metrics)", a->ini.path, e->line, e->key,
			    *e->section ? "in an unknown section" :
			    "outside any section");
		for (k = keys; k->key; k++)
			if (!strcmp(k->section, e->section) &&
			    (!strcmp(k->key, e->key) ||
			    (k->old && !strcmp(k->old, e->key))))
				break;
		if (!k->key)
			die(EXIT_USAGE, "%s:%lu: unknown key \"%s\" in [%s]",
			    a->ini.path, e->line, e->key, e->section);
	}
}

/* Reads and checks it; 0 if it does not exist and may not. */
static int
read_file(struct appconf *a, const char *confdir, const char *app,
    int optional)
{
	char err[1024], *path;
	int rc;

	memset(a, 0, sizeof *a);
	if (!name_ok(app))
		die(EXIT_USAGE, "application name \"%s\" is not a folder name", app);
	a->dir = xasprintf("%s/apps/%s", confdir, app);
	path = xasprintf("%s/application.config", a->dir);
	rc = ini_read(&a->ini, path, err, sizeof err);
	if (rc == -1 && optional && errno == ENOENT) {
		free(path);
		free(a->dir);
		a->dir = NULL;
		return 0;
	}
	if (rc == -1)
		die(EXIT_USAGE, "%s:", path);
	if (rc == -2)
		die(EXIT_USAGE, "%s", err);
	free(path);
	a->app = xstrdup(app);
	check_keys(a);
	return 1;
}

void
appconf_read(struct appconf *a, const char *confdir, const char *app)
{
	read_file(a, confdir, app, 0);
}

int
appconf_read_opt(struct appconf *a, const char *confdir, const char *app)
{
	return read_file(a, confdir, app, 1);
}

void
appconf_load(struct appconf *a, const char *confdir, const char *app)
{
	char *wall = NULL, *v;
	const struct ini_entry *e;
	const struct key *k;

	appconf_read(a, confdir, app);
	for (k = keys; k->key; k++) {
		e = lookup(a, k);
		v = strip_comment(e ? e->value : "");
		if (!strcmp(k->key, "walltime")) {
			if (!e)
				die(EXIT_USAGE, "%s: missing \"walltime\" in [Execution]",
				    a->ini.path);
			if ((a->walltime = appconf_walltime(v)) < 0)
				die(EXIT_USAGE, "%s:%lu: walltime \"%s\" is not "
				    "[[hours:]minutes:]seconds", a->ini.path, e->line, v);
			wall = v;
			continue;
		}
		if (!k->off) {
			free(v);
			continue;
		}
		*(char **)((char *)a + k->off) = v;
		if (k->where)
			*(char **)((char *)a + k->where) = e ?
			    xasprintf("%s:%lu", a->ini.path, e->line) : xstrdup("");
	}
	free(wall);
	if (!*a->executable)
		die(EXIT_USAGE, "%s: missing \"executable\" in [Application]",
		    a->ini.path);
	if (*a->output_rename && !*a->other_output)
		die(EXIT_USAGE, "%s: exec.outputrename without exec.otheroutput",
		    a->ini.path);
	if (*a->output_rename && (strchr(a->output_rename, '/') ||
	    !name_ok(a->output_rename)))
		die(EXIT_USAGE, "%s: exec.outputrename \"%s\" is not a file name",
		    a->ini.path, a->output_rename);
	if (*a->workdir && a->workdir[0] != '/') {
		v = xasprintf("%s/%s", a->dir, a->workdir);
		free(a->workdir);
		a->workdir = v;
	}
}

void
appconf_free(struct appconf *a)
{
	free(a->app);
	free(a->dir);
	ini_free(&a->ini);
	free(a->executable);
	free(a->args);
	free(a->workdir);
	free(a->launcher);
	free(a->launcher_args);
	free(a->outputs);
	free(a->other_output);
	free(a->output_rename);
	free(a->where_args);
	free(a->where_launcher_args);
	free(a->where_outputs);
	free(a->where_executable);
	free(a->where_other_output);
	memset(a, 0, sizeof *a);
}
