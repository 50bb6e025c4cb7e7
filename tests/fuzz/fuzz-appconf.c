/* apps/<app>/application.config: [Application], [Execution] (lib/appconf)
 * and the metric plugin of [Metrics] (lib/metricdef), as vsp-gen checks it. */
#include "appconf.h"
#include "fuzz.h"
#include "metricdef.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct appconf a;
	struct plugin p;

	fuzz_file("apps/a/application.config", data, n);
	appconf_load(&a, fuzz_dir(), "a");
	plugin_load(&p, fuzz_dir(), "a");
	plugin_free(&p);
	appconf_free(&a);
}
