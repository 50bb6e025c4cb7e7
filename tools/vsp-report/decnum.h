/* Decimal numbers as the data sets hold them: [+-]digits[.digits][e[+-]digits]. */
#ifndef VSP_DECNUM_H
#define VSP_DECNUM_H

#include <stddef.h>

/* 1 if the number s[0..n-1], which has an exponent, is finite. */
int decnum_finite(const char *s, size_t n);
/* decnum_ok, then its value in *out. 0, or -1 if s is not one. */
int decnum_parse(const char *s, double *out);

/* 1 if s[0..n-1] is a finite decimal number: no hex, inf, nan or blanks.
 * Inline: series files check two numbers a line. */
static inline int
decnum_ok(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
	if (!d)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != 'e' && s[i] != 'E')
		return 0;
	i++;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return decnum_finite(s, n);
}

#endif
