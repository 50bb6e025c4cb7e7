/* The configuration folder (lib/conf) with the input as vsp.nodes. */
#include <string.h>

#include "conf.h"
#include "fuzz.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	static const char hw[] = "[Hardware]\ncores = 12\nsockets = 2\nmem = 24\n";
	struct conf c;

	fuzz_file("hardware.params", (const uint8_t *)hw, strlen(hw));
	fuzz_file("vsp.nodes", data, n);
	conf_load(&c, fuzz_dir());
	conf_free(&c);
}
