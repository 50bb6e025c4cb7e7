/* sadf -d output as vsp-mon converts it. */
#include <stdio.h>

#include "buf.h"
#include "fuzz.h"
#include "sadf.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	static FILE *null;
	struct buf err = { 0 };
	char *text;

	if (!n || (!null && !(null = fopen("/dev/null", "w"))))
		return;
	text = (char *)fuzz_str(data, n);
	sadf_convert(text, "h", "vm", null, &err);
	buf_free(&err);
}
