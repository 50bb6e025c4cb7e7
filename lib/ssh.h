/*
 * Remote commands and file copies with libssh2: host keys checked against
 * known_hosts (an unknown or changed key refuses the host), agent or key
 * authentication, commands built from argv with every word quoted, SFTP
 * copies with an SCP fallback. The host "localhost" runs locally instead.
 */
#ifndef VSP_SSH_H
#define VSP_SSH_H

#include "buf.h"

struct ssh_opts {
	const char *user;	/* empty: the current user */
	long port;
	const char *key;	/* private key file ("~/" expanded); empty: agent only */
	const char *known_hosts;	/* "~/" expanded */
	long timeout;		/* seconds for connect and each operation */
};

struct ssh;

/* Connects and authenticates. NULL with the reason in err. */
struct ssh *ssh_open(const char *host, const struct ssh_opts *o,
	struct buf *err);
/*
 * The same; *refused (if not NULL) tells a server that answered and refused
 * (host key not known or changed, authentication failed: trying again will
 * not help) from one not reached yet.
 */
struct ssh *ssh_connect(const char *host, const struct ssh_opts *o,
	struct buf *err, int *refused);
/* libssh2's global set-up, once, before threads use it. 0 or -1. */
int ssh_lib_init(void);
void ssh_close(struct ssh *s);
/* 1 if the handle runs commands locally (the host "localhost"). */
int ssh_is_local(const struct ssh *s);

/*
 * Runs a POSIX sh script (through "sh -c"), its standard output in out and
 * its standard error in errout. The exit status, 128+N for signal N, or -1
 * with the reason in err.
 */
int ssh_run(struct ssh *s, const char *script, struct buf *out,
	struct buf *errout, struct buf *err);
/* Copies the remote file into the open file fd. 0, or -1 and err. */
int ssh_get(struct ssh *s, const char *remote, int fd, struct buf *err);

/* "~/x" to "$HOME/x"; anything else copied. */
char *ssh_expand_home(const char *path);

#endif
