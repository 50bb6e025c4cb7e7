#include <stdlib.h>
#include <string.h>

#include "decnum.h"
#include "err.h"
#include "num.h"

int
decnum_finite(const char *s, size_t n)
{
	char *copy = xstrndup(s, n);	/* 1e999 overflows: strtod judges */
	double v;
	int ok = num_double(copy, &v) == 0;

	free(copy);
	return ok;
}

int
decnum_parse(const char *s, double *out)
{
	if (!decnum_ok(s, strlen(s)))
		return -1;
	return num_double(s, out);
}
