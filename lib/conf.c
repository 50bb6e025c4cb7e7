#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "line.h"
#include "name.h"
#include "num.h"
#include "strv.h"

#ifndef VSP_SHAREDIR
#define VSP_SHAREDIR "/usr/local/share/vsp"
#endif

const char *
conf_dir(const char *opt)
{
	const char *env = getenv("VSP_CONF");

	if (opt && *opt)
		return opt;
	return env && *env ? env : "/etc/vsp";
}

/* A tool run from the build tree (bin/vsp-x) uses the tree's share/vsp. */
static char *
build_tree_sharedir(void)
{
	char *exe = realpath("/proc/self/exe", NULL);
	char *slash, *dir = NULL;

	if (exe && (slash = strrchr(exe, '/'))) {
		*slash = '\0';
		dir = xasprintf("%s/../share/vsp/domain.xml", exe);
		if (access(dir, F_OK) == 0)
			dir[strlen(dir) - strlen("/domain.xml")] = '\0';
		else {
			free(dir);
			dir = NULL;
		}
	}
	free(exe);
	return dir;
}

const char *
conf_sharedir(void)
{
	static char *found;
	const char *env = getenv("VSP_SHARE");

	if (env && *env)
		return env;
	if (!found)
		found = build_tree_sharedir();
	return found ? found : VSP_SHAREDIR;
}

static void
read_ini(struct ini *ini, const char *path, int optional)
{
	char err[1024];
	int rc = ini_read(ini, path, err, sizeof err);

	if (rc == -1 && optional && errno == ENOENT)
		return;
	if (rc == -1)
		die(EXIT_USAGE, "%s:", path);
	if (rc == -2)
		die(EXIT_USAGE, "%s", err);
}

static long
hw_long(const struct ini *ini, const char *key, long min, long max)
{
	const struct ini_entry *e = ini_find(ini, "Hardware", key);
	long v;
	int rc;

	if (!e)
		die(EXIT_USAGE, "%s: missing \"%s\" in [Hardware]", ini->path, key);
	if ((rc = num_long(e->value, min, max, &v)) < 0)
		die(EXIT_USAGE, "%s:%lu: %s \"%s\" %s (%ld to %ld)", ini->path,
		    e->line, key, e->value, num_reason(rc), min, max);
	return v;
}

/* An optional ib_* key: 0 to max, read with strtol's base 0 (0x03 as the
 * original), or -1 when absent. */
static long
hw_ib(const struct ini *ini, const char *key, long max)
{
	const struct ini_entry *e = ini_find(ini, "Hardware", key);
	char *end;
	long val;

	if (!e)
		return -1;
	errno = 0;
	val = strtol(e->value, &end, 0);
	if (!*e->value || *end || errno || val < 0 || val > max)
		die(EXIT_USAGE, "%s:%lu: %s \"%s\" is not a number 0 to %ld",
		    ini->path, e->line, key, e->value, max);
	return val;
}

static void
load_hw(struct conf *c)
{
	static const char *known[] = { "cores", "sockets", "mem", "ib_bus",
	    "ib_slot_start", "ib_device_start", "ib_vfs", NULL };
	struct ini ini;
	char *path = xasprintf("%s/hardware.params", c->dir);
	size_t i, k;

	read_ini(&ini, path, 0);
	for (i = 0; i < ini.n; i++) {
		if (strcmp(ini.v[i].section, "Hardware"))
			die(EXIT_USAGE, "%s:%lu: \"%s\" is outside the [Hardware] section",
			    path, ini.v[i].line, ini.v[i].key);
		for (k = 0; known[k] && strcmp(known[k], ini.v[i].key); k++)
			;
		if (!known[k])
			die(EXIT_USAGE, "%s:%lu: unknown key \"%s\"", path,
			    ini.v[i].line, ini.v[i].key);
	}
	c->hw.cores = hw_long(&ini, "cores", 1, CORES_MAX);
	c->hw.sockets = hw_long(&ini, "sockets", 1, 1024);
	c->hw.mem = hw_long(&ini, "mem", 1, 1L << 30);
	c->hw.ib_bus = hw_ib(&ini, "ib_bus", 255);
	c->hw.ib_slot_start = hw_ib(&ini, "ib_slot_start", 31);
	c->hw.ib_device_start = hw_ib(&ini, "ib_device_start", 255);
	c->hw.ib_vfs = hw_ib(&ini, "ib_vfs", 65535);
	if (c->hw.cores % c->hw.sockets)
		die(EXIT_USAGE, "%s:%lu: sockets %ld does not divide cores %ld",
		    path, ini_find(&ini, "Hardware", "sockets")->line,
		    c->hw.sockets, c->hw.cores);
	ini_free(&ini);
	free(path);
}

struct node_line {
	const char *key;	/* a node's name or address */
	size_t i;
	unsigned long line;
};

static int
cmp_node_line(const void *a, const void *b)
{
	const struct node_line *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* The first line that repeats a key (keys[i] NULL: none), or NULL; *first
 * is the node it repeats. A sort, so 100k nodes stay fast. */
static const struct node_line *
first_repeat(char **keys, size_t n, const unsigned long *lines,
    struct node_line *v, size_t *first)
{
	const struct node_line *dup = NULL;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (keys[i])
			v[m++] = (struct node_line){ keys[i], i, lines[i] };
	if (m > 1)
		qsort(v, m, sizeof *v, cmp_node_line);
	for (i = 1; i < m; i++)
		if (!strcmp(v[i].key, v[i - 1].key) &&
		    (!dup || v[i].line < dup->line)) {
			dup = &v[i];
			*first = v[i - 1].i;
		}
	return dup;
}

/* A node listed twice, or two nodes at one address. Frees lines. */
static void
check_twice(const struct conf *c, unsigned long *lines, const char *path)
{
	struct node_line *v = xcalloc(c->nnodes, sizeof *v);
	char **addr = xcalloc(c->nnodes, sizeof *addr);
	const struct node_line *dup;
	char *why = NULL;
	size_t first = 0, i;

	if ((dup = first_repeat(c->nodes, c->nnodes, lines, v, &first)))
		why = xasprintf("%s:%lu: node \"%s\" is listed twice", path,
		    dup->line, dup->key);
	for (i = 0; i < c->nnodes; i++)	/* where each is reached */
		addr[i] = c->addrs[i] ? c->addrs[i] : c->nodes[i];
	if (!why && (dup = first_repeat(addr, c->nnodes, lines, v, &first)))
		why = xasprintf("%s:%lu: %s and %s have one address, %s", path,
		    dup->line, c->nodes[first], c->nodes[dup->i], dup->key);
	/* freed before dying: the leak check runs at exit (make check) */
	free(addr);
	free(v);
	free(lines);
	if (why)
		die(EXIT_USAGE, "%s", why);
}

/* "name" or "name address"; blanks around and between. */
static void
load_nodes(struct conf *c)
{
	char *path = xasprintf("%s/vsp.nodes", c->dir);
	char *line = NULL, *s, *e, *a;
	size_t linecap = 0, cap = 0, len;
	unsigned long lineno = 0, *lines = NULL;
	FILE *fp;
	int rc;

	if (!(fp = fopen(path, "r")))
		die(EXIT_USAGE, "%s:", path);
	while ((rc = line_read(fp, &line, &linecap, &len)) > 0 ||
	    rc == LINE_NUL) {
		lineno++;
		if (rc == LINE_NUL) {
			free(lines);
			die(EXIT_USAGE, "%s:%lu: NUL byte in line", path, lineno);
		}
		for (s = line; isspace((unsigned char)*s); s++)
			;
		e = s + strlen(s);
		while (e > s && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (!*s || *s == '#')
			continue;
		a = s + strcspn(s, " \t");
		if (*a) {
			*a++ = '\0';
			a += strspn(a, " \t");
			if (a[strcspn(a, " \t")])
				die(EXIT_USAGE, "%s:%lu: \"%.80s %.80s\" is more than a "
				    "host name and an address", path, lineno, s, a);
		}
		if (!name_ok(s)) {
			free(lines);
			die(EXIT_USAGE, "%s:%lu: \"%.80s%s\" is not a host name",
			    path, lineno, s, strlen(s) > 80 ? "..." : "");
		}
		if (*a && !addr_ok(a))
			die(EXIT_USAGE, "%s:%lu: address \"%.80s\" of %s is not a "
			    "host name or an IP address", path, lineno, a, s);
		if (c->nnodes == cap) {	/* doubling: 100k nodes stay fast */
			cap = cap ? 2 * cap : 16;
			c->nodes = xreallocarray(c->nodes, cap, sizeof *c->nodes);
			c->addrs = xreallocarray(c->addrs, cap, sizeof *c->addrs);
			lines = xreallocarray(lines, cap, sizeof *lines);
		}
		lines[c->nnodes] = lineno;
		c->addrs[c->nnodes] = *a ? xstrdup(a) : NULL;
		c->nodes[c->nnodes++] = xstrdup(s);
	}
	if (rc < 0)
		die(EXIT_USAGE, "%s: read error", path);
	fclose(fp);
	free(line);
	if (!c->nnodes)
		die(EXIT_USAGE, "%s: no nodes listed", path);
	check_twice(c, lines, path);
	free(path);
}

const char *
conf_node_addr(const struct conf *c, const char *node)
{
	size_t i;

	for (i = 0; i < c->nnodes; i++)
		if (!strcmp(c->nodes[i], node))
			return c->addrs[i] ? c->addrs[i] : c->nodes[i];
	return node;
}

static const struct param_def *
param_def(const char *key)
{
	const struct param_def *d;

	for (d = param_defs; d->key; d++)
		if (!strcmp(d->key, key))
			return d;
	return NULL;
}

int
conf_known(const char *key)
{
	return param_def(key) != NULL;
}

static void
load_params(struct conf *c)
{
	char *path = xasprintf("%s/vsp.params", c->dir);
	size_t i;

	read_ini(&c->params, path, 1);
	for (i = 0; i < c->params.n; i++)
		if (!param_def(c->params.v[i].key))
			die(EXIT_USAGE, "%s:%lu: unknown setting \"%s\"", path,
			    c->params.v[i].line, c->params.v[i].key);
	free(path);
}

void
conf_load(struct conf *c, const char *dir)
{
	memset(c, 0, sizeof *c);
	c->dir = xstrdup(dir);
	load_hw(c);
	load_nodes(c);
	load_params(c);
}

void
conf_free(struct conf *c)
{
	strv_free(c->nodes, c->nnodes);
	strv_free(c->addrs, c->nnodes);
	ini_free(&c->params);
	free(c->dir);
	memset(c, 0, sizeof *c);
}

const char *
conf_get(const struct conf *c, const char *key)
{
	const struct ini_entry *e = ini_find(&c->params, NULL, key);
	const struct param_def *d;

	if (e)
		return e->value;
	if (!(d = param_def(key)))
		die(EXIT_FAIL, "internal error: no setting \"%s\"", key);
	return d->def;
}

const char *
conf_where(const struct conf *c, const char *key)
{
	static char where[1024];
	const struct ini_entry *e = ini_find(&c->params, NULL, key);

	if (!e)
		return "vsp.params default";
	snprintf(where, sizeof where, "%s:%lu", c->params.path, e->line);
	return where;
}

long
conf_long(const struct conf *c, const char *key, long min, long max)
{
	const char *s = conf_get(c, key);
	long v;
	int rc;

	if ((rc = num_long(s, min, max, &v)) < 0)
		die(EXIT_USAGE, "%s: %s \"%s\" %s (%ld to %ld)", conf_where(c, key),
		    key, s, num_reason(rc), min, max);
	return v;
}

int
conf_bool(const struct conf *c, const char *key)
{
	const char *s = conf_get(c, key);

	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0"))
		return 0;
	die(EXIT_USAGE, "%s: %s \"%s\" is not yes or no", conf_where(c, key),
	    key, s);
}

char *
conf_template(const struct conf *c, const char *name)
{
	char *p = xasprintf("%s/%s", c->dir, name);

	if (access(p, F_OK) == 0)
		return p;
	free(p);
	return xasprintf("%s/%s", conf_sharedir(), name);
}
