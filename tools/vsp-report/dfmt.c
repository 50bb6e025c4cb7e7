#include <stdio.h>

#include "dfmt.h"

char *
dfmt(char *s, double v)
{
	snprintf(s, DFMT_MAX, "%.15g", v == 0 ? 0.0 : v);
	return s;
}
