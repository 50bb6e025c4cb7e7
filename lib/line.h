/* Lines of text files: one reader, so that a NUL byte is never taken for
 * the end of a value but is an error wherever vsp parses. */
#ifndef VSP_LINE_H
#define VSP_LINE_H

#include <stdio.h>

enum { LINE_NUL = -2 };

/* Reads one line without its LF into *line (getline's buffer). 1, 0 at the
 * end of the input, -1 on a read error, LINE_NUL if the line holds a NUL
 * byte. */
int line_read(FILE *fp, char **line, size_t *cap, size_t *len);
/* s without its leading and trailing blanks (cut in place). */
char *line_strip(char *s);

#endif
