/*
 * "Complete once renamed into place", the one way vsp writes a result
 * file: a new file under a temporary name in the same folder,
 * <path>.XXXXXX.tmp (created with O_EXCL|O_NOFOLLOW, so never through a
 * link nor over another file; its mode is mode less the umask), written,
 * fsynced, renamed over path and the folder fsynced. A crash leaves either
 * the old file or the new one, and at most a *.tmp file, which is never a
 * result (vsp-sweep removes them).
 */
#ifndef VSP_ATOMIC_H
#define VSP_ATOMIC_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "buf.h"

struct atomic {
	char *path, *tmp;
	int fd;
	FILE *fp;	/* set by the caller if it wrote through fdopen(fd) */
	int redoable;	/* set by the caller: see atomic_write_redoable */
	dev_t dev;	/* its file system: set by atomic_batch_add */
};

/* Creates the temporary file; 0, or -1 with err (may be NULL) and errno. */
int atomic_open(struct atomic *a, const char *path, int mode, struct buf *err);
/* Flushes, fsyncs, closes and renames it into place; 0 or -1 (no temp left). */
int atomic_commit(struct atomic *a, struct buf *err);
/* Closes and removes the temporary file. */
void atomic_abort(struct atomic *a);
/* The whole of data[0..len) as path; 0 or -1 with err (may be NULL), errno. */
int atomic_write(const char *path, const void *data, size_t len, int mode,
	struct buf *err);
/*
 * The same with one sync less: the file is synced, its rename is not, so a
 * crash may leave the file it replaced (or none) instead, never a part of
 * it. For a file whose loss is redone from what it was made of.
 */
int atomic_write_redoable(const char *path, const void *data, size_t len,
	int mode, struct buf *err);
/* n (at most 64) random letters and digits and a NUL into s: a name no
 * one else picks (temporary names, vsp-mon's collector folders). */
void atomic_token(char *s, size_t n);
/* Syncs the folder that holds path (a rename into it is then durable). */
int atomic_sync_parent(const char *path);

/*
 * Many result files made durable together, the same guarantee for each as
 * atomic_write: each is written under its temporary name, then one syncfs
 * per file system makes them all durable, they are renamed into place and
 * a second syncfs makes the renames durable. Two syncs for the lot, where
 * one file at a time takes two fsyncs each.
 */
struct atomic_batch {
	struct atomic *v;	/* written, not yet renamed */
	size_t n, cap;
};

/* Writes data as path's temporary file; 0, or -1 with err and errno. */
int atomic_batch_add(struct atomic_batch *b, const char *path,
	const void *data, size_t len, int mode, struct buf *err);
/* Syncs, renames and syncs every file added; 0, or -1 with err (no
 * temporary left). The batch is empty again either way. */
int atomic_batch_commit(struct atomic_batch *b, struct buf *err);
/* Removes the temporary files of the batch and frees it. */
void atomic_batch_abort(struct atomic_batch *b);

#endif
