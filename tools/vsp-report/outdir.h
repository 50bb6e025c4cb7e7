/*
 * The report folder is built beside its final place and renamed into it
 * whole, so readers see the old report or the new one, never a mix.
 */
#ifndef VSP_REPORT_OUTDIR_H
#define VSP_REPORT_OUTDIR_H

#include <stddef.h>

#define OUTDIR_MARK ".vsp-report"	/* marks a folder vsp-report may replace */

/* Checks dest may be replaced, creates the folder beside it, returns it.
 * The folder is removed at exit unless outdir_commit ran. */
char *outdir_begin(const char *dest);
/* In a forked worker: leave the folder to the parent at exit. */
void outdir_forget(void);
/* Writes the file path of the folder whole (the folder is what is renamed
 * into place); dies naming path if it cannot. */
void outdir_write(const char *path, const char *s, size_t n);
/* Renames the built folder to dest and removes the old report. */
void outdir_commit(const char *tmp, const char *dest);

#endif
