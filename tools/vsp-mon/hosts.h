/* The hosts vsp-mon monitors, and <rundir>/mon/state that records them. */
#ifndef VSP_MON_HOSTS_H
#define VSP_MON_HOSTS_H

#include <stddef.h>

#include "buf.h"
#include "conf.h"

struct host {
	char *name;	/* in file names */
	char *addr;	/* what we connect to */
	int kind;	/* enum series_kind */
	int app;	/* runs the application (never dropped) */
	char *state;	/* started, failed, done */
	char *pid, *dir, *reason;	/* the collector, or why there is none */
};

struct hosts {
	struct host *v;
	size_t n;
};

/* Adds a host, or merges it with the one of the same name or address (a
 * PM wins, with its name);
 * a bad name or address ends the program (status 2) naming where. */
void hosts_add(struct hosts *hs, const char *name, const char *addr, int kind,
	int app, const char *where);
/* "host" or "host:kind" (kind vm or pm), default kind dflt. */
void hosts_add_spec(struct hosts *hs, const char *spec, int dflt, int app,
	const char *where);
/* One host a line (a PBS node file): kind vm. */
void hosts_nodefile(struct hosts *hs, const char *path);
/* VM rows: vm (reached at addr if given) runs the application, node is
 * its PM (reached at its vsp.nodes address); "-" is standard input. */
void hosts_tsv(struct hosts *hs, const char *path, const struct conf *conf);
void host_set(char **field, const char *val);
void host_free(struct host *h);
void hosts_free(struct hosts *hs);
/* Marks the host failed with the first line of the reason. */
void host_fail(struct host *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * <mondir>/state, written through a temporary file; ends the program on
 * failure. redoable: its rename is not synced (lib/atomic), for a state
 * whose loss leaves one a later stop still handles.
 */
void state_write(const char *mondir, const struct hosts *hs, int redoable);
void state_read(const char *mondir, struct hosts *hs);

#endif
