/* INI-style files: [section], key = value, # and ; comment lines. */
#ifndef VSP_INI_H
#define VSP_INI_H

#include <stddef.h>

#define INI_MAX_KEYS 10000	/* vsp's files have dozens */

struct ini_entry {
	const char *section;	/* "" before any section header, else one of
				 * ini.sections: the entries share it */
	char *key;	/* lower-cased, as the original's ConfigParser */
	char *value;	/* surrounding blanks stripped */
	unsigned long line;
};

struct ini {
	char *path;
	struct ini_entry *v;
	size_t n, cap;
	char **sections;	/* the names of the section headers */
	size_t nsections;
};

/* 0; -1 if the file cannot be opened (errno set); -2 with err set. */
int ini_read(struct ini *ini, const char *path, char *err, size_t errsz);
/* The entry for section/key (NULL section: any), or NULL. */
const struct ini_entry *ini_find(const struct ini *ini, const char *section,
	const char *key);
void ini_free(struct ini *ini);

#endif
