/* lib/line: lines without their LF, a NUL byte as an error, blanks cut. */
#include <stdio.h>
#include <stdlib.h>

#include "line.h"
#include "tap.h"

int
main(void)
{
	char path[] = "/tmp/vsp-test-line.XXXXXX", s[] = " \t a b \r\n";
	char *line = NULL;
	size_t cap = 0, len = 0;
	FILE *fp;

	is_str(line_strip(s), "a b", "blanks cut on both sides");
	is_str(line_strip(s + 9), "", "nothing left of an empty string");
	tmp_file(path);
	if (!(fp = fopen(path, "w")) || fwrite("x\ny\0z\nlast", 1, 10, fp) != 10 ||
	    fclose(fp)) {
		printf("Bail out! %s: cannot write\n", path);
		return 1;
	}
	fp = fopen(path, "r");
	is_long(line_read(fp, &line, &cap, &len), 1, "a line");
	is_str(line, "x", "without its LF");
	is_long(line_read(fp, &line, &cap, &len), LINE_NUL, "a NUL byte");
	is_long(line_read(fp, &line, &cap, &len), 1, "a last line without LF");
	is_long((long)len, 4, "its length");
	is_long(line_read(fp, &line, &cap, &len), 0, "the end");
	fclose(fp);
	free(line);
	remove(path);
	return done();
}
