/* INI files (lib/ini): hardware.params, vsp.params, application.config. */
#include "fuzz.h"
#include "ini.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct ini ini;
	char err[1024];

	if (ini_read(&ini, fuzz_file("x.ini", data, n), err, sizeof err) == 0) {
		ini_find(&ini, NULL, "vm_name");
		ini_find(&ini, "Hardware", "cores");
		ini_free(&ini);
	}
}
