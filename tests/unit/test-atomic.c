/* lib/atomic: result files complete once renamed into place. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "err.h"
#include "tap.h"

static char dir[] = "/tmp/vsp-test-atomic.XXXXXX";

/* The names in dir, sorted, space-separated. */
static char *
names(void)
{
	struct dirent **v;
	struct buf b = { 0 };
	int n = scandir(dir, &v, NULL, alphasort), i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i]->d_name, ".") && strcmp(v[i]->d_name, "..")) {
			if (b.len)
				buf_addc(&b, ' ');
			buf_adds(&b, v[i]->d_name);
		}
		free(v[i]);
	}
	free(v);
	return b.s ? b.s : xstrdup("");
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char s[256];
	size_t n;

	if (!fp)
		return NULL;
	n = fread(s, 1, sizeof s - 1, fp);
	fclose(fp);
	s[n] = '\0';
	return xstrdup(s);
}

static void
check_names(const char *want, const char *name)
{
	char *got = names();

	is_str(got, want, name);
	free(got);
}

int
main(void)
{
	struct atomic a;
	struct buf err = { 0 };
	struct stat st;
	char *p, *q, *s;
	int rc;

	if (!mkdtemp(dir))
		return 1;
	p = xasprintf("%s/f", dir);

	umask(027);
	is_long(atomic_write(p, "one\n", 4, 0666, &err), 0, "written");
	is_str(s = slurp(p), "one\n", "  whole");
	free(s);
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640,
	    "  mode 0666 less the umask 027");
	check_names("f", "  no temporary file left");

	umask(022);
	is_long(atomic_write(p, "two", 3, 0755, NULL), 0, "replaced");
	is_str(s = slurp(p), "two", "  the new content");
	free(s);
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0755, "  the new mode");
	is_long(atomic_write(p, "", 0, 0644, NULL), 0, "an empty file");
	ok(stat(p, &st) == 0 && st.st_size == 0, "  is empty");

	/* The temporary name, beside the file, matches vsp-sweep's *.tmp. */
	is_long(atomic_open(&a, p, 0644, NULL), 0, "opened");
	ok(!strncmp(a.tmp, p, strlen(p)) && !fnmatch("*/f.??????.tmp", a.tmp, 0),
	    "  the temporary name is <path>.XXXXXX.tmp");
	q = xstrdup(a.tmp);
	ok(write(a.fd, "x", 1) == 1, "  written to");
	ok(access(q, F_OK) == 0, "  the temporary file exists");
	ok(stat(p, &st) == 0 && st.st_size == 0, "  the old file is untouched");
	atomic_abort(&a);
	ok(access(q, F_OK) < 0 && errno == ENOENT, "aborted: the temporary file is gone");
	check_names("f", "  and only the old file is left");
	free(q);

	/* Through a FILE. */
	is_long(atomic_open(&a, p, 0644, NULL), 0, "opened for stdio");
	a.fp = fdopen(a.fd, "w");
	fputs("three\n", a.fp);
	is_long(atomic_commit(&a, NULL), 0, "  committed");
	is_str(s = slurp(p), "three\n", "  the new content");
	free(s);
	check_names("f", "  no temporary file left");
	{
		char *g = xasprintf("%s/g", dir);

		is_long(atomic_write_redoable(g, "four", 4, 0644, NULL), 0,
		    "written, its rename not synced");
		is_str(s = slurp(g), "four", "  whole");
		free(s);
		check_names("f g", "  no temporary file left");
		unlink(g);
		free(g);
	}

	/* Two temporary files of one path never clash. */
	{
		struct atomic b;

		atomic_open(&a, p, 0644, NULL);
		atomic_open(&b, p, 0644, NULL);
		ok(strcmp(a.tmp, b.tmp) != 0, "two writers, two temporary names");
		atomic_abort(&a);
		atomic_abort(&b);
	}

	/* Failures: a message, errno, nothing left. */
	q = xasprintf("%s/no/f", dir);
	errno = 0;
	rc = atomic_write(q, "x", 1, 0644, &err);
	is_long(rc, -1, "a missing folder fails");
	is_long(errno, ENOENT, "  with errno");
	ok(!strncmp(err.s, q, strlen(q)) && strstr(err.s, ".tmp: No such file"),
	    "  and a message naming the file");
	free(q);
	q = xasprintf("%s/d", dir);
	mkdir(q, 0755);
	buf_reset(&err);
	is_long(atomic_write(q, "x", 1, 0644, &err), -1, "a folder in the way fails");
	is_long(errno, EISDIR, "  with errno EISDIR");
	check_names("d f", "  nothing left behind");
	rmdir(q);
	free(q);

	{
		char t1[13], t2[13];

		atomic_token(t1, 12);
		atomic_token(t2, 12);
		ok(strlen(t1) == 12 && strspn(t1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == 12,
		    "a token: 12 letters and digits");
		ok(strcmp(t1, t2) != 0, "two tokens differ");
	}
	is_long(atomic_sync_parent(p), 0, "the folder of a file synced");
	is_long(atomic_sync_parent("/no/such/folder/f"), -1,
	    "a missing folder is not synced");

	/* A batch: nothing in place before the commit, all of it after. */
	{
		struct atomic_batch bt = { 0 };
		char *g = xasprintf("%s/g", dir), *h = xasprintf("%s/h", dir);

		is_long(atomic_batch_add(&bt, g, "gee\n", 4, 0644, NULL), 0,
		    "batch: one file written");
		is_long(atomic_batch_add(&bt, p, "eff", 3, 0644, NULL), 0,
		    "  a file that exists, written");
		ok(access(g, F_OK) < 0, "  nothing in place before the commit");
		is_str(s = slurp(p), "three\n", "  the old file untouched");
		free(s);
		is_long(atomic_batch_commit(&bt, NULL), 0, "  committed");
		is_str(s = slurp(g), "gee\n", "  the new file in place");
		free(s);
		is_str(s = slurp(p), "eff", "  the old one replaced");
		free(s);
		check_names("f g", "  no temporary file left");
		ok(bt.n == 0 && !bt.v, "  the batch is empty again");

		is_long(atomic_batch_add(&bt, h, "aitch", 5, 0644, NULL), 0,
		    "batch: written");
		atomic_batch_abort(&bt);
		check_names("f g", "  aborted: nothing left");

		q = xasprintf("%s/no/f", dir);
		buf_reset(&err);
		is_long(atomic_batch_add(&bt, h, "aitch", 5, 0644, NULL), 0,
		    "batch: written");
		is_long(atomic_batch_add(&bt, q, "x", 1, 0644, &err), -1,
		    "  a missing folder fails");
		ok(err.s && strstr(err.s, ".tmp: No such file"),
		    "  with a message naming the file");
		atomic_batch_abort(&bt);
		check_names("f g", "  aborted: nothing left");
		free(q);

		/* A rename that fails: a folder in the way. */
		mkdir(h, 0755);
		buf_reset(&err);
		atomic_batch_add(&bt, g, "gee2", 4, 0644, NULL);
		atomic_batch_add(&bt, h, "aitch", 5, 0644, NULL);
		is_long(atomic_batch_commit(&bt, &err), -1,
		    "batch: a folder in the way fails the commit");
		ok(err.s && !strncmp(err.s, h, strlen(h)), "  naming the file");
		check_names("f g h", "  no temporary file left");
		rmdir(h);
		unlink(g);
		free(g);
		free(h);
	}

	unlink(p);
	rmdir(dir);
	free(p);
	buf_free(&err);
	return done();
}
