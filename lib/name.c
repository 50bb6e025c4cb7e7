#include <string.h>

#include "name.h"

static int
ok(const char *s, const char *extra)
{
	size_t n;

	if (*s == '.' || *s == '-')
		return 0;
	for (n = 0; s[n]; n++)
		if (!(s[n] >= 'a' && s[n] <= 'z') && !(s[n] >= 'A' && s[n] <= 'Z') &&
		    !(s[n] >= '0' && s[n] <= '9') && !strchr(extra, s[n]))
			return 0;
	return n >= 1 && n <= NAME_MAX_LEN;
}

int
name_ok(const char *s)
{
	return ok(s, "._-");
}

int
addr_ok(const char *s)
{
	return ok(s, "._-:%");
}
