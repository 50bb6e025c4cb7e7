/* Domain templates of vsp-virt (domain.xml in the config folder). */
#include "buf.h"
#include "domxml.h"
#include "fuzz.h"

void
fuzz_one(const uint8_t *data, size_t n)
{
	struct domtmpl t;
	char err[1024];

	domxml_init();
	domxml_quiet();
	if (domxml_load(&t, fuzz_file("domain.xml", data, n), err,
	    sizeof err) == 0)
		domxml_free(&t);
}
