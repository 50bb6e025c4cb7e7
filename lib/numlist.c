#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "numlist.h"

#define RANGE_MAX 10000000L	/* one list never needs more values */

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static void
push(struct numlist *l, size_t *cap, long v)
{
	if (l->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		l->v = xreallocarray(l->v, *cap, sizeof *l->v);
	}
	l->v[l->n++] = v;
}

/* A range "a-b" where a may itself be negative ("-1" alone is a number). */
static int
parse_item(const char *item, long *a, long *b)
{
	const char *dash = strchr(item + (item[0] == '-'), '-');
	char *lo;
	int rc;

	if (!dash)
		return num_long(item, -RANGE_MAX, RANGE_MAX, a) ? -1 :
		    (*b = *a, 0);
	lo = xstrndup(item, (size_t)(dash - item));
	rc = num_long(lo, -RANGE_MAX, RANGE_MAX, a) ||
	    num_long(dash + 1, -RANGE_MAX, RANGE_MAX, b) || *b < *a ? -1 : 0;
	free(lo);
	return rc;
}

int
list_has_empty(const char *s)
{
	return !*s || *s == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,");
}

int
numlist_parse(struct numlist *l, const char *s, long lo, long hi,
    char *err, size_t errsz)
{
	char *copy = xstrdup(s), *item, *save = NULL;
	size_t cap = 0, i, j;
	long a, b, v;

	l->v = NULL;
	l->n = 0;
	if (list_has_empty(s)) {
		snprintf(err, errsz, "\"%s\" has an empty item", s);
		goto bad;
	}
	for (item = strtok_r(copy, ",", &save); item;
	    item = strtok_r(NULL, ",", &save)) {
		if (!strcmp(item, "all")) {
			a = lo;
			b = hi;
		} else if (parse_item(item, &a, &b) < 0) {
			snprintf(err, errsz, "\"%s\" is not a number or range", item);
			goto bad;
		}
		if (b - a >= RANGE_MAX) {
			snprintf(err, errsz, "range \"%s\" is too large", item);
			goto bad;
		}
		for (v = a; v <= b; v++)
			push(l, &cap, v);
	}
	qsort(l->v, l->n, sizeof *l->v, cmp_long);
	for (i = j = 1; i < l->n; i++)
		if (l->v[i] != l->v[j - 1])
			l->v[j++] = l->v[i];
	l->n = j;
	free(copy);
	return 0;
bad:
	free(copy);
	numlist_free(l);
	return -1;
}

int
numlist_has(const struct numlist *l, long v)
{
	return bsearch(&v, l->v, l->n, sizeof v, cmp_long) != NULL;
}

void
numlist_free(struct numlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
