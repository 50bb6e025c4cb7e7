/*
 * The monitored series of vsp(7): <rundir>/mon/<host>.tsv, one value a row
 * (time host kind metric device value), and their per-run summaries.
 */
#ifndef VSP_SERIES_H
#define VSP_SERIES_H

#include <stdio.h>

#include "buf.h"
#include "tsv.h"

/* The columns of a series file, in this order (the header line). */
#define SERIES_COLS "time\thost\tkind\tmetric\tdevice\tvalue"
enum series_col { SC_TIME, SC_HOST, SC_KIND, SC_METRIC, SC_DEVICE, SC_VALUE,
	SERIES_NCOLS };

enum series_kind { SERIES_VM, SERIES_PM, SERIES_NKINDS };

/* "vm" or "pm". */
const char *series_kind_name(enum series_kind k);
/* The kind named s, or -1. */
int series_kind(const char *s);
/* Appends one row of a series file, each field escaped as TSV needs. */
void series_row(struct buf *b, const char *const f[SERIES_NCOLS]);

/* A series file being read: its rows' fields by column (SC_*). */
struct series_reader {
	struct tsv_reader r;
	int c[SERIES_NCOLS];		/* input column of each SC_* */
	const char *f[SERIES_NCOLS];	/* the current row's fields */
	double t;			/* its time */
};

/* Reads the header: every column must be there. 0, or -1 with err. */
int series_open(struct series_reader *s, FILE *fp, const char *name,
	struct buf *err);
/* 1 with a row whose time is a number, 0 at the end, or -1 with err. */
int series_next(struct series_reader *s, struct buf *err);
/* The current row's value as a number: 0, or -1 with err. */
int series_value(const struct series_reader *s, double *v, struct buf *err);
void series_close(struct series_reader *s);

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
