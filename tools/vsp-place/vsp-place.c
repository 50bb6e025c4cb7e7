/* vsp-place: experiments in, one row per VM (or per PM for idf -1) out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static const struct cmd_opt opts[] = { { 'C', "dir" }, { 0, NULL } };
static const struct cmd cmds[] = {
	{ NULL, opts, "[-C dir] [file]", 1, NULL },
	{ NULL, NULL, NULL, 0, NULL }
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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The name given to two VMs of one experiment, or NULL. */
static const char *
name_twice(char **names, size_t n)
{
	size_t i;

	qsort(names, n, sizeof *names, cmp_str);
	for (i = 1; i < n; i++)
		if (!strcmp(names[i - 1], names[i]))
			return names[i];
	return NULL;
}

static void
place_row(const struct conf *conf, struct tsv_reader *r, struct cols *c,
    struct tsv_out *o, struct buf *out, struct buf *pins)
{
	struct request rq;
	struct vmname_vars vars = { 0 };
	struct buf name = { 0 };
	char why[512], slotstr[32], vcpus[32], **names;
	const char *dup;
	size_t mark = out->len, nnames = 0;
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
	if (rq.idf >= 0)
		place_pins(&conf->hw, &rq, pins);
	vars.prefix = conf_get(conf, "vm_prefix");
	vars.exp = c->exp >= 0 ? r->fields[c->exp] : "";
	vars.app = c->app >= 0 ? r->fields[c->app] : "";
	names = xcalloc((size_t)(pms * slots), sizeof *names);
	snprintf(vcpus, sizeof vcpus, "%ld", rq.cpv);
	tsv_out_set(o, c->vcpus, vcpus);
	for (pm = 0; pm < pms; pm++) {
		vars.node = conf->nodes[rq.first + pm];
		vars.index = rq.first + pm;
		tsv_out_set(o, c->node, vars.node);
		for (k = 0; k < slots; k++) {
			buf_reset(&name);
			vars.slot = k;
			if (rq.idf >= 0 && vmname(&name, conf_get(conf, "vm_name"),
			    &vars, why, sizeof why) < 0)
				fail(out, mark, r, why);
			if (rq.idf >= 0)
				names[nnames++] = xstrdup(buf_str(&name));
			snprintf(slotstr, sizeof slotstr, "%ld", k);
			tsv_out_set(o, c->vm, buf_str(&name));
			tsv_out_set(o, c->slot, slotstr);
			tsv_out_set(o, c->pin, rq.idf >= 0 ? buf_str(&pins[k]) : "");
			tsv_out_row(o, r->fields, out);
		}
	}
	if ((dup = name_twice(names, nnames))) {
		snprintf(why, sizeof why, "vm name \"%.200s\" is given to two VMs: "
		    "vm_name must tell VMs apart", dup);
		fail(out, mark, r, why);
	}
	while (nnames > 0)
		free(names[--nnames]);
	free(names);
	buf_free(&name);
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
	const char *dir = NULL, *name;
	FILE *fp;
	int rc;
	long k;

	setprogname(argv[0]);
	fp = cmd_filter(cmds, argc, argv, &dir, &name);
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
	while ((rc = tsv_next(&r)) > 0) {
		place_row(&conf, &r, &c, &o, &out, pins);
		if (out.len > 1 << 16)
			tsv_flush(&out);
	}
	tsv_flush(&out);
	if (rc < 0)
		tsv_die(&r);
	for (k = 0; k < conf.hw.cores; k++)
		buf_free(&pins[k]);
	free(pins);
	buf_free(&out);
	tsv_out_free(&o);
	tsv_close(&r);
	operand_close(fp);
	conf_free(&conf);
	return 0;
}
