/* CSV tables read whole: the original's consolidated files, reports. */
#ifndef VSP_REPORT_CSVIN_H
#define VSP_REPORT_CSVIN_H

#include <stddef.h>

struct table {
	char *name;	/* path, for messages */
	char ***rows;	/* rows[0] is the header */
	size_t *nf;	/* fields per row */
	size_t n;
	struct {	/* the record being parsed */
		char **f;
		size_t n;
	} cur;
};

/* Reads dir/file (strict: a malformed record ends the program with 2). */
void table_read(struct table *t, const char *dir, const char *file,
	char delim, char quote);
void table_free(struct table *t);
/* The index of a header column, or the program ends naming it. */
int table_col(const struct table *t, const char *name);
/* Every row as wide as the header, or the program ends naming the line. */
void table_check_widths(const struct table *t);

#endif
