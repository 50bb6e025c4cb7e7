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

#include "buf.h"

struct atomic {
	char *path, *tmp;
	int fd;
	FILE *fp;	/* set by the caller if it wrote through fdopen(fd) */
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
/* n (at most 64) random letters and digits and a NUL into s: a name no
 * one else picks (temporary names, vsp-mon's collector folders). */
void atomic_token(char *s, size_t n);
/* Syncs the folder that holds path (a rename into it is then durable). */
int atomic_sync_parent(const char *path);

#endif
