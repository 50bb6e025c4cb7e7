#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cpuset.h"
#include "err.h"
#include "place.h"

static const char *const names[PS_COUNT] = {
	"NONE", "BAL-SET", "SPLIT", "GREEDY", "BAL-ONE"
};

const char *
pstrat_name(enum pstrat ps)
{
	return names[ps];
}

int
pstrat_parse(const char *s)
{
	int i;
	size_t j, n = strlen(s);

	for (i = 0; i < PS_COUNT; i++) {
		if (strlen(names[i]) != n)
			continue;
		for (j = 0; j < n; j++) {
			char a = s[j] == '_' ? '-' : s[j];

			if ((a | 0x20) != (names[i][j] | 0x20) && a != names[i][j])
				break;
		}
		if (j == n)
			return i;
	}
	return -1;
}

long
place_pms(const struct request *rq)
{
	if (rq->idf < 0)
		return rq->nc / rq->cpv;
	return rq->idf == 0 ? 1 : rq->nc / rq->idf;
}

long
place_slots(const struct request *rq)
{
	if (rq->idf < 0)
		return 1;
	return (rq->idf == 0 ? rq->nc : rq->idf) / rq->cpv;
}

const char *
place_invalid(const struct hw *hw, long nodes, const struct request *rq,
    char *why, size_t n)
{
	long pms;

	if (rq->nc < 1)
		snprintf(why, n, "nc %ld is not a positive integer", rq->nc);
	else if (rq->cpv < 1)
		snprintf(why, n, "cpv %ld is not a positive integer", rq->cpv);
	else if (rq->idf < -1)
		snprintf(why, n, "idf %ld is below -1", rq->idf);
	else if (rq->first < 0 || rq->first >= nodes)
		snprintf(why, n, "first %ld is not a PM index (vsp.nodes lists %ld)",
		    rq->first, nodes);
	else if (rq->cpv > hw->cores)
		snprintf(why, n, "cpv %ld exceeds the %ld cores of a PM", rq->cpv,
		    hw->cores);
	else if (rq->nc % rq->cpv)
		snprintf(why, n, "cpv %ld does not divide nc %ld", rq->cpv, rq->nc);
	else if (rq->idf == -1 && rq->ps != PS_NONE)
		snprintf(why, n, "pstrat %s needs VMs (idf -1 is the physical cluster)",
		    pstrat_name(rq->ps));
	else if (rq->idf == 0 && rq->nc > hw->cores)
		snprintf(why, n, "nc %ld does not fit the %ld cores of one PM (idf 0)",
		    rq->nc, hw->cores);
	else if (rq->idf > hw->cores)
		snprintf(why, n, "idf %ld exceeds the %ld cores of a PM", rq->idf,
		    hw->cores);
	else if (rq->idf > 0 && rq->idf == rq->nc)
		snprintf(why, n, "idf %ld equals nc (use idf 0 for one PM)", rq->idf);
	else if (rq->idf > 0 && rq->nc % rq->idf)
		snprintf(why, n, "idf %ld does not divide nc %ld", rq->idf, rq->nc);
	else if (rq->idf > 0 && rq->idf % rq->cpv)
		snprintf(why, n, "cpv %ld does not divide idf %ld", rq->cpv, rq->idf);
	else if (rq->idf > 0 && nodes < 2)
		snprintf(why, n, "idf %ld needs more than one PM (vsp.nodes lists %ld)",
		    rq->idf, nodes);
	else if ((pms = place_pms(rq)) > nodes - rq->first)
		snprintf(why, n, "needs %ld PMs from PM %ld on but vsp.nodes lists %ld",
		    pms, rq->first, nodes);
	else
		return NULL;
	return why;
}

int
place_pstrat_useful(const struct hw *hw, const struct request *rq)
{
	switch (rq->ps) {
	case PS_NONE:
	case PS_BAL_ONE:
		return 1;
	case PS_BAL_SET:
		return rq->cpv != 1;
	case PS_GREEDY:
		return !(rq->cpv == rq->idf || rq->nc == rq->cpv ||
		    rq->idf == hw->cores);
	case PS_SPLIT:
		return rq->cpv != 1 && rq->cpv != hw->cores && rq->cpv % 2 == 0;
	default:
		return 0;
	}
}

/* Cores of one PM in use by the slots placed so far. */
struct pm {
	long cores, sockets, per;	/* per: cores per socket */
	unsigned char *used;
	long *nfree;			/* free cores of each socket */
	size_t *set_at, *set_len;	/* BAL-SET: each socket's printed set */
};

static void
take(struct pm *pm, long core, long *out, long *n)
{
	pm->used[core] = 1;
	pm->nfree[core / pm->per]--;
	out[(*n)++] = core;
}

/* Takes the first k free cores of socket s. */
static void
take_socket(struct pm *pm, long s, long k, long *out, long *n)
{
	long c;

	for (c = s * pm->per; k > 0 && c < (s + 1) * pm->per; c++)
		if (!pm->used[c]) {
			take(pm, c, out, n);
			k--;
		}
}

/*
 * Spreads k cores over the sockets, at least base on each where possible,
 * the rest one at a time to the socket with most free cores left.
 */
static void
take_spread(struct pm *pm, long k, long base, long *out, long *n)
{
	long *share = xcalloc((size_t)pm->sockets, sizeof *share);
	long s, best, left = k;

	for (s = 0; s < pm->sockets; s++) {
		share[s] = base < pm->nfree[s] ? base : pm->nfree[s];
		left -= share[s];
	}
	for (; left > 0; left--) {
		for (best = 0, s = 1; s < pm->sockets; s++)
			if (pm->nfree[s] - share[s] > pm->nfree[best] - share[best])
				best = s;
		share[best]++;
	}
	for (s = 0; s < pm->sockets; s++)
		take_socket(pm, s, share[s], out, n);
	free(share);
}

/*
 * BAL-ONE: the original's core first = (k mod S)*P + (k/S)*cpv onwards
 * while those cores are free; else the first free cores of that socket;
 * else split evenly over the sockets (12 cores, 2 sockets, cpv 4, slot 2).
 */
static void
bal_one(struct pm *pm, long k, long cpv, long *out)
{
	long s = k % pm->sockets, first = s * pm->per + k / pm->sockets * cpv;
	long c, n = 0;

	for (c = first; c < first + cpv && c < pm->cores && !pm->used[c]; c++)
		;
	if (c == first + cpv) {
		for (c = first; c < first + cpv; c++)
			take(pm, c, out, &n);
	} else if (pm->nfree[s] >= cpv) {
		take_socket(pm, s, cpv, out, &n);
	} else {
		take_spread(pm, cpv, 0, out, &n);
	}
}

static void
print_single(struct buf *b, const long *cores, long n)
{
	long j;

	for (j = 0; j < n; j++) {
		if (j)
			buf_addc(b, ';');
		buf_addlong(b, cores[j]);
	}
}

/*
 * BAL-SET: each vcpu may run on its VM's cores in its own socket. The
 * vcpus of a socket share one set: printed once, copied for the others.
 */
static void
print_sets(struct buf *b, struct pm *pm, const long *cores, long n)
{
	struct cpuset cs;
	long j, i, s;

	cpuset_init(&cs);
	for (s = 0; s < pm->sockets; s++)
		pm->set_len[s] = 0;
	for (j = 0; j < n; j++) {
		if (j)
			buf_addc(b, ';');
		s = cores[j] / pm->per;
		if (pm->set_len[s]) {
			buf_grow(b, pm->set_len[s]);
			memcpy(b->s + b->len, b->s + pm->set_at[s], pm->set_len[s]);
			b->len += pm->set_len[s];
			b->s[b->len] = '\0';
			continue;
		}
		cpuset_clear(&cs);
		for (i = 0; i < n; i++)
			if (cores[i] / pm->per == s)
				cpuset_add(&cs, (size_t)cores[i]);
		pm->set_at[s] = b->len;
		cpuset_print(&cs, b);
		pm->set_len[s] = b->len - pm->set_at[s];
	}
	cpuset_free(&cs);
}

void
place_pins(const struct hw *hw, const struct request *rq, struct buf *pins)
{
	struct pm pm;
	long k, n, slots = place_slots(rq), s;
	long *cores = xcalloc((size_t)rq->cpv, sizeof *cores);

	pm.cores = hw->cores;
	pm.sockets = hw->sockets;
	pm.per = hw->cores / hw->sockets;
	pm.used = xcalloc((size_t)hw->cores, 1);
	pm.nfree = xcalloc((size_t)hw->sockets, sizeof *pm.nfree);
	pm.set_at = xcalloc((size_t)hw->sockets, sizeof *pm.set_at);
	pm.set_len = xcalloc((size_t)hw->sockets, sizeof *pm.set_len);
	for (s = 0; s < pm.sockets; s++)
		pm.nfree[s] = pm.per;
	for (k = 0; k < slots; k++) {
		buf_reset(&pins[k]);
		buf_adds(&pins[k], "");
		if (rq->idf < 0 || rq->ps == PS_NONE)
			continue;
		n = 0;
		switch (rq->ps) {
		case PS_GREEDY:
			for (s = 0; s < pm.sockets; s++)
				take_socket(&pm, s, rq->cpv - n, cores, &n);
			print_single(&pins[k], cores, rq->cpv);
			break;
		case PS_SPLIT:
			/* one vcpu is placed as by BAL-ONE, as the original did */
			if (rq->cpv > 1)
				take_spread(&pm, rq->cpv, rq->cpv / pm.sockets,
				    cores, &n);
			else
				bal_one(&pm, k, rq->cpv, cores);
			print_single(&pins[k], cores, rq->cpv);
			break;
		case PS_BAL_ONE:
			bal_one(&pm, k, rq->cpv, cores);
			print_single(&pins[k], cores, rq->cpv);
			break;
		case PS_BAL_SET:
			bal_one(&pm, k, rq->cpv, cores);
			print_sets(&pins[k], &pm, cores, rq->cpv);
			break;
		default:
			break;
		}
	}
	free(pm.used);
	free(pm.nfree);
	free(pm.set_at);
	free(pm.set_len);
	free(cores);
}
