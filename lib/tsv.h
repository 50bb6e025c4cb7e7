/*
 * TSV streams (vsp(7), TSV RULES): a header line of column names, one TAB
 * between fields, \t \n \r \\ escapes inside fields. The reader keeps one
 * line in memory; the writer passes unknown columns through and appends
 * its own.
 */
#ifndef VSP_TSV_H
#define VSP_TSV_H

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"

struct tsv_reader {
	FILE *fp;
	const char *name;	/* "stdin" or the file name, for messages */
	unsigned long lineno;	/* line of the current row (header is 1) */
	char **cols;		/* header names */
	size_t ncols;
	char **fields;		/* current row, unescaped, ncols entries */
	char *line;
	size_t linecap;
	int peeked;		/* a row was read ahead by tsv_peek */
	int peek_rc;
	char err[512];		/* "name:line: what is wrong" after a -1 */
};

/* Reads the header. 0, or -1 with r->err set. */
int tsv_open(struct tsv_reader *r, FILE *fp, const char *name);
/* 1 with a row in r->fields, 0 at end of input, -1 with r->err set. */
int tsv_next(struct tsv_reader *r);
/* Reads the next row ahead without consuming it (same results). */
int tsv_peek(struct tsv_reader *r);
void tsv_close(struct tsv_reader *r);

/* Column index of name, or -1. */
int tsv_col(const struct tsv_reader *r, const char *name);
/* Column index of name; ends the program (status 2) if it is missing. */
int tsv_need(const struct tsv_reader *r, const char *name);
/* Ends the program with status 2 and r->err. */
_Noreturn void tsv_die(const struct tsv_reader *r);
/* Ends the program with status 2: "name:line: column "value" what". */
_Noreturn void tsv_die_field(const struct tsv_reader *r, int col,
	const char *what);
/* Ends the program with status 2: "name:line: " and the formatted
 * message (what is wrong with that row of r's input). */
_Noreturn void tsv_die_at(const struct tsv_reader *r, unsigned long line,
	const char *fmt, ...) __attribute__((format(printf, 3, 4)));
_Noreturn void tsv_vdie_at(const struct tsv_reader *r, unsigned long line,
	const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
/* Parses a field as an integer in [min, max] or ends the program. */
long tsv_long(const struct tsv_reader *r, int col, long min, long max);

/* 1 if name is a valid column name. */
int tsv_name_ok(const char *name);
/* Appends s to b with TAB, LF, CR and backslash escaped. */
void tsv_escape(struct buf *b, const char *s);
/*
 * Unescapes the field src[0..n) into dst (which may be src: it never writes
 * ahead of what it read); no NUL is added. The length written, or -1 with
 * *bad at the backslash of an escape other than \t \n \r \\.
 */
long tsv_unescape(char *dst, const char *src, size_t n, const char **bad);

/* Output schema: the input's columns in order, then added columns. */
struct tsv_out {
	char **names;
	int *from;		/* input column of each output column, or -1 */
	const char **vals;	/* values of added columns for the next row */
	size_t ncols;
};

void tsv_out_init(struct tsv_out *o, const struct tsv_reader *in);
/* Output column of name: an added one, or the input's column replaced. */
size_t tsv_out_col(struct tsv_out *o, const char *name);
void tsv_out_set(struct tsv_out *o, size_t col, const char *val);
void tsv_out_header(const struct tsv_out *o, struct buf *b);
/* Appends a row: input fields for pass-through columns, vals for ours. */
void tsv_out_row(const struct tsv_out *o, char *const *fields, struct buf *b);
void tsv_out_free(struct tsv_out *o);

/* The contiguous rows that share one value of a column (an experiment). */
struct tsv_group {
	char ***rows;		/* copies of the fields of each row */
	unsigned long *lines;	/* input line of each row */
	size_t n;
	size_t cap;
	size_t ncols;
};

/* Reads the next group keyed by column col. 1, 0 at end, -1 (r->err),
 * also when the row after the group is bad: it may be one of the group's. */
int tsv_next_group(struct tsv_reader *r, int col, struct tsv_group *g);
void tsv_group_free(struct tsv_group *g);

/* Writes b to stdout and empties it; ends the program if that fails. */
void tsv_flush(struct buf *b);

#endif
