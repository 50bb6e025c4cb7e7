/* Runs a fuzz target on standard input, or under libFuzzer (VSP_LIBFUZZER). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fuzz.h"

static char *dir, *str;
static char **made;	/* files and folders made, removed at exit */
static size_t nmade;

static void
cleanup(void)
{
	while (nmade--) {
		if (unlink(made[nmade]) < 0)
			rmdir(made[nmade]);
		free(made[nmade]);
	}
	free(made);
}

static void
remember(const char *path)
{
	size_t i;

	for (i = 0; i < nmade; i++)
		if (!strcmp(made[i], path))
			return;
	made = xreallocarray(made, nmade + 1, sizeof *made);
	made[nmade++] = xstrdup(path);
}

const char *
fuzz_dir(void)
{
	char tmpl[] = "/tmp/vsp-fuzz.XXXXXX";

	if (!dir) {
		if (!mkdtemp(tmpl))
			die(EXIT_FAIL, "mkdtemp: cannot make a folder");
		dir = xstrdup(tmpl);
		remember(dir);
		atexit(cleanup);
	}
	return dir;
}

const char *
fuzz_file(const char *name, const uint8_t *data, size_t n)
{
	static char *path;
	char *slash;
	FILE *fp;

	free(path);
	path = xasprintf("%s/%s", fuzz_dir(), name);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) == 0)
			remember(path);
		*slash = '/';
	}
	remember(path);
	if (!(fp = fopen(path, "w")) || fwrite(data, 1, n, fp) != n ||
	    fclose(fp) == EOF)
		die(EXIT_FAIL, "%s: cannot write", path);
	return path;
}

const char *
fuzz_str(const uint8_t *data, size_t n)
{
	free(str);
	str = xstrndup((const char *)data, n);
	return str;
}

#ifdef VSP_LIBFUZZER
/* A parser that refuses its input calls die(): back here, not exit. */
static jmp_buf back;

static void
to_back(int status)
{
	longjmp(back, status ? status : 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	die_hook = to_back;
	if (setjmp(back) == 0)
		fuzz_one(data, n);
	return 0;
}
#else
/* Bad input ends in die() (status 1 or 2), as in the tools; a crash is a
 * signal or a sanitizer's report. */
int
main(void)
{
	char chunk[65536];
	char *data = NULL;
	size_t n = 0, got;

	setprogname("fuzz");
	while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		data = xrealloc(data, n + got);
		memcpy(data + n, chunk, got);
		n += got;
	}
	fuzz_one((const uint8_t *)(data ? data : ""), n);
	free(data);
	free(str);
	return 0;
}
#endif
