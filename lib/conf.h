/*
 * The configuration folder: hardware.params, vsp.nodes, vsp.params and
 * apps/<app>/application.config (-C DIR, else $VSP_CONF, else /etc/vsp).
 * Loading errors end the program with status 2 and file:line.
 */
#ifndef VSP_CONF_H
#define VSP_CONF_H

#include "ini.h"

/* Bounds of the pipeline's numbers, the same in every tool that reads them. */
#define CORES_MAX 65536		/* cores of a PM, vcpus of a VM */
#define RUNS_MAX 1000000	/* runs of an experiment */

struct hw {
	long cores;	/* per PM */
	long sockets;	/* per PM; divides cores */
	long mem;	/* GiB per PM */
	/* InfiniBand VFs of the original (vsp-virt); -1 where not given */
	long ib_bus, ib_slot_start, ib_device_start, ib_vfs;
};

struct conf {
	char *dir;
	struct hw hw;
	char **nodes;	/* vsp.nodes in file order */
	char **addrs;	/* each node's address from vsp.nodes, or NULL */
	size_t nnodes;
	struct ini params;	/* vsp.params as read (may be empty) */
};

/* The folder from -C (may be NULL), $VSP_CONF or /etc/vsp. */
const char *conf_dir(const char *opt);
void conf_load(struct conf *c, const char *dir);
void conf_free(struct conf *c);

/* Where a PM is reached: its address in vsp.nodes, else its name (also
 * for a name that is not listed). */
const char *conf_node_addr(const struct conf *c, const char *node);

/* A vsp.params setting, or its documented default. */
const char *conf_get(const struct conf *c, const char *key);
/* 1 if key is a vsp.params setting. */
int conf_known(const char *key);
/* A numeric setting in [min, max], or the program ends naming it. */
long conf_long(const struct conf *c, const char *key, long min, long max);
/* A yes/no setting (yes, no, true, false, 1, 0). */
int conf_bool(const struct conf *c, const char *key);
/* "file:line" of a setting, or "vsp.params default", for messages. */
const char *conf_where(const struct conf *c, const char *key);

/* Path of a template: DIR/name if it exists, else the shared one. */
char *conf_template(const struct conf *c, const char *name);
/* Folder of shared data: $VSP_SHARE, else ../share/vsp next to the
 * executable when it holds vsp's templates (a build tree), else the
 * installed one. */
const char *conf_sharedir(void);

/* Setting table, for documentation and validation. */
struct param_def {
	const char *key;
	const char *def;
};
extern const struct param_def param_defs[];

#endif
