/* Conversion of a sadc data file into the series of vsp(7). */
#ifndef VSP_MON_SADF_H
#define VSP_MON_SADF_H

#include <stdio.h>

#include "buf.h"

/* Writes the header and the rows of sa to out, each sadf run killed after
 * timeout seconds. 0, or -1 with err (also when sadf prints nothing). */
int sadf_series(const char *sa, const char *host, const char *kind,
	long timeout, FILE *out, struct buf *err);

/* Converts the text sadf -d printed for report 0 (-P ALL), 1 (-r) or 2
 * (-n DEV) into rows of out: the number of data rows, or -1 with err. */
long sadf_convert(size_t report, char *text, const char *host,
	const char *kind, FILE *out, struct buf *err);
#define SADF_REPORTS 3

#endif
