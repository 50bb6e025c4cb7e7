#define _GNU_SOURCE	/* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic.h"
#include "err.h"
#include "outdir.h"
#include "version.h"

static char *pending;	/* the folder being built, removed if we fail */
static char *rm_argv[] = { "rm", "-rf", "--", NULL, NULL };

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int
rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
cleanup(void)
{
	if (pending)
		rm_tree(pending);
}

/* A signal that ends us: rm(1) removes the folder, for nftw may not run in
 * a signal handler; fork, execve and waitpid may. */
static void
on_signal(int sig)
{
	static char *const env[] = { NULL };
	pid_t pid = -1;

	if (pending && (pid = fork()) == 0) {
		execve("/bin/rm", rm_argv, env);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
}

static int
empty_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/*
 * Folders .BASE.tmp-* in DIR that no live vsp-report holds (its lock goes
 * with it, also under SIGKILL): the leftovers of a killed build.
 */
static void
remove_leftovers(const char *dir, const char *base)
{
	char *prefix = xasprintf(".%s.tmp-", base), *path;
	DIR *d = opendir(dir);
	struct dirent *e;
	int fd;

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			rm_tree(path);
		if (fd >= 0)
			close(fd);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
}

/* mkdtemp, locked for our life; again if a leftover sweep took it first. */
static void
make_locked(char *tmp, const char *templ, const char *dest)
{
	struct stat st;
	int fd;

	for (;;) {
		strcpy(tmp, templ);
		if (!mkdtemp(tmp))
			die(EXIT_FAIL, "%s: cannot create a folder beside it:",
			    dest);
		fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 &&
		    st.st_nlink > 0)
			return;	/* fd stays open: the lock is ours until exit */
		if (fd >= 0)
			close(fd);
	}
}

char *
outdir_begin(const char *dest)
{
	struct stat st;
	char *mark, *tmp, *templ, *slash, *parent, *base, *dir;
	FILE *fp;
	mode_t mask;

	if (!*dest)
		die(EXIT_USAGE, "-o: empty folder name");
	parent = xstrdup(dest);
	while ((slash = strrchr(parent, '/')) && slash > parent && !slash[1])
		*slash = '\0';	/* trailing slashes */
	if ((slash = strrchr(parent, '/'))) {
		base = slash + 1;
		*slash = '\0';
	} else {
		base = parent;
	}
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		die(EXIT_USAGE, "-o: \"%s\" names no folder that can be replaced "
		    "(give its name)", dest);
	dir = base == parent ? "." : *parent ? parent : "/";
	templ = base == parent ? xasprintf(".%s.tmp-XXXXXX", base) :
	    xasprintf("%s/.%s.tmp-XXXXXX", dir, base);
	remove_leftovers(dir, base);
	free(parent);
	if (stat(dest, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			die(EXIT_USAGE, "%s: exists and is not a folder", dest);
		mark = xasprintf("%s/%s", dest, OUTDIR_MARK);
		if (access(mark, F_OK) < 0 && !empty_dir(dest))
			die(EXIT_USAGE, "%s: exists and is not a report of "
			    "vsp-report (no %s): not replaced", dest, OUTDIR_MARK);
		free(mark);
	} else if (errno != ENOENT) {
		die(EXIT_USAGE, "%s:", dest);
	}
	tmp = xstrdup(templ);
	make_locked(tmp, templ, dest);
	free(templ);
	pending = rm_argv[3] = tmp;
	atexit(cleanup);
	catch_signals();
	mark = xasprintf("%s/%s", tmp, OUTDIR_MARK);
	if (!(fp = fopen(mark, "w")) || fputs("vsp-report " VSP_VERSION "\n",
	    fp) == EOF ||
	    fclose(fp) == EOF)
		die(EXIT_FAIL, "%s: cannot write:", mark);
	free(mark);
	mask = umask(0);	/* mkdtemp made it 0700: give it the usual mode */
	umask(mask);
	chmod(tmp, 0777 & ~mask);
	return tmp;
}

void
outdir_forget(void)
{
	pending = NULL;
}

void
outdir_commit(const char *tmp, const char *dest)
{
	struct stat st;
	char *old;
	int fd;

	/* Complete once renamed into place: its files reach the disk first. */
	if ((fd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    syncfs(fd) < 0)
		die(EXIT_FAIL, "%s: cannot sync:", tmp);
	close(fd);
	if (stat(dest, &st) < 0 || empty_dir(dest)) {
		if (rename(tmp, dest) < 0)
			die(EXIT_FAIL, "%s: cannot rename to %s:", tmp, dest);
		pending = NULL;
		atomic_sync_parent(dest);
		return;
	}
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_EXCHANGE) == 0) {
		atomic_sync_parent(dest);
		rm_tree(tmp);	/* now the old report */
		pending = NULL;
		return;
	}
	/* No atomic exchange on this file system: two renames. */
	old = xasprintf("%s.old", tmp);
	if (rename(dest, old) < 0)
		die(EXIT_FAIL, "%s: cannot rename to %s:", dest, old);
	if (rename(tmp, dest) < 0) {
		rename(old, dest);
		die(EXIT_FAIL, "%s: cannot rename to %s:", tmp, dest);
	}
	pending = NULL;
	atomic_sync_parent(dest);
	rm_tree(old);
	free(old);
}
