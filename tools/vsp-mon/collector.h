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

/* Names the host's collector (state "starting"), before it starts. */
void collector_name(struct host *h);
/* Starts sadc on the host; records pid and dir, or why it failed. */
void collector_start(const struct mon_ctx *c, struct host *h);
/* Stops the host's sadc (only if it is ours), copies its data file to
 * <mondir>/<host>.sa and converts it into <mondir>/<host>.tsv; a host
 * with its series already is done; a host still "starting" (a start cut
 * short) has its collector killed and fails. */
void collector_stop(const struct mon_ctx *c, struct host *h);
/* Stops the host's collector, started or only named, and drops its data
 * (state "aborted"; "failed" if it could not be stopped). */
void collector_abort(const struct mon_ctx *c, struct host *h);

#endif
