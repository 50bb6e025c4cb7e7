/*
 * apps/<app>/application.config: how to run an application. The loader
 * checks [Application] and [Execution] (ours and the original's spellings)
 * and keeps the whole file, so vsp-collect can read [Metrics] from it.
 */
#ifndef VSP_APPCONF_H
#define VSP_APPCONF_H

#include "ini.h"

struct appconf {
	char *app;
	char *dir;		/* the application's folder */
	struct ini ini;		/* every section, as read */
	/* Values with inline comments removed; "" when not set. */
	char *executable;	/* required */
	char *args;		/* sh words; ${name} from the experiment */
	char *workdir;		/* absolute, or "" for the run folder */
	char *launcher;		/* e.g. mpirun; "" runs the executable */
	char *launcher_args;
	char *outputs;		/* sh words: files to keep, from workdir */
	char *other_output;	/* exec.otheroutput: one file to keep ... */
	char *output_rename;	/* ... under this name (exec.outputrename) */
	long walltime;		/* seconds, required */
	/* file:line of each value, for messages ("" when not set). */
	char *where_args, *where_launcher_args, *where_outputs,
	    *where_executable, *where_other_output;
};

/* Loads confdir/apps/<app>/application.config or ends the program (2). */
void appconf_load(struct appconf *a, const char *confdir, const char *app);
/* Only reads it and checks its sections and keys: app, dir and ini are
 * set, the values of [Application] and [Execution] are not (vsp-collect
 * needs [Metrics] alone); appconf_free frees it. */
void appconf_read(struct appconf *a, const char *confdir, const char *app);
/* appconf_read, but 0 if the file does not exist (nothing to free); 1. */
int appconf_read_opt(struct appconf *a, const char *confdir,
	const char *app);
void appconf_free(struct appconf *a);
/* Parses [[H:]M:]S into seconds > 0; -1 if malformed. */
long appconf_walltime(const char *s);

#endif
