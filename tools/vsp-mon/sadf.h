/* Conversion of a sadc data file into the series of vsp(7). */
#ifndef VSP_MON_SADF_H
#define VSP_MON_SADF_H

#include <stdio.h>

#include "buf.h"

/* Writes the header and the rows of sa to out, from one sadf run killed
 * after timeout seconds. 0, or -1 with err (also when sadf prints nothing). */
int sadf_series(const char *sa, const char *host, const char *kind,
	long timeout, FILE *out, struct buf *err);

/*
 * Converts the text sadf -d printed for its CPU (-u -P ALL), memory (-r)
 * and network (-n DEV) reports into rows of out, by report in that order:
 * the number of data lines, or -1 with err (nothing written).
 */
long sadf_convert(char *text, const char *host, const char *kind, FILE *out,
	struct buf *err);
#define SADF_REPORTS 3

#endif
