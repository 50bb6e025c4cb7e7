/* Run folders, small files and batch commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "pbs.h"
#include "proc.h"

char *
run_dir(const struct exp *e, long run)
{
	return xasprintf("%s/run-%03ld", e->expdir, run);
}

char *
read_small(const char *path)
{
	FILE *fp = fopen(path, "r");
	struct buf b = { 0 };

	if (!fp)
		return NULL;
	buf_read(&b, fp, 1 << 20);	/* a read error: what came before it */
	fclose(fp);
	if (b.len && memchr(b.s, '\0', b.len)) {
		/* "0\0..." must not read as exit 0 */
		warnx("%s:1: NUL byte in line: taken as absent", path);
		buf_free(&b);
		return NULL;
	}
	while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == ' '))
		b.s[--b.len] = '\0';
	return b.s ? b.s : xstrdup("");
}

int
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	return rc;
}

/* The last non-empty line of b, trimmed in place ("" if none). */
static const char *
last_line(struct buf *b)
{
	char *s, *e;

	if (!b->len)
		return "";
	s = b->s;
	e = s + b->len;
	while (e > s && strchr("\n\r\t ", e[-1]))
		e--;
	*e = '\0';
	b->len = (size_t)(e - s);
	for (e = s + b->len; e > s && e[-1] != '\n'; e--)
		;
	return e;
}

int
batch_cmd(char *const argv[], const char *dir, struct buf *out,
    struct buf *reason)
{
	struct buf o = { 0 }, e = { 0 }, err = { 0 };
	const char *line;
	int rc;

	rc = proc_run(argv, dir, NULL, BATCH_CMD_TIMEOUT, out ? out : &o, &e,
	    &err);
	if (rc < 0) {
		buf_adds(reason, buf_str(&err));
	} else if (rc > 0) {
		buf_addf(reason, "exit status %d", rc);
		line = *last_line(&e) ? last_line(&e) :
		    out ? last_line(out) : last_line(&o);
		if (*line)
			buf_addf(reason, ": %s", line);
	}
	buf_free(&o);
	buf_free(&e);
	buf_free(&err);
	return rc;
}

int
batch_submit(char *const argv[], const struct exp *e, int array,
    const char *cut, char *(*element)(const char *id, long run), char **ids,
    struct buf *why)
{
	struct buf out = { 0 };
	char *id;
	long k;
	int rc;

	buf_addf(why, "%s: ", argv[0]);
	rc = batch_cmd(argv, e->expdir, &out, why);
	id = (char *)last_line(&out);
	if (rc != 0 || !*id || strpbrk(id, " \t\n")) {
		if (rc == 0)
			buf_addf(why, "no job id in \"%s\"", id);
		buf_free(&out);
		return -1;
	}
	buf_reset(why);
	id[strcspn(id, cut)] = '\0';
	if (array)
		for (k = 0; k < e->runs; k++)
			ids[k] = element(id, k + 1);
	else
		ids[0] = xstrdup(id);
	buf_free(&out);
	return 0;
}

void
cmdline(char *const argv[], struct buf *b)
{
	size_t i;

	for (i = 0; argv[i]; i++) {
		if (i)
			buf_addc(b, ' ');
		buf_adds(b, argv[i]);
	}
}
