#include <ctype.h>
#include <string.h>
#include <sys/types.h>

#include "line.h"

char *
line_strip(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
line_read(FILE *fp, char **line, size_t *cap, size_t *len)
{
	ssize_t n = getline(line, cap, fp);

	if (n < 0)
		return ferror(fp) ? -1 : 0;
	if (n > 0 && (*line)[n - 1] == '\n')
		(*line)[--n] = '\0';
	*len = (size_t)n;
	return memchr(*line, '\0', (size_t)n) ? LINE_NUL : 1;
}
