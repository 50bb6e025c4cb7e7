#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "operand.h"

static int
is_stdin(const char *path)
{
	return !path || !strcmp(path, "-");
}

FILE *
operand_fopen(const char *path)
{
	return is_stdin(path) ? stdin : fopen(path, "r");
}

FILE *
operand_open(const char *path)
{
	FILE *fp = operand_fopen(path);

	if (!fp)
		die(EXIT_USAGE, "%s:", path);
	return fp;
}

const char *
operand_name(const char *path)
{
	return is_stdin(path) ? "stdin" : path;
}

int
file_exists(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	int ok = access(path, F_OK) == 0;

	free(path);
	return ok;
}

void
operand_close(FILE *fp)
{
	if (fp && fp != stdin)
		fclose(fp);
}
