#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dfmt.h"

char *
dfmt(char *s, double v)
{
	int p, e;

	if (v == 0) {
		strcpy(s, "0");	/* also for -0 */
		return s;
	}
	for (p = 1; p < 17; p++) {
		snprintf(s, DFMT_MAX, "%.*g", p, v);
		if (strtod(s, NULL) == v)
			break;
	}
	if (p == 17)
		snprintf(s, DFMT_MAX, "%.17g", v);
	if (!strchr(s, 'e') || fabs(v) < 1e-4 || fabs(v) >= 1e15)
		return s;
	/* %g chose an exponent because p <= e: v is an integer below 2^53. */
	e = (int)floor(log10(fabs(v)));
	snprintf(s, DFMT_MAX, "%.*f", p - 1 - e > 0 ? p - 1 - e : 0, v);
	return s;
}
