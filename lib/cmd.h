/*
 * A tool's subcommands (or the tool itself) in one table, as virsh has
 * them: name, options, usage line, operands and function. Option parsing,
 * usage and bash completion (the hidden --complete) all come from it.
 */
#ifndef VSP_CMD_H
#define VSP_CMD_H

#include <stdio.h>

struct cmd_opt {
	char ch;
	/* NULL: a flag; else its value, for completion: "dir", "file",
	 * "value" (nothing to offer) or the words it takes ("NONE GREEDY") */
	const char *arg;
};

#define CMD_OPTS 128	/* option letters are ASCII */

struct cmd {
	const char *name;		/* NULL: the tool has no subcommands */
	const struct cmd_opt *opts;	/* ends with { 0, NULL } */
	const char *usage;		/* after the tool's name; NULL: shown
					 * on the line of the entry before */
	int maxargs;			/* operands at most; -1: any number */
	int (*fn)(void *ctx);		/* its work; the tool's context */
};

/*
 * The entry argv names (argv[1] of a tool with subcommands, which is then
 * shifted away so getopt sees its options); first it names the program
 * after argv[0] (setprogname). --complete prints the table for bash
 * completion and exits 0; -h, none or an unknown name: usage.
 */
const struct cmd *cmd_pick(const struct cmd *t, int *argc, char ***argv);
/*
 * The whole command line: picks the entry (cmd_pick), reads its options
 * into opt (indexed by the option's letter: its value, "" for a flag,
 * NULL if not given; the last one given counts) and checks the number of
 * operands; *argc and *argv are left at the operands. Usage (status 2)
 * for an option c does not take.
 */
const struct cmd *cmd_parse(const struct cmd *t, int *argc, char ***argv,
	const char *opt[CMD_OPTS]);
/* getopt over the options of the whole table; '?' for one c does not take. */
int cmd_getopt(const struct cmd *t, const struct cmd *c, int argc,
	char **argv);
/* The getopt string of the whole table (with h), for getopt_long. */
const char *cmd_optstring(const struct cmd *t);
/* Usage (status 2) unless n operands are within c's maximum. */
void cmd_operands(const struct cmd *t, const struct cmd *c, int n);
/* The options of a command whose one option is -C dir (the config folder). */
extern const struct cmd_opt cmd_conf[];
/* The entry of a subcommand that is a filter, "name [-C dir] [file]". */
#define CMD_FILTER(name, fn) { name, cmd_conf, name " [-C dir] [file]", 1, fn }
/*
 * The whole command line of a filter, "[-C dir] [file]": sets *confdir
 * (NULL when not given) and returns its input, opened, with its name for
 * messages in *name.
 */
FILE *cmd_filter(int argc, char **argv, const char **confdir,
	const char **name);
/* Every usage line of the table on stderr; exits with status 2. */
_Noreturn void cmd_usage(const struct cmd *t);

#endif
