/* Doubles as text: the shortest form that reads back as the same double. */
#ifndef VSP_DFMT_H
#define VSP_DFMT_H

#include <stddef.h>

#define DFMT_MAX 32	/* enough for any double and its NUL */

/* Writes v to s (DFMT_MAX bytes): "%.*g" with the fewest digits that round-trip,
 * in plain notation for magnitudes in [1e-4, 1e15). Returns s. */
char *dfmt(char *s, double v);

#endif
