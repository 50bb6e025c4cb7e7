/* The file operand of a tool: a path, or "-" (or none at all) for stdin;
 * whether a file exists. */
#ifndef VSP_OPERAND_H
#define VSP_OPERAND_H

#include <stdio.h>

/* stdin for NULL or "-"; else the file, or NULL with errno set. */
FILE *operand_fopen(const char *path);
/* operand_fopen, or ends the program (status 2): "path: why". */
FILE *operand_open(const char *path);
/* The name messages give it: "stdin" for NULL or "-", else path. */
const char *operand_name(const char *path);
/* Closes fp unless it is stdin. */
void operand_close(FILE *fp);
/* 1 if dir/name exists. */
int file_exists(const char *dir, const char *name);

#endif
