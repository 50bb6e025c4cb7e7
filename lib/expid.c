#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "expid.h"

static int
safe_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-';
}

void
expid_base(struct buf *b, const char *app, const struct request *rq)
{
	const char *p;

	buf_addf(b, "%s-nc%ld-cpv%ld", app, rq->nc, rq->cpv);
	if (rq->idf < 0) {
		buf_adds(b, "-phys");
	} else {
		buf_addf(b, "-idf%ld-", rq->idf);
		for (p = pstrat_name(rq->ps); *p; p++)
			buf_addc(b, (char)tolower((unsigned char)*p));
	}
	if (rq->first)
		buf_addf(b, "-first%ld", rq->first);
}

/* FNV-1a: keeps ids of values that differ only in unsafe bytes apart. */
static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void
expid_extra(struct buf *b, const char *name, const char *value)
{
	const char *p;
	int changed = !*value;

	buf_addf(b, "-%s", name);
	for (p = value; *p; p++) {
		if (safe_char(*p) && *p != '-') {
			buf_addc(b, *p);
		} else {
			buf_addc(b, '_');
			changed = 1;
		}
	}
	if (changed)
		buf_addf(b, "_%08x", (unsigned)fnv1a(value));
}
