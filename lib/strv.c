#include <stdlib.h>
#include <string.h>

#include "strv.h"

int
strv_index(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n && v[i]; i++)
		if (!strcmp(v[i], s))
			return (int)i;
	return -1;
}

void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n && (n != STRV_NULL || v[i]); i++)
		free(v[i]);
	free(v);
}
