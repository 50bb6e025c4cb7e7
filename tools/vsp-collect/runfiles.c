#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "plugin.h"
#include "runfiles.h"

#define MAX_SMALL_FILE 65536

const char *const time_cols[3] = { "user_s", "sys_s", "elapsed_s" };

/* Reads a small text file: 1, 0 if it does not exist, -1 (why added). */
int
run_read_small(const char *dir, const char *name, struct buf *b, struct buf *why)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "r");
	int rc = 1;

	free(path);
	buf_reset(b);
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		why_add(why, "%s:", name);
		return -1;
	}
	if (buf_read(b, fp, MAX_SMALL_FILE) < 0) {
		why_add(why, "%s: read error", name);
		rc = -1;
	} else if (b->len > MAX_SMALL_FILE) {
		why_add(why, "%s: longer than %d bytes", name, MAX_SMALL_FILE);
		rc = -1;
	} else if (b->len && memchr(b->s, '\0', b->len)) {
		why_add(why, "%s: NUL byte", name);
		rc = -1;
	}
	fclose(fp);
	return rc;
}

/* One number on one line (a final LF allowed). */
int
run_number(struct buf *b, const char *dir, const char *name, double *v,
    struct buf *why)
{
	int rc = run_read_small(dir, name, b, why);

	if (rc <= 0)
		return rc;
	if (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
	if (num_double(buf_str(b), v) < 0) {
		why_add(why, "%s: \"%.60s\" is not a number", name, buf_str(b));
		return -1;
	}
	return 1;
}

/*
 * GNU time with -f '%U %S %e': the line "user system elapsed", after at
 * most one "Command exited with non-zero status N" or "Command terminated
 * by signal N" line.
 */
/* "user system elapsed": three numbers of seconds. */
static void
parse_triple(char *vals[3], char *line, unsigned long lineno,
    struct buf *why)
{
	char *f[3], *save, *extra;
	double v;
	size_t i;

	f[0] = strtok_r(line, " \t", &save);
	f[1] = f[0] ? strtok_r(NULL, " \t", &save) : NULL;
	f[2] = f[1] ? strtok_r(NULL, " \t", &save) : NULL;
	extra = f[2] ? strtok_r(NULL, " \t", &save) : NULL;
	if (!f[2] || extra) {
		why_add(why, "time:%lu: not \"user system elapsed\"", lineno);
		return;
	}
	for (i = 0; i < 3; i++)
		if (num_double(f[i], &v) < 0 || v < 0) {
			why_add(why, "time:%lu: %s \"%.30s\" is not a number of "
			    "seconds", lineno, time_cols[i], f[i]);
			return;
		}
	for (i = 0; i < 3; i++)
		vals[i] = xstrdup(f[i]);
}

/*
 * GNU time with -f '%U %S %e': the line "user system elapsed", after a
 * "Command exited with non-zero status N" or "Command terminated by
 * signal N" line when the command failed.
 */
void
run_time(const char *dir, char *vals[3], struct buf *why)
{
	struct buf b = { 0 };
	char *line, *next;
	unsigned long lineno = 0;
	int rc;

	if ((rc = run_read_small(dir, "time", &b, why)) == 0)
		why_add(why, "time: missing");
	else if (rc > 0 && !b.len)
		why_add(why, "time: empty");
	else if (rc > 0 && b.s[b.len - 1] != '\n')
		why_add(why, "time: no line end at the end (cut short?)");
	else if (rc > 0) {
		for (line = b.s; *line; line = next) {
			lineno++;
			next = strchr(line, '\n');
			*next++ = '\0';
			if (!*next) {
				parse_triple(vals, line, lineno, why);
				break;
			}
			if (strncmp(line, "Command exited with non-zero status ", 36) &&
			    strncmp(line, "Command terminated by signal ", 29)) {
				why_add(why, "time:%lu: unexpected line \"%.60s\"",
				    lineno, line);
				break;
			}
			why_add(why, "time:%lu: %s", lineno, line);
		}
	}
	buf_free(&b);
}

