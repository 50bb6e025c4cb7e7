#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->len)
		die(EXIT_FAIL, "out of memory");
	b->cap = b->cap ? b->cap : 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_squote(struct buf *b, const char *s, const char *esc, char ctl)
{
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(b, esc);
		else
			buf_addc(b, ctl && (unsigned char)*s < 0x20 ? ctl : *s);
	}
	buf_addc(b, '\'');
}

void
buf_addlong(struct buf *b, long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n, e = errno;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		die(EXIT_FAIL, "bad format");
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
	if (fmt_wants_errno(fmt)) {
		buf_addc(b, ' ');
		buf_adds(b, strerror(e));
	}
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

const char *
buf_str(struct buf *b)
{
	return b->s ? b->s : "";
}

int
buf_read(struct buf *b, FILE *fp, size_t max)
{
	char chunk[8192];
	size_t n;

	while ((!max || b->len <= max) &&
	    (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(b, chunk, n);
	return ferror(fp) ? -1 : 0;
}

int
buf_write(const struct buf *b, FILE *fp)
{
	if (b->len && fwrite(b->s, 1, b->len, fp) != b->len)
		return -1;
	return 0;
}
