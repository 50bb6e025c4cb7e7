/* tools/vsp-virt/uuid5: name-based UUIDs, checked against Python's uuid.uuid5. */
#include "uuid5.h"
#include "tap.h"

int
main(void)
{
	char u[37];

	/* uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", 10, u);
	is_str(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d", "RFC 4122 v5 of python.org");
	uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "", 0, u);
	is_str(u, "4ebd0208-8328-5d69-8c44-ec50939c0967", "v5 of the empty name");
	uuid5_vm("x-nc4", "vsp-pm1-01", u);
	is_str(u, "30e5b026-f676-54c1-b5b3-6fcab1e47d0e", "a VM: vsp namespace, exp/vm");
	uuid5_vm("x-nc4", "vsp-pm1-02", u);
	ok(strcmp(u, "30e5b026-f676-54c1-b5b3-6fcab1e47d0e") != 0, "another VM, another UUID");
	/* 56 bytes: the padding spills into a second block */
	uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	    "0123456789012345678901234567890123456789", 40, u);
	is_str(u, "145078fe-b833-5436-962b-68058bcd2299", "a name across SHA-1 blocks");
	return done();
}
