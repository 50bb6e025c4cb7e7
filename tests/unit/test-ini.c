/* lib/ini: sections, comments, keys, values, errors with file:line. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "err.h"
#include "ini.h"
#include "tap.h"

static char path[] = "/tmp/vsp-test-ini.XXXXXX";

static void
bad(const char *text, const char *want, const char *name)
{
	struct ini ini;
	char err[512], *w = xasprintf(want, path);

	write_file(path, text);
	if (ok(ini_read(&ini, path, err, sizeof err) == -2, name))
		is_str(err, w, name);
	is_long((long)ini.n, 0, "nothing kept after an error");
	free(w);
}

int
main(void)
{
	struct ini ini;
	const struct ini_entry *e;
	char err[512];

	tmp_file(path);
	write_file(path, "# comment\n; also a comment\ntop = 1\n\n[Hardware]\n"
	    "  Cores =  12  \nsockets=2\nempty =\n[Other]\ncores = 4\n"
	    "url = a=b # not a comment\n");
	is_long(ini_read(&ini, path, err, sizeof err), 0, "reads");
	is_long((long)ini.n, 6, "six entries");
	e = ini_find(&ini, "Hardware", "cores");
	ok(e != NULL, "cores in [Hardware], key lower-cased");
	if (e) {
		is_str(e->value, "12", "value stripped");
		is_long((long)e->line, 6, "its line");
	}
	e = ini_find(&ini, "", "top");
	ok(e && !strcmp(e->value, "1"), "key before any section");
	e = ini_find(&ini, "Other", "cores");
	ok(e && !strcmp(e->value, "4"), "same key in another section");
	e = ini_find(&ini, NULL, "cores");
	ok(e && !strcmp(e->value, "12"), "any section: the first");
	e = ini_find(&ini, "Hardware", "empty");
	ok(e && !strcmp(e->value, ""), "empty value");
	e = ini_find(&ini, "Other", "url");
	ok(e && !strcmp(e->value, "a=b # not a comment"),
	    "value keeps = and #");
	ok(ini_find(&ini, "hardware", "cores") == NULL,
	    "section names are case-sensitive");
	ok(ini_find(&ini, "Hardware", "Cores") == NULL,
	    "lookups use lower-case keys");
	ini_free(&ini);

	write_file(path, "");
	is_long(ini_read(&ini, path, err, sizeof err), 0, "empty file");
	is_long((long)ini.n, 0, "no entries");
	ini_free(&ini);

	bad("[Hardware\ncores=1\n", "%s:1: malformed section header \"[Hardware\"",
	    "unclosed section");
	bad("[]\n", "%s:1: malformed section header \"[]\"", "empty section");
	bad("a=1\ncores 12\n", "%s:2: expected key=value, got \"cores 12\"",
	    "line without =");
	bad("a=1\n = 3\n", "%s:2: empty key", "empty key");
	bad("[H]\nA=1\nb=2\na=3\n", "%s:4: \"a\" set twice (first on line 2)",
	    "key set twice");

	unlink(path);
	errno = 0;
	is_long(ini_read(&ini, path, err, sizeof err), -1, "missing file");
	is_long(errno, ENOENT, "errno ENOENT");
	return done();
}
