/* One host's sadc: started, stopped, copied here and converted. */
#ifndef VSP_MON_COLLECTOR_H
#define VSP_MON_COLLECTOR_H

#include "conf.h"
#include "hosts.h"
#include "ssh.h"

struct mon_ctx {
	struct conf conf;
	struct ssh_opts ssh;
	struct ssh_opts vm_ssh;	/* for hosts of kind vm: vm_known_hosts */
	char *mondir;	/* <rundir>/mon */
};

/* Starts sadc on the host; records pid and dir, or why it failed. */
void collector_start(const struct mon_ctx *c, struct host *h);
/* Stops the host's sadc (only if it is ours), copies its data file to
 * <mondir>/<host>.sa and converts it into <mondir>/<host>.tsv; a host
 * with its series already is done. */
void collector_stop(const struct mon_ctx *c, struct host *h);

#endif
