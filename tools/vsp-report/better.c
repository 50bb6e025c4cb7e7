#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "appconf.h"
#include "better.h"
#include "err.h"
#include "name.h"
#include "strv.h"

static void
load_app(struct better *b, const char *confdir, const char *app)
{
	struct appconf a;
	const char *path;
	size_t i;

	if (!appconf_read_opt(&a, confdir, app))
		return;	/* an application we cannot see: the defaults */
	path = a.ini.path;
	for (i = 0; i < a.ini.n; i++) {
		const struct ini_entry *e = &a.ini.v[i];

		if (strcmp(e->section, "Metrics") || strncmp(e->key, "better.", 7))
			continue;
		if (!e->key[7])
			die(EXIT_USAGE, "%s:%lu: \"better.\" names no metric", path,
			    e->line);
		if (!strcmp(e->value, "lower"))
			continue;
		if (strcmp(e->value, "higher"))
			die(EXIT_USAGE, "%s:%lu: %s \"%s\" is not lower or higher",
			    path, e->line, e->key, e->value);
		b->app = xreallocarray(b->app, b->n + 1, sizeof *b->app);
		b->metric = xreallocarray(b->metric, b->n + 1, sizeof *b->metric);
		b->app[b->n] = xstrdup(app);
		b->metric[b->n++] = xstrdup(e->key + 7);
	}
	appconf_free(&a);
}

void
better_load(struct better *b, const struct report *r, const char *confdir)
{
	char **seen = NULL;
	const char *app;
	size_t nseen = 0, i;

	memset(b, 0, sizeof *b);
	for (i = 0; i < r->nexps; i++) {
		app = x_param(r->exps[i].x[0], r, "app");
		if (!name_ok(app) || strv_index(seen, nseen, app) >= 0)
			continue;
		seen = xreallocarray(seen, nseen + 1, sizeof *seen);
		seen[nseen++] = (char *)app;
		load_app(b, confdir, app);
	}
	free(seen);
}

int
better_higher(const struct better *b, const char *app, const char *metric)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (!strcmp(b->app[i], app) && !strcmp(b->metric[i], metric))
			return 1;
	return 0;
}

void
better_free(struct better *b)
{
	strv_free(b->app, b->n);
	strv_free(b->metric, b->n);
	memset(b, 0, sizeof *b);
}
