#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "shword.h"

int
shword_plain(const char *s)
{
	return *s && !s[strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:+,@%")];
}

void
shword_squote(struct buf *b, const char *s)
{
	buf_squote(b, s, "'\\''", 0);
}

void
shword_quote(struct buf *b, const char *s)
{
	if (shword_plain(s))
		buf_adds(b, s);
	else
		shword_squote(b, s);
}

void
shword_argv(struct buf *b, char *const argv[])
{
	size_t i;

	for (i = 0; argv[i]; i++) {
		if (i)
			buf_addc(b, ' ');
		shword_squote(b, argv[i]);
	}
}

static int
errf(char *err, size_t errsz, const char *what, const char *s)
{
	snprintf(err, errsz, "%s in \"%.200s\"", what, s);
	return -1;
}

/*
 * The scanner shared by both uses. Calls word_end at the end of each word
 * (with the literal text so far), sep at each ";" (commands mode), and var
 * at each ${name} (render mode; the literal text is flushed first).
 */
struct scan {
	const char *src;
	int commands;		/* ; separates commands; $ is an error */
	struct buf lit;		/* literal text of the current word part */
	int inword;
	int (*flush)(struct scan *, char *, size_t);
	int (*word_end)(struct scan *, char *, size_t);
	int (*sep)(struct scan *, char *, size_t);
	int (*var)(struct scan *, const char *, char *, size_t);
};

static int
scan_var(struct scan *sc, const char **pp, char *err, size_t errsz)
{
	const char *p = *pp, *e;
	char *name;
	int rc;

	if (sc->commands || p[1] != '{')
		return errf(err, errsz, sc->commands ? "\"$\" (no shell runs "
		    "this command)" : "\"$\" not followed by {name}", sc->src);
	if (!(e = strchr(p + 2, '}')) || e == p + 2)
		return errf(err, errsz, "unterminated or empty ${", sc->src);
	if (sc->flush(sc, err, errsz) < 0)
		return -1;
	name = xstrndup(p + 2, (size_t)(e - p - 2));
	rc = sc->var(sc, name, err, errsz);
	free(name);
	*pp = e;
	sc->inword = 1;
	return rc;
}

static int
scan_run(struct scan *sc, char *err, size_t errsz)
{
	const char *p;
	char q = 0;

	for (p = sc->src; *p; p++) {
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			else
				buf_addc(&sc->lit, *p);
			continue;
		}
		if (q == '"') {
			if (*p == '"')
				q = 0;
			else if (*p == '\\' && (p[1] == '"' || p[1] == '\\' ||
			    p[1] == '$'))
				buf_addc(&sc->lit, *++p);
			else if (*p == '$') {
				if (scan_var(sc, &p, err, errsz) < 0)
					return -1;
			} else
				buf_addc(&sc->lit, *p);
			continue;
		}
		switch (*p) {
		case ' ': case '\t': case '\n':
			if (sc->inword && sc->word_end(sc, err, errsz) < 0)
				return -1;
			sc->inword = 0;
			continue;
		case '\'': case '"':
			q = *p;
			sc->inword = 1;
			continue;
		case '\\':
			if (!p[1])
				return errf(err, errsz, "backslash at the end", sc->src);
			buf_addc(&sc->lit, *++p);
			sc->inword = 1;
			continue;
		case '$':
			if (scan_var(sc, &p, err, errsz) < 0)
				return -1;
			continue;
		case ';':
			if (sc->commands) {
				if (sc->inword && sc->word_end(sc, err, errsz) < 0)
					return -1;
				sc->inword = 0;
				if (sc->sep(sc, err, errsz) < 0)
					return -1;
				continue;
			}
			break;
		case '`': case '|': case '&': case '<': case '>': case '(':
		case ')':
			if (sc->commands)
				return errf(err, errsz, "shell syntax (no shell runs "
				    "this command)", sc->src);
			break;
		}
		buf_addc(&sc->lit, *p);
		sc->inword = 1;
	}
	if (q)
		return errf(err, errsz, "unterminated quote", sc->src);
	if (sc->inword && sc->word_end(sc, err, errsz) < 0)
		return -1;
	return 0;
}

/* Render mode: words as sh text into out. */
struct render {
	struct scan sc;		/* first: the callbacks get a struct scan * */
	struct buf *out;
	size_t start;		/* where the current word began in out */
	int nwords;
	int empty;		/* the current word has no text yet */
	shword_var_fn var;
	void *ctx;
};

static int
render_flush(struct scan *sc, char *err, size_t errsz)
{
	struct render *r = (struct render *)sc;

	(void)err; (void)errsz;
	if (r->empty) {
		if (r->nwords)
			buf_addc(r->out, ' ');
		r->start = r->out->len;
		r->empty = 0;
	}
	if (sc->lit.len) {
		shword_quote(r->out, buf_str(&sc->lit));
		buf_reset(&sc->lit);
	}
	return 0;
}

static int
render_word_end(struct scan *sc, char *err, size_t errsz)
{
	struct render *r = (struct render *)sc;
	int had = !r->empty;

	render_flush(sc, err, errsz);
	if (!had && r->out->len == r->start)
		buf_adds(r->out, "''");
	r->nwords++;
	r->empty = 1;
	return 0;
}

static int
render_var(struct scan *sc, const char *name, char *err, size_t errsz)
{
	struct render *r = (struct render *)sc;

	return r->var ? r->var(r->ctx, name, r->out, err, errsz) :
	    errf(err, errsz, "variables not allowed", sc->src);
}

int
shword_render(const char *s, shword_var_fn var, void *ctx, struct buf *out,
    char *err, size_t errsz)
{
	struct render r;
	int rc;

	memset(&r, 0, sizeof r);
	r.sc.src = s;
	r.sc.flush = render_flush;
	r.sc.word_end = render_word_end;
	r.sc.var = render_var;
	r.out = out;
	r.empty = 1;
	r.var = var;
	r.ctx = ctx;
	buf_add(out, "", 0);	/* "" even with no words */
	rc = scan_run(&r.sc, err, errsz);
	buf_free(&r.sc.lit);
	return rc < 0 ? -1 : r.nwords;
}

/* Commands mode. */
struct split {
	struct scan sc;
	struct shword_cmd *cmds;
	size_t n;
};

static int
split_word_end(struct scan *sc, char *err, size_t errsz)
{
	struct split *s = (struct split *)sc;
	struct shword_cmd *c;

	(void)err; (void)errsz;
	if (!s->n) {
		s->cmds = xcalloc(1, sizeof *s->cmds);
		s->n = 1;
	}
	c = &s->cmds[s->n - 1];
	c->argv = xreallocarray(c->argv, c->argc + 2, sizeof *c->argv);
	c->argv[c->argc++] = xstrdup(buf_str(&sc->lit));
	c->argv[c->argc] = NULL;
	buf_reset(&sc->lit);
	return 0;
}

static int
split_sep(struct scan *sc, char *err, size_t errsz)
{
	struct split *s = (struct split *)sc;

	if (!s->n || !s->cmds[s->n - 1].argc)
		return errf(err, errsz, "empty command", sc->src);
	s->cmds = xreallocarray(s->cmds, s->n + 1, sizeof *s->cmds);
	memset(&s->cmds[s->n++], 0, sizeof *s->cmds);
	return 0;
}

static int
split_flush(struct scan *sc, char *err, size_t errsz)
{
	(void)sc; (void)err; (void)errsz;
	return 0;
}

int
shword_commands(const char *str, struct shword_cmd **cmds, char *err,
    size_t errsz)
{
	struct split s;

	memset(&s, 0, sizeof s);
	s.sc.src = str;
	s.sc.commands = 1;
	s.sc.flush = split_flush;
	s.sc.word_end = split_word_end;
	s.sc.sep = split_sep;
	if (scan_run(&s.sc, err, errsz) < 0 ||
	    (s.n && !s.cmds[s.n - 1].argc &&
	    errf(err, errsz, "empty command", str) < 0)) {
		buf_free(&s.sc.lit);
		shword_commands_free(s.cmds, s.n);
		return -1;
	}
	buf_free(&s.sc.lit);
	*cmds = s.cmds;
	return (int)s.n;
}

void
shword_commands_free(struct shword_cmd *cmds, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < cmds[i].argc; j++)
			free(cmds[i].argv[j]);
		free(cmds[i].argv);
	}
	free(cmds);
}
