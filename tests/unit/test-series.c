/* lib/series: kinds and number formatting (files: tests/352-collect-series.t). */
#include "buf.h"
#include "series.h"
#include "tap.h"

static void
f(double v, const char *want)
{
	struct buf b = { 0 };

	series_fmt(&b, v);
	is_buf(&b, want, want);
}

int
main(void)
{
	is_long(series_kind("vm"), SERIES_VM, "vm");
	is_long(series_kind("pm"), SERIES_PM, "pm");
	is_long(series_kind("VM"), -1, "kinds are lower case");
	{
		const char *f[SERIES_NCOLS] = { "1.5", "h\tx", "vm", "cpu_idle",
		    "all", "" };
		struct buf b = { 0 };

		series_row(&b, f);
		is_str(b.s, "1.5\th\\tx\tvm\tcpu_idle\tall\t\n",
		    "a row, escaped");
		buf_free(&b);
	}
	is_str(series_kind_name(SERIES_PM), "pm", "name of pm");
	f(30, "30");
	f(2.5, "2.5");
	f(100.0 / 3, "33.333333");
	f(0.1 + 0.2, "0.3");
	f(-0.0000001, "0");
	f(1e12 + 0.5, "1000000000000.5");
	return done();
}
