/* Pinning cpusets of vsp-place's pin column (lib/cpuset): "0-3,8,^2". */
#include "buf.h"
#include "cpuset.h"
#include "fuzz.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct cpuset cs;
	struct buf b = { 0 };
	char err[256];

	cpuset_init(&cs);
	if (cpuset_parse(&cs, fuzz_str(data, n), err, sizeof err) == 0)
		cpuset_print(&cs, &b);
	cpuset_free(&cs);
	buf_free(&b);
}
