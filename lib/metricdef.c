#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appconf.h"
#include "err.h"
#include "ini.h"
#include "metricdef.h"
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
	strv_free(p->argv, STRV_NULL);
	free(p->where);
	free(p->app);
}
