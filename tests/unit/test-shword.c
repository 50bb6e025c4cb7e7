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

/* A case: the input; for render and commands the words or commands it
 * gives (-1: an error); what it gives (or the message). */
struct vec {
	const char *in;
	int n;
	const char *want;
};

static const struct vec quotes[] = {
	{ "abc-1.2/x:y", 0, "abc-1.2/x:y" },
	{ "", 0, "''" },
	{ "a b", 0, "'a b'" },
	{ "it's", 0, "'it'\\''s'" },
	{ "A=b", 0, "'A=b'" },
	{ "$HOME;`x`", 0, "'$HOME;`x`'" },
};

static const struct vec renders[] = {
	{ "", 0, "" },
	{ "  a   b  ", 2, "a b" },
	{ "'' x", 2, "'' x" },
	{ "-np ${np} --out=${dir}/f", 3, "-np 16 '--out='\"$dir\"/f" },
	{ "\"a ${np}\" 'b ${np}'", 2, "'a '16 'b ${np}'" },
	{ "a\\ b c\\'d", 2, "'a b' 'c'\\''d'" },
	{ "\"q\\\"x\\\\y\\$z\"", 1, "'q\"x\\y$z'" },
	{ "x; rm -rf / | y", 6, "'x;' rm -rf / '|' y" },
	{ "$np", -1, "\"$\" not followed by {name} in \"$np\"" },
	{ "${}", -1, "unterminated or empty ${ in \"${}\"" },
	{ "${np", -1, "unterminated or empty ${ in \"${np\"" },
	{ "${x}", -1, "unknown ${x}" },
	{ "'open", -1, "unterminated quote in \"'open\"" },
	{ "end\\", -1, "backslash at the end in \"end\\\"" },
};

static const struct vec cmds[] = {
	{ "qterm -t quick; pbs_server", 2, "[qterm][-t][quick];[pbs_server];" },
	{ "a 'b c' \"d;e\";f", 2, "[a][b c][d;e];[f];" },
	{ "  a  ", 1, "[a];" },
	{ "", 0, "" },
	{ "a;;b", -1, "empty command in \"a;;b\"" },
	{ "a;", -1, "empty command in \"a;\"" },
	{ "a | b", -1, "shell syntax (no shell runs this command) in \"a | b\"" },
	{ "a > f", -1, "shell syntax (no shell runs this command) in \"a > f\"" },
	{ "echo $HOME", -1, "\"$\" (no shell runs this command) in \"echo $HOME\"" },
	{ "echo '$HOME'", 1, "[echo][$HOME];" },
};

/* appconf_walltime: the seconds (-1: refused), and the case's name */
static const struct {
	const char *in;
	long secs;
	const char *name;
} walltimes[] = {
	{ "90", 90, "walltime seconds" },
	{ "60:00", 3600, "walltime minutes:seconds" },
	{ "120:00", 7200, "walltime 120 minutes" },
	{ "1:30:05", 5405, "walltime h:m:s" },
	{ "100:00:00", 360000, "walltime 100 hours" },
	{ "0", -1, "walltime 0" },
	{ "1:60", -1, "walltime 60 seconds after minutes" },
	{ "1:2:3:4", -1, "walltime four parts" },
	{ "1::2", -1, "walltime empty part" },
	{ "-5", -1, "walltime negative" },
	{ " 5", -1, "walltime blank" },
	{ "5s", -1, "walltime unit" },
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof quotes / sizeof *quotes; i++)
		quote(quotes[i].in, quotes[i].want);
	for (i = 0; i < sizeof renders / sizeof *renders; i++)
		render(renders[i].in, renders[i].n, renders[i].want);
	for (i = 0; i < sizeof cmds / sizeof *cmds; i++)
		commands(cmds[i].in, cmds[i].n, cmds[i].want);
	for (i = 0; i < sizeof walltimes / sizeof *walltimes; i++)
		is_long(appconf_walltime(walltimes[i].in), walltimes[i].secs,
		    walltimes[i].name);
	return done();
}
