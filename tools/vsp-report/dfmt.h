/*
 * Derived numbers (statistics) as text: 15 significant digits (DBL_DIG),
 * trailing zeros dropped. Every decimal of up to 15 digits prints as
 * itself, so the mean of 24.3 and 24.6 is "24.45", not the binary
 * neighbour "24.450000000000003"; the error is below 1e-15 relative.
 */
#ifndef VSP_DFMT_H
#define VSP_DFMT_H

#define DFMT_MAX 32	/* enough for any double and its NUL */

/* Writes v to s (DFMT_MAX bytes) as "%.15g" ("0" for -0); returns s. */
char *dfmt(char *s, double v);

#endif
