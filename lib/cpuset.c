#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuset.h"
#include "err.h"

void
cpuset_init(struct cpuset *cs)
{
	cs->bits = NULL;
	cs->nbits = 0;
}

void
cpuset_free(struct cpuset *cs)
{
	free(cs->bits);
	cpuset_init(cs);
}

void
cpuset_clear(struct cpuset *cs)
{
	if (cs->bits)
		memset(cs->bits, 0, cs->nbits / 8);
}

void
cpuset_add(struct cpuset *cs, size_t core)
{
	if (core >= cs->nbits) {
		size_t n = cs->nbits ? cs->nbits : 64;

		while (n <= core)
			n *= 2;
		cs->bits = xrealloc(cs->bits, n / 8);
		memset(cs->bits + cs->nbits / 8, 0, (n - cs->nbits) / 8);
		cs->nbits = n;
	}
	cs->bits[core / 8] |= (unsigned char)(1u << (core % 8));
}

static void
cpuset_del(struct cpuset *cs, size_t core)
{
	if (core < cs->nbits)
		cs->bits[core / 8] &= (unsigned char)~(1u << (core % 8));
}

int
cpuset_has(const struct cpuset *cs, size_t core)
{
	return core < cs->nbits && (cs->bits[core / 8] >> (core % 8) & 1);
}

size_t
cpuset_count(const struct cpuset *cs)
{
	size_t i, n = 0;

	for (i = 0; i < cs->nbits; i++)
		n += (size_t)cpuset_has(cs, i);
	return n;
}

int
cpuset_equal(const struct cpuset *a, const struct cpuset *b)
{
	size_t i, n = a->nbits > b->nbits ? a->nbits : b->nbits;

	for (i = 0; i < n; i++)
		if (cpuset_has(a, i) != cpuset_has(b, i))
			return 0;
	return 1;
}

/* Reads a core number at *p; -1 if there is none or it is too big. */
static long
read_core(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	for (; **p >= '0' && **p <= '9'; (*p)++) {
		v = v * 10 + (**p - '0');
		if (v >= CPUSET_MAX)
			return -1;
	}
	return v;
}

int
cpuset_parse(struct cpuset *cs, const char *s, char *err, size_t errsz)
{
	const char *p = s;
	long lo, hi, c;
	int neg;

	cpuset_clear(cs);
	for (;;) {
		neg = *p == '^';
		if (neg)
			p++;
		if ((lo = read_core(&p)) < 0)
			goto bad;
		hi = lo;
		if (*p == '-') {
			p++;
			if ((hi = read_core(&p)) < 0 || hi < lo)
				goto bad;
		}
		if (neg && hi != lo)
			goto bad;
		for (c = lo; c <= hi; c++) {
			if (neg)
				cpuset_del(cs, (size_t)c);
			else
				cpuset_add(cs, (size_t)c);
		}
		if (!*p)
			break;
		if (*p++ != ',')
			goto bad;
	}
	if (!cpuset_count(cs)) {
		snprintf(err, errsz, "cpuset \"%s\" is empty", s);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errsz, "cpuset \"%s\" is malformed", s);
	return -1;
}

void
cpuset_print(const struct cpuset *cs, struct buf *b)
{
	size_t i, j;
	int first = 1;

	for (i = 0; i < cs->nbits; i++) {
		if (!cpuset_has(cs, i))
			continue;
		for (j = i; j + 1 < cs->nbits && cpuset_has(cs, j + 1); j++)
			;
		if (!first)
			buf_addc(b, ',');
		buf_addlong(b, (long)i);
		if (j > i) {
			buf_addc(b, '-');
			buf_addlong(b, (long)j);
		}
		first = 0;
		i = j;
	}
}
