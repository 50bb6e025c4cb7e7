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

/* shword_render with var: "words: the words" or "-1: the message" */
static void
render(const char *s, const char *want)
{
	struct buf b = { 0 }, got = { 0 };
	char err[256] = "";
	int n = shword_render(s, var, NULL, &b, err, sizeof err);

	buf_addf(&got, "%d: %s", n, n < 0 ? err : buf_str(&b));
	is_buf(&got, want, s);
	buf_free(&b);
}

/* shword_commands: "commands: [argv]...;..." or "-1: the message" */
static void
commands(const char *s, const char *want)
{
	struct shword_cmd *c = NULL;
	struct buf b = { 0 };
	char err[256] = "";
	int i, n = shword_commands(s, &c, err, sizeof err);
	size_t k;

	buf_addf(&b, "%d: ", n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < c[i].argc; k++)
			buf_addf(&b, "[%s]", c[i].argv[k]);
		buf_addc(&b, ';');
	}
	if (n < 0)
		buf_adds(&b, err);
	else if (n > 0)
		shword_commands_free(c, (size_t)n);
	is_buf(&b, want, s);
}

static void
quote(const char *s, const char *want)
{
	struct buf b = { 0 };

	shword_quote(&b, s);
	is_buf(&b, want, s);
}

struct vec {
	const char *in, *want;
};

static const struct vec quotes[] = {
	{ "abc-1.2/x:y", "abc-1.2/x:y" },
	{ "", "''" },
	{ "a b", "'a b'" },
	{ "it's", "'it'\\''s'" },
	{ "A=b", "'A=b'" },
	{ "$HOME;`x`", "'$HOME;`x`'" },
};

static const struct vec renders[] = {
	{ "", "0: " },
	{ "  a   b  ", "2: a b" },
	{ "'' x", "2: '' x" },
	{ "-np ${np} --out=${dir}/f", "3: -np 16 '--out='\"$dir\"/f" },
	{ "\"a ${np}\" 'b ${np}'", "2: 'a '16 'b ${np}'" },
	{ "a\\ b c\\'d", "2: 'a b' 'c'\\''d'" },
	{ "\"q\\\"x\\\\y\\$z\"", "1: 'q\"x\\y$z'" },
	{ "x; rm -rf / | y", "6: 'x;' rm -rf / '|' y" },
	{ "$np", "-1: \"$\" not followed by {name} in \"$np\"" },
	{ "${}", "-1: unterminated or empty ${ in \"${}\"" },
	{ "${np", "-1: unterminated or empty ${ in \"${np\"" },
	{ "${x}", "-1: unknown ${x}" },
	{ "'open", "-1: unterminated quote in \"'open\"" },
	{ "end\\", "-1: backslash at the end in \"end\\\"" },
};

static const struct vec cmds[] = {
	{ "qterm -t quick; pbs_server", "2: [qterm][-t][quick];[pbs_server];" },
	{ "a 'b c' \"d;e\";f", "2: [a][b c][d;e];[f];" },
	{ "  a  ", "1: [a];" },
	{ "", "0: " },
	{ "a;;b", "-1: empty command in \"a;;b\"" },
	{ "a;", "-1: empty command in \"a;\"" },
	{ "a | b", "-1: shell syntax (no shell runs this command) in \"a | b\"" },
	{ "a > f", "-1: shell syntax (no shell runs this command) in \"a > f\"" },
	{ "echo $HOME", "-1: \"$\" (no shell runs this command) in \"echo $HOME\"" },
	{ "echo '$HOME'", "1: [echo][$HOME];" },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof quotes / sizeof *quotes; i++)
		quote(quotes[i].in, quotes[i].want);
	for (i = 0; i < sizeof renders / sizeof *renders; i++)
		render(renders[i].in, renders[i].want);
	for (i = 0; i < sizeof cmds / sizeof *cmds; i++)
		commands(cmds[i].in, cmds[i].want);

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
