/* Conversion of a sadc data file into the series of vsp(7). */
#ifndef VSP_MON_SADF_H
#define VSP_MON_SADF_H

#include <stdio.h>

#include "buf.h"

/* Writes the header and the rows of sa to out, each sadf run killed after
 * timeout seconds. 0, or -1 with err (also when sa holds no sample). */
int sadf_series(const char *sa, const char *host, const char *kind,
	long timeout, FILE *out, struct buf *err);

#endif
