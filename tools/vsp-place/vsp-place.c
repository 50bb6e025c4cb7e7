/* vsp-place: experiments in, one row per VM (or per PM for idf -1) out. */
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
 * open-addressing hash set over an arena of the names.
 */
struct nameset {
	struct buf arena;
	size_t *slot;		/* arena offset + 1; 0: empty */
	size_t cap;
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
	} else {
		memset(s->slot, 0, s->cap * sizeof *s->slot);
	}
	buf_reset(&s->arena);
}

/* Adds the name; the name if it was there already, else NULL. */
static const char *
nameset_add(struct nameset *s, const char *name, size_t len)
{
	size_t h = 2166136261u, i, at;
	const char *old;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (i = h & (s->cap - 1); s->slot[i]; i = (i + 1) & (s->cap - 1)) {
		old = s->arena.s + s->slot[i] - 1;
		if (!strncmp(old, name, len) && !old[len])
			return old;
	}
	at = s->arena.len;
	buf_add(&s->arena, name, len);
	buf_addc(&s->arena, '\0');
	s->slot[i] = at + 1;
	return NULL;
}

/*
 * An experiment's output rows differ only in vm, node, slot and pin: the
 * rest of the row is escaped once, and those four go into its gaps.
 */
enum { V_VM, V_NODE, V_SLOT, V_PIN, V_N };

struct row_tmpl {
	struct buf fixed;	/* the row, the varying columns empty */
	size_t at[V_N];		/* where each gap is in fixed, in column order */
	int which[V_N];
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
}

/* One row: the fixed text with the values of the gaps. */
static void
tmpl_row(const struct row_tmpl *t, const char *const *val, const size_t *len,
    struct buf *out)
{
	size_t h, pos = 0, n = t->fixed.len;
	char *p;

	for (h = 0; h < V_N; h++)
		n += len[h];
	buf_grow(out, n);
	p = out->s + out->len;
	for (h = 0; h < V_N; h++) {
		memcpy(p, t->fixed.s + pos, t->at[h] - pos);
		p += t->at[h] - pos;
		pos = t->at[h];
		memcpy(p, val[t->which[h]], len[t->which[h]]);
		p += len[t->which[h]];
	}
	memcpy(p, t->fixed.s + pos, t->fixed.len - pos);
	out->len += n;
	out->s[out->len] = '\0';
}

struct scratch {
	struct row_tmpl t;
	struct nameset names;
	struct buf node, name, pins;	/* escaped node; name template; pins */
	size_t *pin_at;			/* slot k's pins in pins: [k, k+1) */
	char *vm;
	size_t vmcap;
};

static void
place_row(const struct conf *conf, struct tsv_reader *r, struct cols *c,
    struct tsv_out *o, struct buf *out, struct buf *pins, struct scratch *x)
{
	struct request rq;
	struct vmname_vars vars = { 0 };
	char why[512], slotstr[24], vcpus[32], *d;
	const char *val[V_N], *dup;
	size_t len[V_N], mark = out->len;
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
		if (rq.idf >= 0)
			tsv_escape(&x->pins, buf_str(&pins[k]));
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
	val[V_VM] = x->vm;
	len[V_VM] = 0;
	for (pm = 0; pm < pms; pm++) {
		vars.node = conf->nodes[rq.first + pm];
		vars.index = rq.first + pm;
		buf_reset(&x->node);
		buf_add(&x->node, "", 0);
		tsv_escape(&x->node, vars.node);
		val[V_NODE] = x->node.s;
		len[V_NODE] = x->node.len;
		buf_reset(&x->name);
		if (rq.idf >= 0 && vmname_template(&x->name, conf_get(conf, "vm_name"),
		    &vars, why, sizeof why) < 0) {
			/* The message of the name itself. */
			buf_reset(&x->name);
			vars.slot = 0;
			vmname(&x->name, conf_get(conf, "vm_name"), &vars, why,
			    sizeof why);
			fail(out, mark, r, why);
		}
		if (x->vmcap < x->name.len * 21 + 1) {
			x->vmcap = x->name.len * 21 + 1;
			x->vm = xrealloc(x->vm, x->vmcap);
		}
		val[V_VM] = x->vm;
		for (k = 0; k < slots; k++) {
			if (rq.idf >= 0) {
				len[V_VM] = vmname_fill(x->vm, x->name.s, x->name.len, k);
				if ((dup = nameset_add(&x->names, x->vm, len[V_VM]))) {
					snprintf(why, sizeof why, "vm name \"%.200s\" is "
					    "given to two VMs: vm_name must tell VMs "
					    "apart", dup);
					fail(out, mark, r, why);
				}
			}
			d = slotstr + sizeof slotstr;
			{
				unsigned long u = (unsigned long)k;

				do
					*--d = (char)('0' + u % 10);
				while (u /= 10);
			}
			val[V_SLOT] = d;
			len[V_SLOT] = (size_t)(slotstr + sizeof slotstr - d);
			val[V_PIN] = x->pins.s + x->pin_at[k];
			len[V_PIN] = x->pin_at[k + 1] - x->pin_at[k];
			tmpl_row(&x->t, val, len, out);
		}
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
		if (out.len > 1 << 16)
			tsv_flush(&out);
	}
	tsv_flush(&out);
	if (rc < 0)
		tsv_die(&r);
	FREE_EACH(pins, conf.hw.cores, buf_free);
	buf_free(&x.t.fixed);
	buf_free(&x.names.arena);
	free(x.names.slot);
	buf_free(&x.node);
	buf_free(&x.name);
	buf_free(&x.pins);
	free(x.pin_at);
	free(x.vm);
	buf_free(&out);
	tsv_out_free(&o);
	tsv_close(&r);
	operand_close(fp);
	conf_free(&conf);
	return 0;
}
