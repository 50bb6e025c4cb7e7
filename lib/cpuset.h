/* Sets of physical cores in libvirt's cpuset syntax ("0-3,8,^2"). */
#ifndef VSP_CPUSET_H
#define VSP_CPUSET_H

#include <stddef.h>

#include "buf.h"

#define CPUSET_MAX 65536	/* highest core number accepted is CPUSET_MAX-1 */

struct cpuset {
	unsigned char *bits;
	size_t nbits;		/* capacity in bits */
};

void cpuset_init(struct cpuset *cs);
void cpuset_free(struct cpuset *cs);
void cpuset_clear(struct cpuset *cs);
void cpuset_add(struct cpuset *cs, size_t core);
int cpuset_has(const struct cpuset *cs, size_t core);
size_t cpuset_count(const struct cpuset *cs);
int cpuset_equal(const struct cpuset *a, const struct cpuset *b);
/* 0, or -1 with a reason in err. An empty set is an error. */
int cpuset_parse(struct cpuset *cs, const char *s, char *err, size_t errsz);
/* Appends the canonical form: ascending, ranges of 2+ as "a-b". */
void cpuset_print(const struct cpuset *cs, struct buf *b);

#endif
