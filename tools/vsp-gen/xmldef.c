#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "array.h"
#include "err.h"
#include "expid.h"
#include "name.h"
#include "num.h"
#include "operand.h"
#include "tsv.h"
#include "xmldef.h"

#define NUM_MAX (1L << 30)	/* nc, cpv, idf, first: place_invalid says why */

struct ctx {
	const char *path;
	struct buf *err;
	int old;	/* the older <experiments> format */
};

/*
 * Past line 65535 libxml2 gives an element the line where its first child
 * ends; the text before the element ends on the element's own line.
 */
static long
lineno(const xmlNode *n)
{
	if (n->line == 65535 && n->prev && n->prev->type == XML_TEXT_NODE)
		return xmlGetLineNo(n->prev);
	return xmlGetLineNo(n);
}

static int
fail(const struct ctx *c, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(const struct ctx *c, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	buf_reset(c->err);
	if (n)
		buf_addf(c->err, "%s:%ld: %s", c->path, lineno(n), msg);
	else
		buf_addf(c->err, "%s: %s", c->path, msg);
	free(msg);
	return -1;
}

static const char *
ename(const xmlNode *n)
{
	return (const char *)n->name;
}

/* Next element sibling from n on (n itself if it is one), or NULL. */
static xmlNode *
elem(xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* Rejects attributes outside the NULL-terminated list. */
static int
check_attrs(const struct ctx *c, const xmlNode *n, const char *const *known)
{
	const xmlAttr *a;
	size_t i;

	for (a = n->properties; a; a = a->next) {
		for (i = 0; known[i] && strcmp(known[i], (const char *)a->name); i++)
			;
		if (!known[i])
			return fail(c, n, "unknown attribute \"%s\" of <%s>",
			    (const char *)a->name, ename(n));
	}
	return 0;
}

/* The children of n by name, each at most once; others are errors. */
static int
children(const struct ctx *c, xmlNode *n, const char *const *names,
    xmlNode **found)
{
	xmlNode *ch;
	size_t i;

	for (i = 0; names[i]; i++)
		found[i] = NULL;
	for (ch = elem(n->children); ch; ch = elem(ch->next)) {
		for (i = 0; names[i] && strcmp(names[i], ename(ch)); i++)
			;
		if (!names[i])
			return fail(c, ch, "unknown element <%s> in <%s>", ename(ch),
			    ename(n));
		if (found[i])
			return fail(c, ch, "<%s> holds a second <%s> (first on "
			    "line %ld)", ename(n), ename(ch), lineno(found[i]));
		found[i] = ch;
	}
	return 0;
}

/* A copy of s without the XML blanks around it. */
static char *
stripped(const char *s)
{
	const char *e;

	s += strspn(s, " \t\r\n");
	for (e = s + strlen(s); e > s && strchr(" \t\r\n", e[-1]); e--)
		;
	return xstrndup(s, (size_t)(e - s));
}

/* A copy of an attribute's value, or NULL if absent. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int
need_attr(const struct ctx *c, const xmlNode *n, const char *name, char **out)
{
	if (!(*out = attr(n, name)))
		return fail(c, n, "<%s> has no \"%s\" attribute", ename(n), name);
	return 0;
}

static int
attr_long(const struct ctx *c, const xmlNode *n, const char *name, int need,
    long min, long max, long *out)
{
	char *s = attr(n, name), *t;
	int rc;

	if (!s)
		return need ? fail(c, n, "<%s> has no \"%s\" attribute", ename(n),
		    name) : 0;
	t = stripped(s);	/* blanks around it, as the original's int() allowed */
	rc = num_long(t, min, max, out);
	free(t);
	if (rc == -2)
		fail(c, n, "%s \"%s\" of <%s> is out of range (%ld to %ld)", name,
		    s, ename(n), min, max);
	else if (rc < 0)
		fail(c, n, "%s \"%s\" of <%s> is not an integer", name, s,
		    ename(n));
	free(s);
	return rc < 0 ? -1 : 0;
}

/* The text of an element with blanks around it removed. */
static char *
text(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *t = stripped(v ? (const char *)v : "");

	xmlFree(v);
	return t;
}

/* s must be one of the words of list (space-separated). */
static int
one_of(const struct ctx *c, const xmlNode *n, const char *what, const char *s,
    const char *list)
{
	const char *p = list;
	size_t len = strlen(s);

	while (*p) {
		size_t w = strcspn(p, " ");

		if (w == len && len && !strncmp(p, s, w))
			return 0;
		p += w + (p[w] == ' ');
	}
	return fail(c, n, "%s \"%s\" is not one of %s", what, s, list);
}

/* True/False (any case) as yes/no; the original took anything else as False. */
static int
boolean(const struct ctx *c, const xmlNode *n, const char *what, char *s,
    char **out)
{
	if (!strcasecmp(s, "true"))
		*out = xstrdup("yes");
	else if (!strcasecmp(s, "false"))
		*out = xstrdup("no");
	else
		fail(c, n, "%s \"%s\" is not True or False", what, s);
	free(s);
	return *out ? 0 : -1;
}

static const char procpins[] = "slot hwthread core l1cache l2cache l3cache "
    "socket numa board none";

/* The older format's values: True or BIND_CORE bound to cores, False or
 * NONE did not bind, BIND_SOCKET bound to sockets. */
static void
old_procpin(char **pp)
{
	static const char *const map[][2] = { { "True", "core" },
	    { "BIND_CORE", "core" }, { "False", "none" }, { "NONE", "none" },
	    { "BIND_SOCKET", "socket" } };
	size_t i;

	for (i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(*pp, map[i][0])) {
			free(*pp);
			*pp = xstrdup(map[i][1]);
			return;
		}
}

static int
parse_app(const struct ctx *c, xmlNode *n, struct xmlexp *x)
{
	static const char *const attrs[] = { "name", "runs", NULL };
	static const char *const kids[] = { "args", "tuning", NULL };
	static const char *const tkids[] = { "procpin", "knem", NULL };
	static const char *const none[] = { NULL };
	xmlNode *k[2], *t[2];

	if (check_attrs(c, n, attrs) < 0 || children(c, n, kids, k) < 0 ||
	    need_attr(c, n, "name", &x->app) < 0 ||
	    attr_long(c, n, "runs", 1, 1, RUNS_MAX, &x->runs) < 0)
		return -1;
	if (!name_ok(x->app))
		return fail(c, n, "app \"%s\" is not a plain name ([A-Za-z0-9._-])",
		    x->app);
	if (k[0] && (check_attrs(c, k[0], none) < 0))
		return -1;
	x->col[XC_ARGS] = k[0] ? text(k[0]) : xstrdup("");
	if (!k[1])
		return 0;
	if (check_attrs(c, k[1], none) < 0 || children(c, k[1], tkids, t) < 0)
		return -1;
	if (!t[0])
		return fail(c, k[1], "<tuning> of <app> has no <procpin>");
	if (check_attrs(c, t[0], none) < 0)
		return -1;
	x->col[XC_PROCPIN] = text(t[0]);
	if (c->old)
		old_procpin(&x->col[XC_PROCPIN]);
	if (one_of(c, t[0], "procpin", x->col[XC_PROCPIN], procpins) < 0)
		return -1;
	if (t[1] && (check_attrs(c, t[1], none) < 0 ||
	    boolean(c, t[1], "knem", text(t[1]), &x->col[XC_KNEM]) < 0))
		return -1;
	return 0;
}

static int
parse_technology(const struct ctx *c, xmlNode *n, struct xmlexp *x)
{
	static const char *const attrs[] = { "network", "disk", "infiniband",
	    NULL };
	char *ib;

	if (check_attrs(c, n, attrs) < 0)
		return -1;
	if ((x->col[XC_NETWORK] = attr(n, "network")) &&
	    one_of(c, n, "network", x->col[XC_NETWORK],
	    "virtio vhost sr-iov") < 0)
		return -1;
	if ((x->col[XC_DISK] = attr(n, "disk")) &&
	    one_of(c, n, "disk", x->col[XC_DISK], "ide scsi virtio") < 0)
		return -1;
	if ((ib = attr(n, "infiniband")) &&
	    boolean(c, n, "infiniband", ib, &x->col[XC_INFINIBAND]) < 0)
		return -1;
	return 0;
}

static int
parse_mapping(const struct ctx *c, xmlNode *n, int physical, struct xmlexp *x)
{
	static const char *const attrs[] = { "idf", "pstrat", "firstNodeIndex",
	    NULL };
	char *ps;
	int p;

	if (check_attrs(c, n, attrs) < 0 ||
	    attr_long(c, n, "firstNodeIndex", 0, -NUM_MAX, NUM_MAX,
	    &x->rq.first) < 0)
		return -1;
	if (physical) {
		if (xmlHasProp(n, (const xmlChar *)"idf") ||
		    xmlHasProp(n, (const xmlChar *)"pstrat"))
			warnx("%s:%ld: idf and pstrat of <mapping> are ignored: "
			    "virtual=\"False\" is the physical cluster (idf -1, "
			    "pstrat NONE)", c->path, lineno(n));
		return 0;
	}
	if (attr_long(c, n, "idf", 1, -NUM_MAX, NUM_MAX, &x->rq.idf) < 0 ||
	    need_attr(c, n, "pstrat", &ps) < 0)
		return -1;
	p = pstrat_parse(ps);
	if (p < 0)
		fail(c, n, "unknown pstrat \"%s\" (NONE, GREEDY, BAL_ONE, BAL_SET, "
		    "SPLIT)", ps);
	free(ps);
	x->rq.ps = p < 0 ? PS_NONE : (enum pstrat)p;
	return p < 0 ? -1 : 0;
}

/* A <cluster>; the older format's holds the <app> too (*app, else NULL). */
static int
parse_cluster(const struct ctx *c, xmlNode *n, struct xmlexp *x, xmlNode **app)
{
	static const char *const attrs[] = { "virtual", NULL };
	static const char *const topo[] = { "nc", "cpv", NULL };
	static const char *const kids[] = { "topology", "mapping", "technology",
	    "tuning", NULL, NULL };
	static const char *const oldkids[] = { "topology", "mapping",
	    "technology", "tuning", "app", NULL };
	xmlNode *k[5];
	char *virt;
	int physical = 0;

	if (check_attrs(c, n, attrs) < 0 ||
	    children(c, n, app ? oldkids : kids, k) < 0)
		return -1;
	if (app)
		*app = k[4];
	if ((virt = attr(n, "virtual"))) {
		physical = !strcasecmp(virt, "false");
		if (!physical && strcasecmp(virt, "true")) {
			fail(c, n, "virtual \"%s\" is not True or False", virt);
			free(virt);
			return -1;
		}
		free(virt);
	}
	if (!k[0])
		return fail(c, n, "<cluster> has no <topology>");
	if (check_attrs(c, k[0], topo) < 0 ||
	    attr_long(c, k[0], "nc", 1, -NUM_MAX, NUM_MAX, &x->rq.nc) < 0 ||
	    attr_long(c, k[0], "cpv", 1, -NUM_MAX, NUM_MAX, &x->rq.cpv) < 0)
		return -1;
	if (!k[1] && !physical)
		return fail(c, n, "<cluster> has no <mapping> (needed unless "
		    "virtual=\"False\")");
	x->rq.idf = -1;
	x->rq.ps = PS_NONE;
	if (k[1] && parse_mapping(c, k[1], physical, x) < 0)
		return -1;
	if (k[2] && parse_technology(c, k[2], x) < 0)
		return -1;
	if (k[3])
		warnx("%s:%ld: <tuning> of <cluster> is ignored, as the original "
		    "did", c->path, lineno(k[3]));
	return 0;
}

static int
parse_experiment(const struct ctx *c, xmlNode *n, struct xmlexp *x)
{
	static const char *const attrs[] = { "name", "trials", NULL };
	static const char *const kids[] = { "cluster", "app", NULL };
	xmlNode *k[2];

	x->line = (unsigned long)lineno(n);
	if (check_attrs(c, n, attrs) < 0 || children(c, n, kids, k) < 0 ||
	    need_attr(c, n, "name", &x->name) < 0 ||
	    attr_long(c, n, "trials", 1, 1, RUNS_MAX, &x->trials) < 0)
		return -1;
	if (!k[0])
		return fail(c, n, "experiment \"%s\" has no <cluster>", x->name);
	if (!k[1])
		return fail(c, n, "experiment \"%s\" has no <app>: vsp needs an "
		    "application to run", x->name);
	if (parse_cluster(c, k[0], x, NULL) < 0 || parse_app(c, k[1], x) < 0)
		return -1;
	return 0;
}

/* The older format: <experiment><clusters><cluster> with the <app> in it. */
static int
parse_old_experiment(const struct ctx *c, xmlNode *n, struct xmlexp *x)
{
	static const char *const attrs[] = { "name", "trials", NULL };
	static const char *const kids[] = { "clusters", NULL };
	static const char *const ckids[] = { "cluster", NULL };
	static const char *const none[] = { NULL };
	xmlNode *cs, *cl, *app;

	x->line = (unsigned long)lineno(n);
	if (check_attrs(c, n, attrs) < 0 || children(c, n, kids, &cs) < 0 ||
	    need_attr(c, n, "name", &x->name) < 0 ||
	    attr_long(c, n, "trials", 1, 1, RUNS_MAX, &x->trials) < 0)
		return -1;
	if (!cs)
		return fail(c, n, "experiment \"%s\" has no <clusters>", x->name);
	if (check_attrs(c, cs, none) < 0 || children(c, cs, ckids, &cl) < 0)
		return -1;
	if (!cl)
		return fail(c, cs, "experiment \"%s\" has no <cluster>", x->name);
	if (parse_cluster(c, cl, x, &app) < 0)
		return -1;
	if (!app)
		return fail(c, cl, "experiment \"%s\" has no <app>: vsp needs an "
		    "application to run", x->name);
	return parse_app(c, app, x);
}

static void
exp_free(struct xmlexp *x)
{
	size_t i;

	free(x->name);
	free(x->app);
	for (i = 0; i < XC_N; i++)
		free(x->col[i]);
}

/*
 * The original's fixed defaults for procpin and knem; "" for the rest,
 * whose defaults come from the configuration (vsp.params, the app).
 */
static void
exp_fill(struct xmlexp *x)
{
	size_t i;

	if (!x->col[XC_PROCPIN])
		x->col[XC_PROCPIN] = xstrdup("none");
	if (!x->col[XC_KNEM])
		x->col[XC_KNEM] = xstrdup("no");
	for (i = 0; i < XC_N; i++)
		if (!x->col[i])
			x->col[i] = xstrdup("");
}

static int
add_experiment(const struct ctx *c, xmlNode *ex, struct xmldef *d, int old)
{
	struct xmlexp *x;

	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	x = &d->v[d->n++];
	memset(x, 0, sizeof *x);
	if ((old ? parse_old_experiment(c, ex, x) : parse_experiment(c, ex, x)) < 0)
		return -1;
	exp_fill(x);
	return 0;
}

/* The <experiment> elements in n (<scenario>, or the older format's
 * <experiments>): how many, or -1. */
static long
add_experiments(const struct ctx *c, xmlNode *n, struct xmldef *d)
{
	static const char *const none[] = { NULL };
	xmlNode *ex;
	long nexp = 0;

	if (check_attrs(c, n, none) < 0)
		return -1;
	for (ex = elem(n->children); ex; ex = elem(ex->next), nexp++) {
		if (strcmp(ename(ex), "experiment"))
			return fail(c, ex, "unknown element <%s> in <%s> (expected "
			    "<experiment>)", ename(ex), ename(n));
		if (add_experiment(c, ex, d, c->old) < 0)
			return -1;
	}
	return nexp;
}

static int
parse_root(const struct ctx *c, xmlNode *root, struct xmldef *d)
{
	xmlNode *sc;
	long nexp;

	if (c->old) {
		if ((nexp = add_experiments(c, root, d)) < 0)
			return -1;
		return nexp ? 0 : fail(c, root, "no <experiment> in <experiments>");
	}
	for (sc = elem(root->children); sc; sc = elem(sc->next)) {
		if (strcmp(ename(sc), "scenario"))
			return fail(c, sc, "unknown element <%s> in <%s> (expected "
			    "<scenario>)", ename(sc), ename(root));
		if ((nexp = add_experiments(c, sc, d)) < 0)
			return -1;
		if (!nexp)
			return fail(c, sc, "<scenario> has no <experiment>");
		if (nexp > 1)
			warnx("%s:%ld: <scenario> holds %ld experiments: the original "
			    "ran only the first, vsp runs all of them, one after "
			    "another", c->path, lineno(sc), nexp);
	}
	if (!d->n)
		return fail(c, root, "no <scenario> in <%s>", ename(root));
	return 0;
}

/* The whole file in memory, so a missing file is reported as such. */
static int
slurp(const struct ctx *c, const char *path, struct buf *b)
{
	FILE *fp = operand_fopen(path);
	char chunk[8192];
	size_t n;
	int bad;

	if (!fp)
		return fail(c, NULL, "%s", strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(b, chunk, n);
	bad = ferror(fp);
	operand_close(fp);
	if (bad)
		return fail(c, NULL, "read error");
	return 0;
}

int
xmldef_read(struct xmldef *d, const char *path, struct buf *err)
{
	struct ctx c = { 0 };
	struct buf text = { 0 };
	xmlParserCtxtPtr pc = NULL;
	xmlDocPtr doc = NULL;
	xmlNode *root;
	const xmlError *e;
	int rc = -1;

	memset(d, 0, sizeof *d);
	d->path = xstrdup(operand_name(path));
	c.path = d->path;
	c.err = err;
	buf_reset(err);
	if (slurp(&c, path, &text) < 0)
		goto out;
	if (text.len > (size_t)2147483647) {
		fail(&c, NULL, "file too large");
		goto out;
	}
	if (!(pc = xmlNewParserCtxt()))
		die(EXIT_FAIL, "out of memory");
	doc = xmlCtxtReadMemory(pc, text.s ? text.s : "", (int)text.len, d->path,
	    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES);
	if (!doc) {
		e = xmlCtxtGetLastError(pc);
		if (e && e->message) {
			size_t len = strlen(e->message);

			while (len && e->message[len - 1] == '\n')
				len--;
			buf_reset(err);
			buf_addf(err, "%s:%d: malformed XML: %.*s", d->path, e->line,
			    (int)len, e->message);
		} else {
			fail(&c, NULL, "malformed XML");
		}
		goto out;
	}
	if (!(root = xmlDocGetRootElement(doc))) {
		fail(&c, NULL, "no root element");
		goto out;
	}
	c.old = !strcmp(ename(root), "experiments");
	rc = parse_root(&c, root, d);
out:
	if (doc)
		xmlFreeDoc(doc);
	if (pc)
		xmlFreeParserCtxt(pc);
	buf_free(&text);
	if (rc < 0) {
		xmldef_free(d);
		d->path = NULL;
	}
	return rc;
}

struct id {
	char *id;		/* without the trial */
	size_t exp;		/* index in d->v */
};

static int
cmp_id(const void *a, const void *b)
{
	const struct id *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->exp > y->exp) - (x->exp < y->exp);
}

/* Appends the id of x without its trial: base, then the values given. */
static void
base_id(struct buf *b, const struct xmlexp *x)
{
	static const char *const names[XC_N] = { "args", "procpin", "knem",
	    "network", "disk", "infiniband" };
	size_t i;

	expid_base(b, x->app, &x->rq);
	for (i = 0; i < XC_N; i++)
		if (*x->col[i])
			expid_extra(b, names[i], x->col[i]);
}

static int
check_unique(const struct ctx *c, const struct xmldef *d)
{
	struct id *ids = xcalloc(d->n, sizeof *ids);
	struct buf b = { 0 };
	size_t i, rep = 0;
	int rc = 0;

	for (i = 0; i < d->n; i++) {
		buf_reset(&b);
		base_id(&b, &d->v[i]);
		ids[i].id = xstrdup(buf_str(&b));
		ids[i].exp = i;
	}
	qsort(ids, d->n, sizeof *ids, cmp_id);
	/* the second of a run of equal ids is a repeat; report the earliest */
	for (i = 1; i < d->n; i++)
		if (!strcmp(ids[i].id, ids[i - 1].id) &&
		    (i < 2 || strcmp(ids[i].id, ids[i - 2].id)) &&
		    (!rep || ids[i].exp < ids[rep].exp))
			rep = i;
	if (rep) {
		const struct xmlexp *x = &d->v[ids[rep].exp];
		const struct xmlexp *y = &d->v[ids[rep - 1].exp];

		buf_reset(c->err);
		buf_addf(c->err, "%s:%lu: experiment \"%s\" repeats experiment "
		    "\"%s\" of line %lu (both are %s): use trials to repeat one",
		    c->path, x->line, x->name, y->name, y->line, ids[rep].id);
		rc = -1;
	}
	for (i = 0; i < d->n; i++)
		free(ids[i].id);
	free(ids);
	buf_free(&b);
	return rc;
}

int
xmldef_rows(const struct xmldef *d, const struct hw *hw, long nodes,
    struct buf *out, struct buf *err)
{
	struct ctx c = { d->path, err, 0 };
	const struct xmlexp *x;
	char why[256], trial[32];
	size_t i, j;
	long t;

	buf_reset(err);
	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		if (place_invalid(hw, nodes, &x->rq, why, sizeof why)) {
			buf_addf(err, "%s:%lu: experiment \"%s\": %s", d->path, x->line,
			    x->name, why);
			return -1;
		}
	}
	if (check_unique(&c, d) < 0)
		return -1;
	buf_adds(out, "exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\t"
	    XMLDEF_EXTRA "\n");
	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		for (t = 1; t <= x->trials; t++) {
			base_id(out, x);
			if (x->trials > 1) {
				snprintf(trial, sizeof trial, "%ld", t);
				expid_extra(out, "trial", trial);
			}
			buf_addf(out, "\t%s\t%ld\t%ld\t%ld\t%s\t%ld\t%ld\t", x->app,
			    x->rq.nc, x->rq.cpv, x->rq.idf, pstrat_name(x->rq.ps),
			    x->runs, x->rq.first);
			tsv_escape(out, x->name);
			buf_addf(out, "\t%ld", t);
			for (j = 0; j < XC_N; j++) {
				buf_addc(out, '\t');
				tsv_escape(out, x->col[j]);
			}
			buf_addc(out, '\n');
		}
	}
	return 0;
}

void
xmldef_free(struct xmldef *d)
{
	FREE_EACH(d->v, d->n, exp_free);
	free(d->path);
	memset(d, 0, sizeof *d);
}
