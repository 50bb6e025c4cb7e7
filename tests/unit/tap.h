/* TAP output for the unit tests: ok, is_str, is_buf, is_long, write_file,
 * done. */
#ifndef VSP_TAP_H
#define VSP_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

static int tap_n, tap_fail;

static __attribute__((unused)) int
ok(int cond, const char *name)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
	if (!cond)
		tap_fail++;
	return cond;
}

static __attribute__((unused)) int
is_str(const char *got, const char *want, const char *name)
{
	int c = got && want ? !strcmp(got, want) : got == want;

	if (!ok(c, name))
		printf("#   got: \"%s\"\n#  want: \"%s\"\n", got ? got : "(null)",
		    want ? want : "(null)");
	return c;
}

/* is_str of what b holds; frees b. */
static __attribute__((unused)) int
is_buf(struct buf *b, const char *want, const char *name)
{
	int c = is_str(buf_str(b), want, name);

	buf_free(b);
	return c;
}

static __attribute__((unused)) int
is_long(long got, long want, const char *name)
{
	if (!ok(got == want, name))
		printf("#   got: %ld\n#  want: %ld\n", got, want);
	return got == want;
}

/* Makes the temporary file path names (a mkstemp template). */
static __attribute__((unused)) void
tmp_file(char *path)
{
	int fd = mkstemp(path);

	if (fd < 0) {
		printf("Bail out! %s: cannot create\n", path);
		exit(1);
	}
	close(fd);
}

/* Writes s to path (a test's temporary file); ends the test if it cannot. */
static __attribute__((unused)) void
write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fputs(s, fp) == EOF || fclose(fp)) {
		printf("Bail out! %s: cannot write\n", path);
		exit(1);
	}
}

static __attribute__((unused)) int
done(void)
{
	printf("1..%d\n", tap_n);
	return tap_fail != 0;
}

#endif
