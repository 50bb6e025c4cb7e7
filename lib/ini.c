#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "err.h"
#include "ini.h"
#include "line.h"
#include "strv.h"

static void
entry_add(struct ini *ini, const char *section, const char *key,
    const char *value, unsigned long line)
{
	struct ini_entry *e;

	if (ini->n == ini->cap) {
		ini->cap = ini->cap ? 2 * ini->cap : 16;
		ini->v = xreallocarray(ini->v, ini->cap, sizeof *ini->v);
	}
	e = &ini->v[ini->n++];
	e->section = section;
	e->key = xstrdup(key);
	e->value = xstrdup(value);
	e->line = line;
}

static void
entry_free(struct ini_entry *e)
{
	free(e->key);
	free(e->value);
}

int
ini_read(struct ini *ini, const char *path, char *err, size_t errsz)
{
	FILE *fp;
	char *line = NULL, *s, *eq, *k;
	const char *section = "";
	const struct ini_entry *twice;
	size_t cap = 0, len;
	unsigned long lineno = 0;
	int rc = 0, got;

	memset(ini, 0, sizeof *ini);
	if (!(fp = fopen(path, "r")))
		return -1;
	ini->path = xstrdup(path);
	while ((got = line_read(fp, &line, &cap, &len)) != 0) {
		if (got == -1)
			break;
		lineno++;
		if (got == LINE_NUL) {
			snprintf(err, errsz, "%s:%lu: NUL byte in line", path, lineno);
			rc = -2;
			break;
		}
		s = line_strip(line);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			size_t n = strlen(s);

			if (s[n - 1] != ']' || n < 3) {
				snprintf(err, errsz, "%s:%lu: malformed section header \"%s\"",
				    path, lineno, s);
				rc = -2;
				break;
			}
			ini->sections = xreallocarray(ini->sections,
			    ini->nsections + 1, sizeof *ini->sections);
			section = ini->sections[ini->nsections++] =
			    xstrndup(s + 1, n - 2);
			continue;
		}
		if (!(eq = strchr(s, '='))) {
			snprintf(err, errsz, "%s:%lu: expected key=value, got \"%s\"",
			    path, lineno, s);
			rc = -2;
			break;
		}
		*eq = '\0';
		k = line_strip(s);
		if (!*k) {
			snprintf(err, errsz, "%s:%lu: empty key", path, lineno);
			rc = -2;
			break;
		}
		for (s = k; *s; s++)
			*s = (char)tolower((unsigned char)*s);
		if (ini->n == INI_MAX_KEYS) {	/* the twice check is quadratic */
			snprintf(err, errsz, "%s:%lu: more than %d keys", path, lineno,
			    INI_MAX_KEYS);
			rc = -2;
			break;
		}
		if ((twice = ini_find(ini, section, k))) {
			snprintf(err, errsz, "%s:%lu: \"%s\" set twice (first on line %lu)",
			    path, lineno, k, twice->line);
			rc = -2;
			break;
		}
		entry_add(ini, section, k, line_strip(eq + 1), lineno);
	}
	if (!rc && ferror(fp)) {
		snprintf(err, errsz, "%s: read error: %s", path, strerror(errno));
		rc = -2;
	}
	free(line);
	fclose(fp);
	if (rc)
		ini_free(ini);
	return rc;
}

const struct ini_entry *
ini_find(const struct ini *ini, const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < ini->n; i++)
		if ((!section || !strcmp(ini->v[i].section, section)) &&
		    !strcmp(ini->v[i].key, key))
			return &ini->v[i];
	return NULL;
}

void
ini_free(struct ini *ini)
{
	FREE_EACH(ini->v, ini->n, entry_free);
	strv_free(ini->sections, ini->nsections);
	free(ini->path);
	memset(ini, 0, sizeof *ini);
}
