/* CSV files (RFC 4180 through libcsv): quoted only where a field needs it. */
#ifndef VSP_CSVOUT_H
#define VSP_CSVOUT_H

#include <stdio.h>

#include "buf.h"

struct csvw {
	FILE *fp;
	char *path;
	struct buf b;
	int nf;		/* fields in the current row */
};

void csvw_open(struct csvw *w, const char *path);
void csvw_field(struct csvw *w, const char *s);
/* The fields v[0..n) (or up to a NULL: STRV_NULL of lib/strv.h). */
void csvw_fields(struct csvw *w, char *const *v, size_t n);
void csvw_double(struct csvw *w, double v);	/* empty for NAN */
void csvw_long(struct csvw *w, long v);
void csvw_end(struct csvw *w);
/* Writes what is left and closes; ends the program on a write error. */
void csvw_close(struct csvw *w);

/* Appends s to b as one CSV field, quoted if it needs to be. */
void csv_quote(struct buf *b, const char *s, size_t n);

#endif
