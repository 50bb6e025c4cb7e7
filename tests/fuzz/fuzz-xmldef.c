/* The original Vespa's XML experiment definitions (vsp-gen -X). */
#include "buf.h"
#include "conf.h"
#include "fuzz.h"
#include "xmldef.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct hw hw = { .cores = 12, .sockets = 2, .mem = 24 };
	struct xmldef d;
	struct buf out = { 0 }, err = { 0 };

	if (xmldef_read(&d, fuzz_file("x.xml", data, n), &err) == 0) {
		xmldef_rows(&d, &hw, 12, &out, &err);
		xmldef_free(&d);
	}
	buf_free(&out);
	buf_free(&err);
}
