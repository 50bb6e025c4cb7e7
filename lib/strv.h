/* Arrays of strings: finding one, freeing them. */
#ifndef VSP_STRV_H
#define VSP_STRV_H

#include <stddef.h>
#include <stdint.h>

/* Ends at a NULL entry rather than at a count. */
#define STRV_NULL SIZE_MAX

/* The index of s among v[0..n) (or up to a NULL), or -1. */
int strv_index(char *const *v, size_t n, const char *s);
/* Frees v[0..n) (or up to a NULL) and v (NULL: nothing). */
void strv_free(char **v, size_t n);

#endif
