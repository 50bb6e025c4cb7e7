/*
 * Shell-like words in configuration values, without running a shell:
 * blanks separate words, '...' and "..." quote, a backslash outside single
 * quotes takes the next character literally.
 */
#ifndef VSP_SHWORD_H
#define VSP_SHWORD_H

#include <stddef.h>

#include "buf.h"

/* Appends s to b quoted for sh where it needs it: it, 'it'\''s'. */
void shword_quote(struct buf *b, const char *s);
/* Appends s to b as one single-quoted sh word, always: 'it'. */
void shword_squote(struct buf *b, const char *s);
/* Appends argv as a command line, each word single-quoted, one blank apart. */
void shword_argv(struct buf *b, char *const argv[]);
/* 1 if s needs no quoting in sh (letters, digits, ._-/:+,@%). */
int shword_plain(const char *s);

/*
 * Appends ${name} (outside single quotes) to out as sh text, or returns -1
 * with err set ("unknown variable ...").
 */
typedef int (*shword_var_fn)(void *ctx, const char *name, struct buf *out,
	char *err, size_t errsz);

/*
 * Renders s as sh words, each quoted, separated by one space, with ${name}
 * replaced through var. Returns the number of words, or -1 with err set.
 */
int shword_render(const char *s, shword_var_fn var, void *ctx,
	struct buf *out, char *err, size_t errsz);

/* One command of a ";"-separated list: its argv, NULL-terminated. */
struct shword_cmd {
	char **argv;
	size_t argc;
};

/*
 * Splits s into commands separated by ";" and each into words. $ ` | & < >
 * ( ) outside quotes are errors: no shell would interpret them. Returns the
 * number of commands, or -1 with err set.
 */
int shword_commands(const char *s, struct shword_cmd **cmds, char *err,
	size_t errsz);
void shword_commands_free(struct shword_cmd *cmds, size_t n);

#endif
