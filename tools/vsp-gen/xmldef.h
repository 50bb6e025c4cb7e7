/*
 * The original's experiment definition XML (<scenarios><scenario>
 * <experiment>..., or the older <experiments><experiment><clusters>
 * <cluster><app>...), read with libxml2 into experiments rows of vsp-gen.
 * vsp-gen(1) documents the mapping of elements to columns.
 */
#ifndef VSP_XMLDEF_H
#define VSP_XMLDEF_H

#include <stddef.h>

#include "buf.h"
#include "conf.h"
#include "place.h"

/* Extra columns of vsp-gen -X, after exp app nc cpv idf pstrat runs first. */
#define XMLDEF_EXTRA "name\ttrial\targs\tprocpin\tknem\tnetwork\tdisk\tinfiniband"

/* The columns of XMLDEF_EXTRA after trial, in its order. */
enum xmlcol {
	XC_ARGS,
	XC_PROCPIN,	/* mpirun --bind-to value; the original's default none */
	XC_KNEM,	/* yes, no; the original's default no */
	XC_NETWORK,	/* virtio, vhost, sr-iov */
	XC_DISK,	/* ide, scsi, virtio */
	XC_INFINIBAND,	/* yes, no */
	XC_N
};

struct xmlexp {
	unsigned long line;	/* of <experiment> */
	char *name;		/* the original's experiment name */
	long trials;
	struct request rq;
	unsigned long rq_line;	/* of <mapping> (or <topology>): for messages */
	char *app;
	long runs;
	/* by enum xmlcol; "" when the XML does not give it (the configured
	 * default applies) but for procpin and knem */
	char *col[XC_N];
};

struct xmldef {
	char *path;
	struct xmlexp *v;
	size_t n;
};

/*
 * Reads the file ("-": standard input). 0, or -1 with "path:line: what is
 * wrong" in err. Notes (such as the cluster <tuning> being ignored) go to
 * standard error through warnx.
 */
int xmldef_read(struct xmldef *d, const char *path, struct buf *err);

/*
 * Appends the header and one row per experiment and trial, after checking
 * every experiment against the hardware and nodes and that ids are unique.
 * 0, or -1 with err set and nothing appended.
 */
int xmldef_rows(const struct xmldef *d, const struct hw *hw, long nodes,
	struct buf *out, struct buf *err);

void xmldef_free(struct xmldef *d);

#endif
