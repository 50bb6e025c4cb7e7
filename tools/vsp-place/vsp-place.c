/* vsp-place: experiments in, one row per VM (or per PM for idf -1) out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "cmd.h"
#include "conf.h"
#include "err.h"
#include "num.h"
#include "operand.h"
#include "place.h"
#include "tsv.h"
#include "vmname.h"

struct cols {
	int exp, app, nc, cpv, idf, pstrat, first;
	size_t vm, node, slot, vcpus, pin;
};

/* Ends the program, keeping the whole experiments before this one. */
static _Noreturn void
fail(struct buf *out, size_t mark, const struct tsv_reader *r,
    const char *why)
{
	out->len = mark;
	tsv_flush(out);
	die(EXIT_USAGE, "%s:%lu: %s", r->name, r->lineno, why);
}

static long
field_long(struct buf *out, size_t mark, const struct tsv_reader *r, int col,
    long min, const char *what)
{
	char why[512];
	long v;

	if (num_long(r->fields[col], min, 1L << 40, &v) < 0) {
		snprintf(why, sizeof why, "%s \"%.100s\" is not %s", r->cols[col],
		    r->fields[col], what);
		fail(out, mark, r, why);
	}
	return v;
}

/*
 * The names of one experiment's VMs, to find one given twice: an
 * open-addressing hash set of the names where they stand in the output
 * (offsets: the output may move as it grows).
 */
struct name_at {
	size_t off;
	uint32_t len;		/* 0: empty (a name never is) */
	uint32_t hash;
};

struct nameset {
	struct name_at *slot;
	size_t cap, mask;
};

static void
nameset_reset(struct nameset *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	if (cap > s->cap) {
		free(s->slot);
		s->slot = xcalloc(cap, sizeof *s->slot);
		s->cap = cap;
	}
	memset(s->slot, 0, cap * sizeof *s->slot);
	s->mask = cap - 1;
}

/* FNV-1a, continued from h: a name's hash goes on from its PM's part. */
static uint32_t
fnv(uint32_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Adds the name at off in out; the one it equals if it was there, else NULL. */
static const struct name_at *
nameset_add(struct nameset *s, const char *out, size_t off, size_t len,
    uint32_t hash)
{
	struct name_at *e;
	size_t i;

	for (i = hash & s->mask; (e = &s->slot[i])->len; i = (i + 1) & s->mask)
		if (e->hash == hash && e->len == len &&
		    !memcmp(out + e->off, out + off, len))
			return e;
	e->off = off;
	e->len = (uint32_t)len;
	e->hash = hash;
	return NULL;
}

/*
 * An experiment's output rows differ only in vm, node, slot and pin: the
 * rest of the row is escaped once, and those four go into its gaps. A
 * PM's rows differ only in vm, slot and pin, and a PM's VM names only
 * from their first slot mark on: its template has the node and the
 * name's text before that mark filled in.
 */
enum { V_VM, V_NODE, V_SLOT, V_PIN, V_N };

struct row_tmpl {
	struct buf fixed;	/* the row, the varying columns empty */
	size_t at[V_N];		/* where each gap is in fixed, in column order */
	int which[V_N];
	size_t ngaps;
};

static void
tmpl_build(struct row_tmpl *t, const struct tsv_out *o, char *const *fields,
    const struct cols *c)
{
	size_t i, n = 0;
	const char *v;

	buf_reset(&t->fixed);
	buf_add(&t->fixed, "", 0);
	for (i = 0; i < o->ncols; i++) {
		if (i)
			buf_addc(&t->fixed, '\t');
		if (i == c->vm || i == c->node || i == c->slot || i == c->pin) {
			t->at[n] = t->fixed.len;
			t->which[n++] = i == c->vm ? V_VM : i == c->node ? V_NODE :
			    i == c->slot ? V_SLOT : V_PIN;
			continue;
		}
		v = o->from[i] >= 0 ? fields[o->from[i]] : o->vals[i];
		tsv_escape(&t->fixed, v ? v : "");
	}
	buf_addc(&t->fixed, '\n');
	t->ngaps = n;
}

struct pm_tmpl {
	struct row_tmpl t;	/* gaps V_VM (the name's rest), V_SLOT, V_PIN */
	const char *rest;	/* the name template from its first mark */
	size_t nrest, nhead;	/* its length; the name's bytes before it */
	uint32_t hash;		/* of those bytes */
};

/* The PM's template from the experiment's, its node and name template. */
static void
pm_build(struct pm_tmpl *pt, const struct row_tmpl *t, const struct buf *node,
    const struct buf *name)
{
	size_t h, pos = 0;

	pt->nhead = strcspn(name->s, "\001\002");
	pt->rest = name->s + pt->nhead;
	pt->nrest = name->len - pt->nhead;
	pt->hash = fnv(2166136261u, name->s, pt->nhead);
	buf_reset(&pt->t.fixed);
	buf_add(&pt->t.fixed, "", 0);
	pt->t.ngaps = 0;
	for (h = 0; h < t->ngaps; h++) {
		buf_add(&pt->t.fixed, t->fixed.s + pos, t->at[h] - pos);
		pos = t->at[h];
		if (t->which[h] == V_NODE) {
			buf_add(&pt->t.fixed, node->s, node->len);
			continue;
		}
		if (t->which[h] == V_VM)
			buf_add(&pt->t.fixed, name->s, pt->nhead);
		pt->t.at[pt->t.ngaps] = pt->t.fixed.len;
		pt->t.which[pt->t.ngaps++] = t->which[h];
	}
	buf_add(&pt->t.fixed, t->fixed.s + pos, t->fixed.len - pos);
}

/* Short runs copied by hand: most gaps and pieces are a few bytes. */
static char *
put(char *p, const char *s, size_t n)
{
	if (n > 16)
		return (char *)memcpy(p, s, n) + n;
	while (n--)
		*p++ = *s++;
	return p;
}

/*
 * Slot k's row at p, with room enough; its end. The VM's name is at
 * *name for *len bytes (none for a PM's row).
 */
static char *
pm_row(const struct pm_tmpl *pt, char *p, long k, const char *pin,
    size_t npin, char **name, size_t *len)
{
	const struct row_tmpl *t = &pt->t;
	char num[24], *d = num + sizeof num;
	unsigned long u = (unsigned long)k;
	size_t h, pos = 0;

	do
		*--d = (char)('0' + u % 10);
	while (u /= 10);
	for (h = 0; h < t->ngaps; h++) {
		p = put(p, t->fixed.s + pos, t->at[h] - pos);
		pos = t->at[h];
		switch (t->which[h]) {
		case V_VM:
			*name = p - pt->nhead;
			*len = pt->nhead + vmname_fill(p, pt->rest, pt->nrest, k);
			p = *name + *len;
			break;
		case V_SLOT:
			p = put(p, d, (size_t)(num + sizeof num - d));
			break;
		default:
			p = put(p, pin, npin);
			break;
		}
	}
	return put(p, t->fixed.s + pos, t->fixed.len - pos);
}

struct scratch {
	struct row_tmpl t;
	struct pm_tmpl pm;
	struct nameset names;
	struct buf node, name, pins;	/* escaped node; name template; pins */
	size_t *pin_at;			/* slot k's pins in pins: [k, k+1) */
};

/* The PM's rows of one experiment, their VM names checked. */
static void
pm_rows(struct scratch *x, long slots, int vms, struct buf *out, size_t mark,
    const struct tsv_reader *r)
{
	const struct pm_tmpl *pt = &x->pm;
	const struct name_at *dup;
	char why[512], *p, *name = NULL;
	size_t len = 0;
	long k;

	/* room for every row: a slot's number and its marks' are 20 digits */
	buf_grow(out, (size_t)slots * (pt->t.fixed.len + 20 * (pt->nrest + 1)) +
	    x->pins.len);
	p = out->s + out->len;
	for (k = 0; k < slots; k++) {
		p = pm_row(pt, p, k, x->pins.s + x->pin_at[k],
		    x->pin_at[k + 1] - x->pin_at[k], &name, &len);
		if (vms && (dup = nameset_add(&x->names, out->s,
		    (size_t)(name - out->s), len, fnv(pt->hash, name + pt->nhead,
		    len - pt->nhead)))) {
			snprintf(why, sizeof why, "vm name \"%.*s\" is given to two "
			    "VMs: vm_name must tell VMs apart", (int)(dup->len < 200 ?
			    dup->len : 200), out->s + dup->off);
			fail(out, mark, r, why);
		}
	}
	out->len = (size_t)(p - out->s);
	out->s[out->len] = '\0';
}

static void
place_row(const struct conf *conf, struct tsv_reader *r, struct cols *c,
    struct tsv_out *o, struct buf *out, struct buf *pins, struct scratch *x)
{
	struct request rq;
	struct vmname_vars vars = { 0 };
	char why[512], vcpus[32];
	size_t mark = out->len;
	long pm, k, pms, slots;
	int ps;

	rq.nc = field_long(out, mark, r, c->nc, 1, "a positive integer");
	rq.cpv = field_long(out, mark, r, c->cpv, 1, "a positive integer");
	rq.idf = field_long(out, mark, r, c->idf, -1, "an integer >= -1");
	rq.first = c->first < 0 ? 0 : field_long(out, mark, r, c->first, 0,
	    "a PM index");
	if ((ps = pstrat_parse(r->fields[c->pstrat])) < 0) {
		snprintf(why, sizeof why, "unknown pstrat \"%.100s\" (NONE, GREEDY, "
		    "BAL-ONE, BAL-SET, SPLIT)", r->fields[c->pstrat]);
		fail(out, mark, r, why);
	}
	rq.ps = (enum pstrat)ps;
	if (place_invalid(&conf->hw, (long)conf->nnodes, &rq, why, sizeof why))
		fail(out, mark, r, why);
	pms = place_pms(&rq);
	slots = place_slots(&rq);
	buf_reset(&x->pins);
	buf_add(&x->pins, "", 0);
	x->pin_at = xreallocarray(x->pin_at, (size_t)slots + 1, sizeof *x->pin_at);
	if (rq.idf >= 0)
		place_pins(&conf->hw, &rq, pins);
	for (k = 0; k < slots; k++) {
		x->pin_at[k] = x->pins.len;
		if (rq.idf >= 0)	/* digits , ; -: nothing to escape */
			buf_add(&x->pins, pins[k].s, pins[k].len);
	}
	x->pin_at[slots] = x->pins.len;
	vars.prefix = conf_get(conf, "vm_prefix");
	vars.exp = c->exp >= 0 ? r->fields[c->exp] : "";
	vars.app = c->app >= 0 ? r->fields[c->app] : "";
	snprintf(vcpus, sizeof vcpus, "%ld", rq.cpv);
	tsv_out_set(o, c->vcpus, vcpus);
	tmpl_build(&x->t, o, r->fields, c);
	if (rq.idf >= 0)
		nameset_reset(&x->names, (size_t)(pms * slots));
	for (pm = 0; pm < pms; pm++) {
		vars.node = conf->nodes[rq.first + pm];
		vars.index = rq.first + pm;
		buf_reset(&x->node);
		buf_add(&x->node, "", 0);
		tsv_escape(&x->node, vars.node);
		buf_reset(&x->name);
		buf_add(&x->name, "", 0);
		if (rq.idf >= 0 && vmname_template(&x->name, conf_get(conf, "vm_name"),
		    &vars, why, sizeof why) < 0) {
			/* The message of the name itself. */
			buf_reset(&x->name);
			vars.slot = 0;
			vmname(&x->name, conf_get(conf, "vm_name"), &vars, why,
			    sizeof why);
			fail(out, mark, r, why);
		}
		pm_build(&x->pm, &x->t, &x->node, &x->name);
		pm_rows(x, slots, rq.idf >= 0, out, mark, r);
	}
}

/* A vm_name with an unknown placeholder is the setting's fault, not a row's. */
static void
check_pattern(const struct conf *conf)
{
	struct vmname_vars vars = { "p", "e", "a", "n1", 0, 0 };
	struct buf name = { 0 };
	char why[512];

	if (vmname(&name, conf_get(conf, "vm_name"), &vars, why, sizeof why) < 0 &&
	    strstr(why, "placeholder"))
		die(EXIT_USAGE, "%s: %s", conf_where(conf, "vm_name"), why);
	buf_free(&name);
}

int
main(int argc, char **argv)
{
	struct conf conf;
	struct tsv_reader r;
	struct tsv_out o;
	struct cols c;
	struct buf out = { 0 }, *pins;
	struct scratch x;
	const char *dir = NULL, *name;
	FILE *fp;
	int rc;

	fp = cmd_filter(argc, argv, &dir, &name);
	conf_load(&conf, conf_dir(dir));
	if (tsv_open(&r, fp, name) < 0)
		tsv_die(&r);
	c.exp = tsv_need(&r, "exp");
	c.app = tsv_col(&r, "app");
	c.nc = tsv_need(&r, "nc");
	c.cpv = tsv_need(&r, "cpv");
	c.idf = tsv_need(&r, "idf");
	c.pstrat = tsv_need(&r, "pstrat");
	c.first = tsv_col(&r, "first");
	check_pattern(&conf);
	tsv_out_init(&o, &r);
	c.vm = tsv_out_col(&o, "vm");
	c.node = tsv_out_col(&o, "node");
	c.slot = tsv_out_col(&o, "slot");
	c.vcpus = tsv_out_col(&o, "vcpus");
	c.pin = tsv_out_col(&o, "pin");
	tsv_out_header(&o, &out);
	pins = xcalloc((size_t)conf.hw.cores, sizeof *pins);
	memset(&x, 0, sizeof x);
	while ((rc = tsv_next(&r)) > 0) {
		place_row(&conf, &r, &c, &o, &out, pins, &x);
		/* written a MiB at a time: 64 KiB took twice the system time */
		if (out.len > 1 << 20)
			tsv_flush(&out);
	}
	tsv_flush(&out);
	if (rc < 0)
		tsv_die(&r);
	FREE_EACH(pins, conf.hw.cores, buf_free);
	buf_free(&x.t.fixed);
	buf_free(&x.pm.t.fixed);
	free(x.names.slot);
	buf_free(&x.node);
	buf_free(&x.name);
	buf_free(&x.pins);
	free(x.pin_at);
	buf_free(&out);
	tsv_out_free(&o);
	tsv_close(&r);
	operand_close(fp);
	conf_free(&conf);
	return 0;
}
