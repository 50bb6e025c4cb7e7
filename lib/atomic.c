/* Result files complete once renamed into place (see atomic.h). */
#define _GNU_SOURCE	/* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "atomic.h"
#include "err.h"

enum { TRIES = 100 };

static void
fail(struct buf *err, const char *path, int e)
{
	errno = e;
	if (err)
		buf_addf(err, "%s:", path);	/* lib/err appends errno's text */
	errno = e;
}

void
atomic_token(char *s, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned counter;
	unsigned char r[64];
	struct timespec ts;
	size_t i;

	if (n > sizeof r)
		n = sizeof r;
	if (getentropy(r, n) < 0) {	/* unlikely; O_EXCL still guards */
		clock_gettime(CLOCK_REALTIME, &ts);
		for (i = 0; i < n; i++)
			r[i] = (unsigned char)(ts.tv_nsec >> (i % 4 * 8) ^
			    getpid() >> (i % 3 * 8) ^ ++counter * 151u);
	}
	for (i = 0; i < n; i++)
		s[i] = set[r[i] % (sizeof set - 1)];
	s[n] = '\0';
}

static void
tmp_name(struct atomic *a)
{
	char s[7];

	atomic_token(s, 6);
	free(a->tmp);
	a->tmp = xasprintf("%s.%s.tmp", a->path, s);
}

int
atomic_open(struct atomic *a, const char *path, int mode, struct buf *err)
{
	unsigned try;

	memset(a, 0, sizeof *a);
	a->fd = -1;
	a->path = xstrdup(path);
	for (try = 0; try < TRIES; try++) {
		tmp_name(a);
		a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, mode);
		if (a->fd >= 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	fail(err, a->tmp, errno);
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	return -1;
}

void
atomic_abort(struct atomic *a)
{
	int e = errno;

	if (a->fp)
		fclose(a->fp);
	else if (a->fd >= 0)
		close(a->fd);
	if (a->tmp)
		unlink(a->tmp);
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof *a);
	a->fd = -1;
	errno = e;
}

int
atomic_sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;

	if (fd >= 0) {
		rc = fsync(fd) < 0 && errno != EINVAL ? -1 : 0;
		close(fd);
	}
	free(dir);
	return rc;
}

int
atomic_commit(struct atomic *a, struct buf *err)
{
	int bad = 0, e = 0;

	if (a->fp) {
		if (fflush(a->fp) || fsync(a->fd) < 0)
			bad = 1, e = errno;
		if (fclose(a->fp) && !bad)
			bad = 1, e = errno;
		a->fp = NULL;
	} else {
		if (fsync(a->fd) < 0)
			bad = 1, e = errno;
		if (close(a->fd) < 0 && !bad)
			bad = 1, e = errno;
	}
	a->fd = -1;
	if (bad) {
		fail(err, a->tmp, e);
		atomic_abort(a);
		return -1;
	}
	if (rename(a->tmp, a->path) < 0) {
		fail(err, a->path, errno);
		atomic_abort(a);
		return -1;
	}
	if (!a->redoable && atomic_sync_parent(a->path) < 0) {
		/* In place but perhaps not durable: say so, keep the file. */
		fail(err, a->path, errno);
		free(a->tmp);
		a->tmp = NULL;
		atomic_abort(a);
		return -1;
	}
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	return 0;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *s = data;
	size_t off = 0;
	ssize_t w;

	while (off < len) {
		if ((w = write(fd, s + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

static int
write_file(const char *path, const void *data, size_t len, int mode,
    int redoable, struct buf *err)
{
	struct atomic a;

	if (atomic_open(&a, path, mode, err) < 0)
		return -1;
	a.redoable = redoable;
	if (write_all(a.fd, data, len) < 0) {
		fail(err, a.tmp, errno);
		atomic_abort(&a);
		return -1;
	}
	return atomic_commit(&a, err);
}

int
atomic_write(const char *path, const void *data, size_t len, int mode,
    struct buf *err)
{
	return write_file(path, data, len, mode, 0, err);
}

int
atomic_write_redoable(const char *path, const void *data, size_t len,
    int mode, struct buf *err)
{
	return write_file(path, data, len, mode, 1, err);
}

int
atomic_batch_add(struct atomic_batch *b, const char *path, const void *data,
    size_t len, int mode, struct buf *err)
{
	struct atomic a;
	struct stat st;

	if (atomic_open(&a, path, mode, err) < 0)
		return -1;
	if (write_all(a.fd, data, len) < 0 || fstat(a.fd, &st) < 0 ||
	    close(a.fd) < 0) {
		fail(err, a.tmp, errno);
		a.fd = -1;	/* closed or not, the file goes */
		atomic_abort(&a);
		return -1;
	}
	a.fd = -1;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	a.dev = st.st_dev;
	b->v[b->n++] = a;
	return 0;
}

/* One syncfs per file system of the batch; 0, or -1 with err. */
static int
sync_batch(struct atomic_batch *b, struct buf *err)
{
	size_t i, j;
	int fd;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < i && b->v[j].dev != b->v[i].dev; j++)
			;
		if (j < i)
			continue;	/* that file system is synced */
		fd = open(b->v[i].path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			fd = open(b->v[i].tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syncfs(fd) < 0) {
			fail(err, b->v[i].path, errno);
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

int
atomic_batch_commit(struct atomic_batch *b, struct buf *err)
{
	size_t i;
	int rc;

	if (sync_batch(b, err) < 0) {
		atomic_batch_abort(b);
		return -1;
	}
	for (i = 0; i < b->n; i++) {
		if (rename(b->v[i].tmp, b->v[i].path) < 0) {
			fail(err, b->v[i].path, errno);
			atomic_batch_abort(b);	/* the rest; the renamed stay */
			return -1;
		}
		free(b->v[i].tmp);
		b->v[i].tmp = NULL;
	}
	/* In place but perhaps not durable if this fails: say so, keep the
	 * files; abort frees what is left, with nothing to remove. */
	rc = sync_batch(b, err);
	atomic_batch_abort(b);
	return rc;
}

void
atomic_batch_abort(struct atomic_batch *b)
{
	FREE_EACH(b->v, b->n, atomic_abort);
	memset(b, 0, sizeof *b);
}
