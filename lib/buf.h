/* Growable byte buffer: output is built here and written only when whole. */
#ifndef VSP_BUF_H
#define VSP_BUF_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>

struct buf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
/* A format ending in ':' is followed by errno's text (lib/err.h). */
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* A number in decimal, without printf (placement writes millions). */
void buf_addlong(struct buf *b, long v);
/*
 * s in single quotes, each ' in it written as esc (sh: '\'', gnuplot:
 * ''), each control character as ctl unless ctl is 0.
 */
void buf_squote(struct buf *b, const char *s, const char *esc, char ctl);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
const char *buf_str(struct buf *b);	/* "" for an empty buffer */
int buf_write(const struct buf *b, FILE *fp);	/* 0, or -1 on error */
/* Appends fp's bytes to its end, or until b holds more than max (0: no
 * limit); 0, or -1 on a read error. */
int buf_read(struct buf *b, FILE *fp, size_t max);

#endif
