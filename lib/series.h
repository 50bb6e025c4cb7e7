/*
 * The monitored series of vsp(7): <rundir>/mon/<host>.tsv, one value a row
 * (time host kind metric device value), and their per-run summaries.
 */
#ifndef VSP_SERIES_H
#define VSP_SERIES_H

#include "buf.h"

#define SERIES_HEADER "time\thost\tkind\tmetric\tdevice\tvalue\n"

enum series_kind { SERIES_VM, SERIES_PM, SERIES_NKINDS };

/* "vm" or "pm". */
const char *series_kind_name(enum series_kind k);
/* The kind named s, or -1. */
int series_kind(const char *s);

/* Sums over the samples of every host of one kind. */
struct series_acc {
	double busy_sum, busy_max;	/* 100 - cpu_idle of device all */
	unsigned long busy_n;
	double mem_sum;			/* mem_used_kb */
	unsigned long mem_n;
	double rx_sum, tx_sum;		/* net_*_kbs, lo excluded */
	unsigned long rx_n, tx_n;	/* distinct sample times */
	unsigned long hosts;
};

struct series_sum {
	struct series_acc kind[SERIES_NKINDS];
	unsigned long rows;		/* rows read, for benchmarks */
};

/*
 * Adds the series file of host: the samples that overlap lo..hi (a
 * sample at time t covers the time since the sample before it, so lo < t
 * and that sample's time < hi; the first covers all before it). 0, or -1
 * with "name:line: what is wrong" in err (nothing of the file is added).
 */
int series_add_file(struct series_sum *s, const char *path, const char *name,
	const char *host, double lo, double hi, struct buf *err);

/* v rounded to 6 decimals, without trailing zeros ("12.5", "3"). */
void series_fmt(struct buf *b, double v);

#endif
