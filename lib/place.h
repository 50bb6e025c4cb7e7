/* Placement rules and pinning strategies (vsp-place(1), Placement, Pinning). */
#ifndef VSP_PLACE_H
#define VSP_PLACE_H

#include <stddef.h>

#include "buf.h"
#include "conf.h"

/* In the original's enumeration order. */
enum pstrat { PS_NONE, PS_BAL_SET, PS_SPLIT, PS_GREEDY, PS_BAL_ONE, PS_COUNT };

struct request {
	long nc;	/* virtual cores */
	long cpv;	/* cores per VM (processes per PM when idf = -1) */
	long idf;	/* cores per PM; 0: one PM; -1: physical cluster */
	enum pstrat ps;
	long first;	/* index of the first PM in vsp.nodes */
};

const char *pstrat_name(enum pstrat ps);
/* BAL-ONE, BAL_ONE and bal-one alike; -1 if unknown. */
int pstrat_parse(const char *s);

/* PMs used: 1 for idf 0, nc/idf, or nc/cpv for the physical cluster. */
long place_pms(const struct request *rq);
/* Rows per PM: VMs per PM, or 1 for the physical cluster. */
long place_slots(const struct request *rq);

/* NULL if rq fits the hardware and nodes, else why not (in why). */
const char *place_invalid(const struct hw *hw, long nodes,
	const struct request *rq, char *why, size_t whysz);
/* 1 if ps is not redundant for (nc, cpv, idf) (vsp-gen(1), The valid space). */
int place_pstrat_useful(const struct hw *hw, const struct request *rq);

/*
 * Pinning of every slot of one PM: pins[k] gets the "pin" field of slot k
 * (vcpu cpusets separated by ';', empty for NONE). rq must be valid.
 */
void place_pins(const struct hw *hw, const struct request *rq,
	struct buf *pins);

#endif
