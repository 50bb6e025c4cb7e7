/* Number lists of vsp-gen and vsp-pbs -R (lib/numlist): "1,2,4-8,all". */
#include "fuzz.h"
#include "numlist.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct numlist l;
	char err[256];

	if (numlist_parse(&l, fuzz_str(data, n), 1, 64, err, sizeof err) == 0) {
		numlist_has(&l, 3);
		numlist_free(&l);
	}
}
