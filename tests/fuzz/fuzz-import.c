/*
 * vsp-report -i: the original's configs.csv and metrics-all.csv. The input
 * is metrics-all.csv, or "configs.csv\n--\nmetrics-all.csv".
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fuzz.h"
#include "report.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	static const char configs[] = "num;config;nc;cpv;idf;pstrat;procpin\n"
	    "1;abc;4;2;2;NONE;BIND_CORE\n2;abd;4;2;0;BAL_ONE;BIND_CORE\n";
	const uint8_t *sep = NULL;
	struct report r = { 0 };
	char *dir;
	size_t i;

	for (i = 0; !sep && i + 4 <= n; i++)
		if (!memcmp(data + i, "\n--\n", 4))
			sep = data + i;
	if (sep) {
		fuzz_file("app/configs.csv", data, (size_t)(sep + 1 - data));
		n -= (size_t)(sep + 4 - data);
		data = sep + 4;
	} else
		fuzz_file("app/configs.csv", (const uint8_t *)configs,
		    strlen(configs));
	fuzz_file("app/metrics-all.csv", data, n);
	dir = xasprintf("%s/app", fuzz_dir());
	input_vespa(&r, dir);
	report_build(&r);
	report_free(&r);
	free(dir);
}
