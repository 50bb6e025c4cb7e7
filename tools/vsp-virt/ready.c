/*
 * When a started VM counts as ready: running, a TCP port, a console line,
 * or an SSH login with the host key of known_hosts.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "err.h"
#include "ssh.h"
#include "virt.h"

/* 1 if a TCP connection to host:port succeeds within 0.5 s. */
static int
tcp_open(const char *host, long port)
{
	struct addrinfo hints = { 0 }, *ai, *a;
	char svc[16];
	int ok = 0;

	hints.ai_socktype = SOCK_STREAM;
	snprintf(svc, sizeof svc, "%ld", port);
	if (getaddrinfo(host, svc, &hints, &ai) != 0)
		return 0;
	for (a = ai; a && !ok; a = a->ai_next) {
		int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, a->ai_protocol), err = 0;
		socklen_t len = sizeof err;
		struct pollfd pfd;

		if (fd < 0)
			continue;
		if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
			ok = 1;
		else if (errno == EINPROGRESS) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, 500) == 1 &&
			    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 &&
			    err == 0)
				ok = 1;
		}
		close(fd);
	}
	freeaddrinfo(ai);
	return ok;
}

static int
has_bytes(const char *s, size_t n, const char *m)
{
	size_t k = strlen(m), i;

	for (i = 0; k && i + k <= n; i++)
		if (s[i] == m[0] && !memcmp(s + i, m, k))
			return 1;
	return 0;
}

int
ready_reset(struct vm *vm)
{
	if (vm->console && unlink(vm->console) < 0 && errno != ENOENT) {
		vm_fail(vm, "cannot remove the old console file %s: %s",
		    vm->console, strerror(errno));
		return -1;
	}
	return 0;
}

/* 1 if the file holds the marker; a file not yet made is "not yet". */
static int
file_has(const char *path, const char *marker)
{
	struct buf b = { 0 };
	int found;
	FILE *fp = fopen(path, "r");

	if (!fp)
		return 0;
	buf_read(&b, fp, 0);	/* a read error: looked for again later */
	fclose(fp);
	found = has_bytes(b.s, b.len, marker);
	buf_free(&b);
	return found;
}

static void
not_yet(struct vm *vm, const char *why)
{
	free(vm->not_yet);
	vm->not_yet = xstrdup(why);
}

/*
 * Ready once a login works; a host key that is unknown or does not match
 * (or a refused login) fails the VM at once: waiting will not change it.
 */
static int
ssh_ready(const struct virt *v, struct vm *vm)
{
	struct buf err = { 0 };
	struct ssh *s;
	int refused;

	/* a quick probe first: the full connection waits ssh_timeout */
	if (!tcp_open(vm->addr, v->ssh.port)) {
		char why[128];

		snprintf(why, sizeof why, "%s port %ld is not open", vm->addr,
		    v->ssh.port);
		not_yet(vm, why);
		return 0;
	}
	if ((s = ssh_connect(vm->addr, &v->ssh, &err, &refused))) {
		ssh_close(s);
		buf_free(&err);
		return 1;
	}
	if (refused)
		vm_fail(vm, "ssh: %s", buf_str(&err));
	else
		not_yet(vm, buf_str(&err));
	buf_free(&err);
	return refused ? -1 : 0;
}

int
ready_check(const struct virt *v, struct vm *vm)
{
	int st = VIR_DOMAIN_NOSTATE, reason;

	if (virDomainGetState(vm->dom, &st, &reason, 0) < 0) {
		vm_fail(vm, "cannot read the state: %s", virGetLastErrorMessage());
		return -1;
	}
	if (st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_BLOCKED) {
		vm_fail(vm, "domain is %s before it was ready", state_name(st));
		return -1;
	}
	switch (v->ready) {
	case READY_RUNNING:
		return 1;
	case READY_TCP:
		return tcp_open(vm->addr, v->ready_port);
	case READY_CONSOLE:
		return file_has(vm->console, v->ready_marker);
	case READY_SSH:
		return ssh_ready(v, vm);
	}
	return 1;
}
