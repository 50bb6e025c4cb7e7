#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "err.h"
#include "operand.h"

void
cmd_usage(const struct cmd *t)
{
	int first = 1;

	for (; t->opts; t++) {
		if (!t->usage)
			continue;
		fprintf(stderr, "%s %s %s\n", first ? "usage:" : "      ", progname,
		    t->usage);
		first = 0;
	}
	exit(EXIT_USAGE);
}

/* "name<TAB>-x<TAB>arg" lines, name "-" without subcommands. */
static void
complete(const struct cmd *t)
{
	const struct cmd_opt *o;

	for (; t->opts; t++) {
		for (o = t->opts; o->ch; o++)
			printf("%s\t-%c\t%s\n", t->name ? t->name : "-", o->ch,
			    o->arg ? o->arg : "");
		printf("%s\t-h\t\n", t->name ? t->name : "-");
	}
	exit(fflush(stdout) ? EXIT_FAIL : 0);
}

const struct cmd *
cmd_pick(const struct cmd *t, int *argc, char ***argv)
{
	const struct cmd *c;

	setprogname((*argv)[0]);
	if (*argc == 2 && !strcmp((*argv)[1], "--complete"))
		complete(t);
	if (!t->name)
		return t;
	if (*argc < 2)
		cmd_usage(t);
	for (c = t; c->opts && strcmp(c->name, (*argv)[1]); c++)
		;
	if (!c->opts) {
		if (strcmp((*argv)[1], "-h"))
			warnx("unknown command \"%s\"", (*argv)[1]);
		cmd_usage(t);
	}
	(*argc)--;
	(*argv)++;
	(*argv)[0] = (char *)progname;	/* getopt's messages name the tool */
	return c;
}

const char *
cmd_optstring(const struct cmd *t)
{
	static struct buf s;
	const struct cmd_opt *o;

	if (s.len)
		return s.s;
	for (; t->opts; t++)
		for (o = t->opts; o->ch; o++)
			if (!strchr(buf_str(&s), o->ch)) {
				buf_addc(&s, o->ch);
				if (o->arg)
					buf_addc(&s, ':');
			}
	buf_addc(&s, 'h');
	return s.s;
}

/* Option ch of c, or NULL if c does not take it. */
static const struct cmd_opt *
opt_of(const struct cmd *c, int ch)
{
	const struct cmd_opt *o;

	for (o = c->opts; o->ch; o++)
		if (o->ch == ch)
			return o;
	return NULL;
}

int
cmd_getopt(const struct cmd *t, const struct cmd *c, int argc, char **argv)
{
	int ch = getopt(argc, argv, cmd_optstring(t));

	return ch == -1 || opt_of(c, ch) ? ch : '?';
}

void
cmd_operands(const struct cmd *t, const struct cmd *c, int n)
{
	if (c->maxargs >= 0 && n > c->maxargs)
		cmd_usage(t);
}

const struct cmd *
cmd_parse(const struct cmd *t, int *argc, char ***argv,
    const char *opt[CMD_OPTS])
{
	const struct cmd *c = cmd_pick(t, argc, argv);
	const struct cmd_opt *o;
	int ch;

	while ((ch = cmd_getopt(t, c, *argc, *argv)) != -1) {
		if (!(o = opt_of(c, ch)))
			cmd_usage(t);
		opt[ch] = o->arg ? optarg : "";
	}
	*argc -= optind;
	*argv += optind;
	cmd_operands(t, c, *argc);
	return c;
}

const struct cmd_opt cmd_conf[] = { { 'C', "dir" }, { 0, NULL } };

FILE *
cmd_filter(int argc, char **argv, const char **confdir, const char **name)
{
	static const struct cmd filter[] = {
		{ NULL, cmd_conf, "[-C dir] [file]", 1, NULL },
		{ NULL, NULL, NULL, 0, NULL }
	};
	const char *opt[CMD_OPTS] = { 0 };

	cmd_parse(filter, &argc, &argv, opt);
	*confdir = opt['C'];
	*name = operand_name(argv[0]);
	return operand_open(argv[0]);
}
