/* Arrays of elements that own memory. */
#ifndef VSP_ARRAY_H
#define VSP_ARRAY_H

#include <stdlib.h>

/*
 * Frees each of the n elements of the array v with elem_free, the element
 * type's own function (elem_free(&v[i]): the compiler checks the type),
 * then v itself.
 */
#define FREE_EACH(v, n, elem_free) do {					\
	size_t free_each_i_;						\
									\
	for (free_each_i_ = 0; free_each_i_ < (size_t)(n); free_each_i_++) \
		elem_free(&(v)[free_each_i_]);				\
	free(v);							\
} while (0)

#endif
