/* Conversion of a sadc data file into the series of vsp(7). */
#ifndef VSP_MON_SADF_H
#define VSP_MON_SADF_H

#include <stdio.h>

#include "buf.h"

/* Writes the header and the rows of sa to out. 0, or -1 with err. */
int sadf_series(const char *sa, const char *host, const char *kind,
	FILE *out, struct buf *err);

#endif
