/*
 * lib/place: the original's pinning vectors (12 cores, 2 sockets) and, on
 * 1, 2, 3, 4 and 8 sockets with even and odd cores per socket, the validity
 * properties of vsp-place(1) for every pstrat and every valid (nc, cpv, idf).
 */
#include <stdlib.h>

#include "buf.h"
#include "cpuset.h"
#include "err.h"
#include "place.h"
#include "tap.h"

#define NODES 4

static const struct hw hw12 = { .cores = 12, .sockets = 2, .mem = 24 };

/* The pin fields of all slots of rq, joined by " | ". */
static char *
pins_of(const struct hw *hw, const struct request *rq)
{
	long slots = place_slots(rq), k;
	struct buf *pins = xcalloc((size_t)slots, sizeof *pins), all = { 0 };

	place_pins(hw, rq, pins);
	for (k = 0; k < slots; k++) {
		buf_addf(&all, "%s%s", k ? " | " : "", buf_str(&pins[k]));
		buf_free(&pins[k]);
	}
	free(pins);
	buf_adds(&all, "");
	return all.s;
}

static void
vec(long nc, long cpv, long idf, enum pstrat ps, const char *want)
{
	struct request rq = { nc, cpv, idf, ps, 0 };
	char name[128], why[256], *got;

	snprintf(name, sizeof name, "12c2s nc %ld cpv %ld idf %ld %s", nc, cpv,
	    idf, pstrat_name(ps));
	if (place_invalid(&hw12, 12, &rq, why, sizeof why)) {
		ok(0, name);
		printf("# invalid: %s\n", why);
		return;
	}
	got = pins_of(&hw12, &rq);
	is_str(got, want, name);
	free(got);
}

/* One slot of the pinning of a full PM (nc = cores, idf 0). */
static void
slot_vec(long cpv, long slot, enum pstrat ps, const char *want)
{
	struct request rq = { 12, cpv, 0, ps, 0 };
	struct buf *pins = xcalloc(12, sizeof *pins);
	char name[128];
	long k;

	snprintf(name, sizeof name, "%s(vm %ld, cpv %ld)", pstrat_name(ps),
	    slot, cpv);
	place_pins(&hw12, &rq, pins);
	is_str(buf_str(&pins[slot]), want, name);
	for (k = 0; k < 12; k++)
		buf_free(&pins[k]);
	free(pins);
}

static void
original_vectors(void)
{
	char why[256];
	struct request rq = { 8, 4, 8, PS_BAL_ONE, 0 };

	/* tests/unit/create_pinning.py (spec 3.3) */
	slot_vec(1, 3, PS_BAL_ONE, "7");
	slot_vec(1, 11, PS_BAL_ONE, "11");
	slot_vec(2, 4, PS_BAL_ONE, "4;5");
	slot_vec(2, 5, PS_BAL_ONE, "10;11");
	slot_vec(3, 1, PS_BAL_ONE, "6;7;8");
	slot_vec(12, 0, PS_BAL_SET, "0-5;0-5;0-5;0-5;0-5;0-5;6-11;6-11;6-11;"
	    "6-11;6-11;6-11");
	slot_vec(3, 3, PS_GREEDY, "9;10;11");
	slot_vec(4, 1, PS_SPLIT, "2;3;8;9");
	slot_vec(6, 1, PS_SPLIT, "3;4;5;9;10;11");

	/* spec 3.4, worked examples */
	vec(24, 2, 4, PS_NONE, " | ");
	vec(24, 2, 4, PS_GREEDY, "0;1 | 2;3");
	vec(24, 2, 4, PS_BAL_ONE, "0;1 | 6;7");
	vec(24, 2, 4, PS_BAL_SET, "0-1;0-1 | 6-7;6-7");
	vec(24, 2, 4, PS_SPLIT, "0;6 | 1;7");
	vec(24, 2, 12, PS_BAL_ONE, "0;1 | 6;7 | 2;3 | 8;9 | 4;5 | 10;11");
	vec(24, 2, 12, PS_BAL_SET, "0-1;0-1 | 6-7;6-7 | 2-3;2-3 | 8-9;8-9 | "
	    "4-5;4-5 | 10-11;10-11");
	vec(24, 2, 12, PS_SPLIT, "0;6 | 1;7 | 2;8 | 3;9 | 4;10 | 5;11");
	vec(24, 4, 12, PS_BAL_ONE, "0;1;2;3 | 6;7;8;9 | 4;5;10;11");
	vec(24, 4, 12, PS_BAL_SET, "0-3;0-3;0-3;0-3 | 6-9;6-9;6-9;6-9 | "
	    "4-5;4-5;10-11;10-11");
	vec(24, 4, 12, PS_SPLIT, "0;1;6;7 | 2;3;8;9 | 4;5;10;11");
	vec(24, 6, 12, PS_BAL_ONE, "0;1;2;3;4;5 | 6;7;8;9;10;11");
	vec(24, 6, 12, PS_SPLIT, "0;1;2;6;7;8 | 3;4;5;9;10;11");
	/* nc 16, cpv 4, idf 8 (vector V2: kvm-pbs082-01 0-3, -02 6-9) */
	vec(16, 4, 8, PS_BAL_ONE, "0;1;2;3 | 6;7;8;9");
	ok(place_invalid(&hw12, 12, &rq, why, sizeof why) != NULL,
	    "nc 8 cpv 4 idf 8 is invalid");
	is_str(why, "idf 8 equals nc (use idf 0 for one PM)", "and why");
}

/* ---- properties on many topologies ---- */

struct topo {
	long cores, sockets;
};

static const struct topo topos[] = {
	{ 12, 2 }, { 12, 1 }, { 8, 1 }, { 7, 1 }, { 6, 2 }, { 10, 2 },
	{ 16, 2 }, { 18, 2 }, { 8, 4 }, { 12, 4 }, { 16, 4 }, { 20, 4 },
	{ 16, 8 }, { 24, 8 }, { 32, 8 }, { 40, 8 }, { 9, 3 }, { 15, 3 },
};

enum { P_FORM, P_INSIDE, P_DISJOINT, P_BALSET, P_SPLIT, P_BALONE, P_ORIG,
	P_COUNT };
static const char *const pname[P_COUNT] = {
	"one canonical cpuset per vcpu, nothing for NONE",
	"every core inside the PM",
	"no core shared by two vcpus (GREEDY, BAL-ONE, SPLIT), no VMs "
	    "sharing cores (BAL-SET)",
	"BAL-SET: each vcpu's set holds its BAL-ONE core and the VM's cores "
	    "on that socket",
	"SPLIT: each VM balanced over all sockets",
	"BAL-ONE: a VM that fits a socket but is split is balanced over the "
	    "sockets it uses",
	"the original's pinning wherever the original's is valid",
};
static long nfail[P_COUNT], nchecked[P_COUNT];

/* The cores of every vcpu of every slot: v[slot][vcpu]. */
struct pinning {
	long slots, cpv;
	struct cpuset **v;
};

static void
pinning_free(struct pinning *p)
{
	long k, j;

	for (k = 0; k < p->slots; k++) {
		for (j = 0; j < p->cpv; j++)
			cpuset_free(&p->v[k][j]);
		free(p->v[k]);
	}
	free(p->v);
}

static void
report(int prop, const struct topo *t, const struct request *rq,
    const char *what)
{
	if (nfail[prop]++ < 5)
		printf("# %ldc%lds nc %ld cpv %ld idf %ld %s: %s\n", t->cores,
		    t->sockets, rq->nc, rq->cpv, rq->idf, pstrat_name(rq->ps),
		    what);
}

/* Parses place_pins' fields; 0, or -1 (P_FORM reported). */
static int
get_pins(const struct topo *t, const struct request *rq, struct pinning *p)
{
	struct hw hw = { .cores = t->cores, .sockets = t->sockets, .mem = 1 };
	struct buf *pins, canon = { 0 };
	char err[256], *msg;
	long k, j;
	int rc = 0;

	p->slots = place_slots(rq);
	p->cpv = rq->cpv;
	p->v = xcalloc((size_t)p->slots, sizeof *p->v);
	pins = xcalloc((size_t)p->slots, sizeof *pins);
	place_pins(&hw, rq, pins);
	for (k = 0; k < p->slots; k++) {
		char *s = xstrdup(buf_str(&pins[k])), *item, *save = NULL;

		p->v[k] = xcalloc((size_t)rq->cpv, sizeof **p->v);
		for (j = 0; j < rq->cpv; j++)
			cpuset_init(&p->v[k][j]);
		if (rq->ps == PS_NONE) {
			if (*s) {
				msg = xasprintf("slot %ld pinned \"%s\"", k, s);
				report(P_FORM, t, rq, msg);
				free(msg);
				rc = -1;
			}
			free(s);
			continue;
		}
		j = 0;
		buf_reset(&canon);
		for (item = strtok_r(s, ";", &save); item;
		    item = strtok_r(NULL, ";", &save), j++) {
			if (j >= rq->cpv ||
			    cpuset_parse(&p->v[k][j], item, err, sizeof err) < 0)
				break;
			if (j)
				buf_addc(&canon, ';');
			cpuset_print(&p->v[k][j], &canon);
		}
		if (j != rq->cpv || strcmp(buf_str(&canon), buf_str(&pins[k]))) {
			msg = xasprintf("slot %ld pin \"%s\" is not %ld canonical "
			    "cpusets", k, buf_str(&pins[k]), rq->cpv);
			report(P_FORM, t, rq, msg);
			free(msg);
			rc = -1;
		}
		free(s);
	}
	for (k = 0; k < p->slots; k++)
		buf_free(&pins[k]);
	free(pins);
	buf_free(&canon);
	nchecked[P_FORM]++;
	return rc;
}

static long
first_core(const struct cpuset *cs)
{
	size_t c;

	for (c = 0; c < cs->nbits; c++)
		if (cpuset_has(cs, c))
			return (long)c;
	return -1;
}

static void
check_inside_disjoint(const struct topo *t, const struct request *rq,
    const struct pinning *p)
{
	long *owner = xcalloc((size_t)CPUSET_MAX, sizeof *owner);
	long k, j, c;
	char *msg;
	int single = rq->ps != PS_BAL_SET, bad_in = 0, bad_dis = 0;

	for (k = 0; k < p->slots; k++)
		for (j = 0; j < p->cpv; j++) {
			const struct cpuset *cs = &p->v[k][j];

			if (single && cpuset_count(cs) != 1 && !bad_dis) {
				msg = xasprintf("slot %ld vcpu %ld has %zu cores", k, j,
				    cpuset_count(cs));
				report(P_DISJOINT, t, rq, msg);
				free(msg);
				bad_dis = 1;
			}
			for (c = 0; c < (long)cs->nbits; c++) {
				if (!cpuset_has(cs, (size_t)c))
					continue;
				if (c >= t->cores && !bad_in) {
					msg = xasprintf("slot %ld vcpu %ld on core %ld", k,
					    j, c);
					report(P_INSIDE, t, rq, msg);
					free(msg);
					bad_in = 1;
				}
				/* owner: slot+1 for BAL-SET, vcpu number+1 else */
				long who = single ? k * p->cpv + j + 1 : k + 1;

				if (owner[c] && owner[c] != who && !bad_dis) {
					msg = xasprintf("core %ld twice (slot %ld vcpu %ld)",
					    c, k, j);
					report(P_DISJOINT, t, rq, msg);
					free(msg);
					bad_dis = 1;
				}
				owner[c] = who;
			}
		}
	nchecked[P_INSIDE]++;
	nchecked[P_DISJOINT]++;
	free(owner);
}

static void
check_balset(const struct topo *t, const struct request *rq,
    const struct pinning *p)
{
	struct request one = *rq;
	struct pinning b;
	struct cpuset want;
	long per = t->cores / t->sockets, k, j, i, c;
	char *msg;

	one.ps = PS_BAL_ONE;
	if (get_pins(t, &one, &b) < 0) {
		pinning_free(&b);
		return;
	}
	cpuset_init(&want);
	for (k = 0; k < p->slots; k++)
		for (j = 0; j < p->cpv; j++) {
			c = first_core(&b.v[k][j]);
			cpuset_clear(&want);
			for (i = 0; i < p->cpv; i++)
				if (first_core(&b.v[k][i]) / per == c / per)
					cpuset_add(&want, (size_t)first_core(&b.v[k][i]));
			if (!cpuset_has(&p->v[k][j], (size_t)c) ||
			    !cpuset_equal(&p->v[k][j], &want)) {
				msg = xasprintf("slot %ld vcpu %ld: BAL-ONE core %ld", k,
				    j, c);
				report(P_BALSET, t, rq, msg);
				free(msg);
				k = p->slots;
				break;
			}
		}
	nchecked[P_BALSET]++;
	cpuset_free(&want);
	pinning_free(&b);
}

/* Cores of slot k on each socket: min and max over sockets (all or used). */
static void
socket_counts(const struct topo *t, const struct pinning *p, long k,
    int used_only, long *min, long *max, long *nused)
{
	long *n = xcalloc((size_t)t->sockets, sizeof *n), j, s;
	long per = t->cores / t->sockets;

	for (j = 0; j < p->cpv; j++)
		n[first_core(&p->v[k][j]) / per]++;
	*min = -1;
	*max = *nused = 0;
	for (s = 0; s < t->sockets; s++) {
		if (used_only && !n[s])
			continue;
		*nused += n[s] > 0;
		if (*min < 0 || n[s] < *min)
			*min = n[s];
		if (n[s] > *max)
			*max = n[s];
	}
	free(n);
}

static void
check_balance(const struct topo *t, const struct request *rq,
    const struct pinning *p)
{
	long k, min, max, used, per = t->cores / t->sockets;
	int prop = rq->ps == PS_SPLIT ? P_SPLIT : P_BALONE;
	char *msg;

	if (rq->ps == PS_BAL_ONE && rq->cpv > per)
		return;
	for (k = 0; k < p->slots; k++) {
		socket_counts(t, p, k, prop == P_BALONE, &min, &max, &used);
		if (max - min > 1) {
			msg = xasprintf("slot %ld has %ld to %ld cores per socket", k,
			    min, max);
			report(prop, t, rq, msg);
			free(msg);
			break;
		}
	}
	nchecked[prop]++;
}

/* The original's formulas (spec 3.3): cores[slot][vcpu] as sets; NULL if
 * they are not a valid pinning (overlap, outside the PM, vcpus left out). */
static struct cpuset **
original(const struct topo *t, const struct request *rq, long slots)
{
	long C = t->cores, S = t->sockets, P = C / S, cpv = rq->cpv;
	struct cpuset **v = xcalloc((size_t)slots, sizeof *v);
	unsigned char *used = xcalloc((size_t)C, 1);
	long *flat = xcalloc((size_t)cpv, sizeof *flat);
	long i, j, s, k, n, blk, first, h;
	int valid = 1;

	for (i = 0; i < slots; i++) {
		v[i] = xcalloc((size_t)cpv, sizeof **v);
		for (j = 0; j < cpv; j++)
			cpuset_init(&v[i][j]);
		n = 0;
		first = (i % S) * P + (i / S) * cpv;
		switch (rq->ps) {
		case PS_GREEDY:
			for (j = 0; j < cpv; j++)
				flat[n++] = i * cpv + j;
			break;
		case PS_BAL_ONE:
		case PS_BAL_SET:
			if (cpv == 4 && i == 2 && P == 6) {
				flat[0] = 4, flat[1] = 5, flat[2] = 10, flat[3] = 11;
				n = 4;
			} else {
				for (j = 0; j < cpv; j++)
					flat[n++] = first + j;
			}
			break;
		case PS_SPLIT:
			if (cpv == 1) {
				flat[n++] = first;
				break;
			}
			h = cpv / S;
			for (s = 0; s < S; s++)
				for (k = 0; k < h; k++)
					flat[n++] = i * h + s * P + k;
			break;
		default:
			break;
		}
		if (n != cpv)
			valid = 0;
		for (j = 0; j < n; j++) {
			if (flat[j] >= C || used[flat[j]])
				valid = 0;
			else
				used[flat[j]] = 1;
		}
		if (!valid)
			break;
		if (rq->ps == PS_BAL_SET && cpv == 4 && i == 2 && P == 6) {
			for (j = 0; j < cpv; j++) {
				cpuset_add(&v[i][j], (size_t)flat[j < 2 ? 0 : 2]);
				cpuset_add(&v[i][j], (size_t)flat[j < 2 ? 1 : 3]);
			}
			continue;
		}
		if (rq->ps != PS_BAL_SET) {
			for (j = 0; j < cpv; j++)
				cpuset_add(&v[i][j], (size_t)flat[j]);
			continue;
		}
		for (blk = 0; blk * P < cpv; blk++)
			for (j = blk * P; j < cpv && j < blk * P + P; j++)
				for (k = blk * P; k < cpv && k < blk * P + P; k++)
					cpuset_add(&v[i][j], (size_t)flat[k]);
	}
	free(used);
	free(flat);
	if (valid)
		return v;
	for (k = 0; k < slots; k++) {
		if (!v[k])
			continue;
		for (j = 0; j < cpv; j++)
			cpuset_free(&v[k][j]);
		free(v[k]);
	}
	free(v);
	return NULL;
}

static void
check_original(const struct topo *t, const struct request *rq,
    const struct pinning *p)
{
	struct cpuset **o = original(t, rq, p->slots);
	struct buf a = { 0 }, b = { 0 };
	long k, j;
	int same = 1;

	if (!o)
		return;
	for (k = 0; k < p->slots; k++) {
		for (j = 0; j < p->cpv; j++) {
			same &= cpuset_equal(&o[k][j], &p->v[k][j]);
			buf_adds(&a, j ? ";" : k ? " | " : "");
			buf_adds(&b, j ? ";" : k ? " | " : "");
			cpuset_print(&o[k][j], &a);
			cpuset_print(&p->v[k][j], &b);
			cpuset_free(&o[k][j]);
		}
		free(o[k]);
	}
	free(o);
	if (!same) {
		char *msg = xasprintf("original %s, vsp %s", buf_str(&a),
		    buf_str(&b));

		report(P_ORIG, t, rq, msg);
		free(msg);
	}
	nchecked[P_ORIG]++;
	buf_free(&a);
	buf_free(&b);
}

static void
check_topology(const struct topo *t)
{
	struct hw hw = { .cores = t->cores, .sockets = t->sockets, .mem = 1 };
	struct request rq = { 0 };
	struct pinning p;
	char why[256];
	long before[P_COUNT], ncases = 0;
	int prop, ps;

	memcpy(before, nfail, sizeof before);
	for (rq.nc = 1; rq.nc <= t->cores * NODES; rq.nc++)
		for (rq.cpv = 1; rq.cpv <= t->cores; rq.cpv++)
			for (rq.idf = -1; rq.idf <= t->cores; rq.idf++)
				for (ps = 0; ps < PS_COUNT; ps++) {
					rq.ps = (enum pstrat)ps;
					if (place_invalid(&hw, NODES, &rq, why, sizeof why))
						continue;
					ncases++;
					if (get_pins(t, &rq, &p) == 0 && rq.ps != PS_NONE) {
						check_inside_disjoint(t, &rq, &p);
						if (rq.ps == PS_BAL_SET)
							check_balset(t, &rq, &p);
						if (rq.ps == PS_SPLIT || rq.ps == PS_BAL_ONE)
							check_balance(t, &rq, &p);
						check_original(t, &rq, &p);
					}
					pinning_free(&p);
				}
	for (prop = 0; prop < P_COUNT; prop++) {
		char *name = xasprintf("%ld cores %ld sockets: %s", t->cores,
		    t->sockets, pname[prop]);

		ok(nfail[prop] == before[prop], name);
		free(name);
	}
	printf("# %ld cores %ld sockets: %ld placements checked\n", t->cores,
	    t->sockets, ncases);
}

int
main(void)
{
	size_t i;

	original_vectors();
	for (i = 0; i < sizeof topos / sizeof *topos; i++)
		check_topology(&topos[i]);
	ok(nchecked[P_ORIG] > 0 && nchecked[P_BALSET] > 0 &&
	    nchecked[P_SPLIT] > 0 && nchecked[P_BALONE] > 0,
	    "every property was checked");
	return done();
}
