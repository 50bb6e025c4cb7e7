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

/*
 * The name with every {slot} and {slot1} left as SLOT0 or SLOT1 (bytes no
 * name may hold) when marks, else filled in from v->slot.
 */
static int
render(struct buf *b, const char *pattern, const struct vmname_vars *v,
    int marks, char *err, size_t errsz)
{
	size_t start = b->len, i, nmarks = 0;
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
		else if (IS("slot") && marks && ++nmarks)
			buf_addc(b, VMNAME_SLOT0);
		else if (IS("slot1") && marks && ++nmarks)
			buf_addc(b, VMNAME_SLOT1);
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
	/* A mark byte that is not a placeholder's is a bad character. */
	for (i = start; i < b->len; i++)
		if (!isalnum((unsigned char)b->s[i]) && !strchr("._-", b->s[i]) &&
		    !(marks && (b->s[i] == VMNAME_SLOT0 || b->s[i] == VMNAME_SLOT1) &&
		    nmarks-- > 0)) {
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

int
vmname(struct buf *b, const char *pattern, const struct vmname_vars *v,
    char *err, size_t errsz)
{
	return render(b, pattern, v, 0, err, errsz);
}

int
vmname_template(struct buf *b, const char *pattern,
    const struct vmname_vars *v, char *err, size_t errsz)
{
	return render(b, pattern, v, 1, err, errsz);
}

/* Decimal digits of u into the end of s[24]; their start. */
static char *
digits(char *end, unsigned long u)
{
	do
		*--end = (char)('0' + u % 10);
	while (u /= 10);
	return end;
}

size_t
vmname_fill(char *out, const char *t, size_t n, long slot)
{
	char num[24], *d, *end = num + sizeof num;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (t[i] != VMNAME_SLOT0 && t[i] != VMNAME_SLOT1) {
			out[k++] = t[i];
			continue;
		}
		d = digits(end, (unsigned long)(t[i] == VMNAME_SLOT0 ? slot :
		    slot + 1));
		if (t[i] == VMNAME_SLOT1 && end - d < 2)
			out[k++] = '0';
		while (d < end)	/* a few digits: no memcpy call */
			out[k++] = *d++;
	}
	return k;
}
