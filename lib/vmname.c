#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "name.h"
#include "vmname.h"

static const char *
suffix(const char *node)
{
	const char *e = node + strlen(node);

	while (e > node && isdigit((unsigned char)e[-1]))
		e--;
	return e;
}

int
vmname(struct buf *b, const char *pattern, const struct vmname_vars *v,
    char *err, size_t errsz)
{
	size_t start = b->len, i;
	const char *p, *close;

	for (p = pattern; *p; p++) {
		if (*p != '{') {
			buf_addc(b, *p);
			continue;
		}
		if (!(close = strchr(p, '}')))
			goto bad;
#define IS(name) ((size_t)(close - p - 1) == strlen(name) && \
		!strncmp(p + 1, name, strlen(name)))
		if (IS("prefix"))
			buf_adds(b, v->prefix);
		else if (IS("exp"))
			buf_adds(b, v->exp);
		else if (IS("app"))
			buf_adds(b, v->app);
		else if (IS("node"))
			buf_adds(b, v->node);
		else if (IS("suffix"))
			buf_adds(b, suffix(v->node));
		else if (IS("index"))
			buf_addf(b, "%ld", v->index);
		else if (IS("slot"))
			buf_addf(b, "%ld", v->slot);
		else if (IS("slot1"))
			buf_addf(b, "%02ld", v->slot + 1);
		else
			goto bad;
#undef IS
		p = close;
	}
	if (b->len == start) {
		snprintf(err, errsz, "vm_name \"%s\" gives an empty name", pattern);
		return -1;
	}
	if (b->len - start > NAME_MAX_LEN) {
		snprintf(err, errsz, "vm name \"%.40s...\" is longer than %d "
		    "characters", b->s + start, NAME_MAX_LEN);
		return -1;
	}
	for (i = start; i < b->len; i++)
		if (!isalnum((unsigned char)b->s[i]) && !strchr("._-", b->s[i])) {
			snprintf(err, errsz, "vm name \"%s\" has a character other "
			    "than A-Z a-z 0-9 . _ -", b->s + start);
			return -1;
		}
	return 0;
bad:
	snprintf(err, errsz, "vm_name \"%s\" has an unknown placeholder (known: "
	    "{prefix} {exp} {app} {node} {suffix} {index} {slot} {slot1})",
	    pattern);
	return -1;
}
