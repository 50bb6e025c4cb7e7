/* Diagnostics and allocation helpers shared by every tool. */
#ifndef VSP_ERR_H
#define VSP_ERR_H

#include <stdarg.h>
#include <stddef.h>

enum { EXIT_FAIL = 1, EXIT_USAGE = 2 };

extern const char *progname;

void setprogname(const char *argv0);
/*
 * die, warnx and buf_addf follow sbase's convention: a format that ends in
 * ':' is followed by a space and the text of errno as it was on entry.
 */
int fmt_wants_errno(const char *fmt);
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
