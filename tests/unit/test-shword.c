/* lib/shword: quoting, rendering with variables, ";"-lists without a shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appconf.h"
#include "buf.h"
#include "shword.h"
#include "tap.h"

static int
var(void *ctx, const char *name, struct buf *out, char *err, size_t errsz)
{
	(void)ctx;
	if (!strcmp(name, "np")) {
		buf_adds(out, "16");
		return 0;
	}
	if (!strcmp(name, "dir")) {
		buf_adds(out, "\"$dir\"");
		return 0;
	}
	snprintf(err, errsz, "unknown ${%s}", name);
	return -1;
}

static void
render(const char *s, int words, const char *want)
{
	struct buf b = { 0 };
	char err[256] = "";

	is_long(shword_render(s, var, NULL, &b, err, sizeof err), words, s);
	is_str(words < 0 ? err : buf_str(&b), want, s);
	buf_free(&b);
}

static void
commands(const char *s, int n, const char *want)
{
	struct shword_cmd *c = NULL;
	struct buf b = { 0 };
	char err[256] = "";
	int i, got = shword_commands(s, &c, err, sizeof err);
	size_t k;

	is_long(got, n, s);
	for (i = 0; i < got; i++) {
		for (k = 0; k < c[i].argc; k++)
			buf_addf(&b, "[%s]", c[i].argv[k]);
		buf_addc(&b, ';');
	}
	is_str(got < 0 ? err : buf_str(&b), want, s);
	if (got > 0)
		shword_commands_free(c, (size_t)got);
	buf_free(&b);
}

static void
quote(const char *s, const char *want)
{
	struct buf b = { 0 };

	shword_quote(&b, s);
	is_buf(&b, want, s);
}

int
main(void)
{
	quote("abc-1.2/x:y", "abc-1.2/x:y");
	quote("", "''");
	quote("a b", "'a b'");
	quote("it's", "'it'\\''s'");
	quote("A=b", "'A=b'");
	quote("$HOME;`x`", "'$HOME;`x`'");

	render("", 0, "");
	render("  a   b  ", 2, "a b");
	render("'' x", 2, "'' x");
	render("-np ${np} --out=${dir}/f", 3, "-np 16 '--out='\"$dir\"/f");
	render("\"a ${np}\" 'b ${np}'", 2, "'a '16 'b ${np}'");
	render("a\\ b c\\'d", 2, "'a b' 'c'\\''d'");
	render("\"q\\\"x\\\\y\\$z\"", 1, "'q\"x\\y$z'");
	render("x; rm -rf / | y", 6, "'x;' rm -rf / '|' y");
	render("$np", -1, "\"$\" not followed by {name} in \"$np\"");
	render("${}", -1, "unterminated or empty ${ in \"${}\"");
	render("${np", -1, "unterminated or empty ${ in \"${np\"");
	render("${x}", -1, "unknown ${x}");
	render("'open", -1, "unterminated quote in \"'open\"");
	render("end\\", -1, "backslash at the end in \"end\\\"");

	commands("qterm -t quick; pbs_server", 2, "[qterm][-t][quick];[pbs_server];");
	commands("a 'b c' \"d;e\";f", 2, "[a][b c][d;e];[f];");
	commands("  a  ", 1, "[a];");
	commands("", 0, "");
	commands("a;;b", -1, "empty command in \"a;;b\"");
	commands("a;", -1, "empty command in \"a;\"");
	commands("a | b", -1, "shell syntax (no shell runs this command) in \"a | b\"");
	commands("a > f", -1, "shell syntax (no shell runs this command) in \"a > f\"");
	commands("echo $HOME", -1, "\"$\" (no shell runs this command) in \"echo $HOME\"");
	commands("echo '$HOME'", 1, "[echo][$HOME];");

	is_long(appconf_walltime("90"), 90, "walltime seconds");
	is_long(appconf_walltime("60:00"), 3600, "walltime minutes:seconds");
	is_long(appconf_walltime("120:00"), 7200, "walltime 120 minutes");
	is_long(appconf_walltime("1:30:05"), 5405, "walltime h:m:s");
	is_long(appconf_walltime("100:00:00"), 360000, "walltime 100 hours");
	is_long(appconf_walltime("0"), -1, "walltime 0");
	is_long(appconf_walltime("1:60"), -1, "walltime 60 seconds after minutes");
	is_long(appconf_walltime("1:2:3:4"), -1, "walltime four parts");
	is_long(appconf_walltime("1::2"), -1, "walltime empty part");
	is_long(appconf_walltime("-5"), -1, "walltime negative");
	is_long(appconf_walltime(" 5"), -1, "walltime blank");
	is_long(appconf_walltime("5s"), -1, "walltime unit");
	return done();
}
