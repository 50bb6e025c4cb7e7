/* Lists of integers on the command line: "1,2,4", "1-12", "all", "-1,4-8". */
#ifndef VSP_NUMLIST_H
#define VSP_NUMLIST_H

#include <stddef.h>

struct numlist {
	long *v;	/* ascending, no duplicates */
	size_t n;
};

/*
 * Parses s; "all" stands for lo..hi. Values outside [min, max] are kept
 * for the caller to reject with a reason. 0, or -1 with err set.
 */
int numlist_parse(struct numlist *l, const char *s, long lo, long hi,
	char *err, size_t errsz);
int numlist_has(const struct numlist *l, long v);
/* 1 if the comma-separated list s has an empty item ("", "1,,2", "1,"). */
int list_has_empty(const char *s);
void numlist_free(struct numlist *l);

#endif
