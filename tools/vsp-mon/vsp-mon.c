/*
 * vsp-mon: starts sysstat's sadc on every host of an execution (over SSH,
 * or here for localhost), stops exactly those collectors, copies their data
 * into <rundir>/mon/ and converts it into one series per host.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "collector.h"
#include "conf.h"
#include "err.h"
#include "hosts.h"
#include "series.h"
#include "tsv.h"

#define MAX_PARALLEL 64

/* The result of a child: state, pid, dir, reason, TAB-separated. */
static void
send_result(int fd, const struct host *h)
{
	struct buf b = { 0 };
	const char *f[4] = { h->state, h->pid, h->dir, h->reason };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (i)
			buf_addc(&b, '\t');
		tsv_escape(&b, f[i] ? f[i] : "");
	}
	if (write(fd, b.s, b.len) != (ssize_t)b.len)
		_exit(1);
	buf_free(&b);
}

static void
take_result(struct host *h, int fd, int status)
{
	struct buf b = { 0 };
	char chunk[4096], **f[4] = { &h->state, &h->pid, &h->dir, &h->reason };
	const char *p, *bad;
	ssize_t n;
	size_t i, len;
	long got;

	while ((n = read(fd, chunk, sizeof chunk)) > 0 ||
	    (n < 0 && errno == EINTR))
		if (n > 0)
			buf_add(&b, chunk, (size_t)n);
	if (!b.len || !WIFEXITED(status) || WEXITSTATUS(status)) {
		host_fail(h, "worker process failed");
		buf_free(&b);
		return;
	}
	for (p = b.s, i = 0; i < 4; i++) {
		len = strcspn(p, "\t");
		free(*f[i]);
		*f[i] = xmalloc(len + 1);
		if ((got = tsv_unescape(*f[i], p, len, &bad)) < 0) {
			**f[i] = '\0';
			host_fail(h, "worker process sent a bad result");
			break;
		}
		(*f[i])[got] = '\0';
		p += len + (p[len] == '\t');
	}
	buf_free(&b);
}

/* Runs job on every host in parallel, at most MAX_PARALLEL at once. */
static void
each_host(const struct mon_ctx *c, struct hosts *hs,
    void (*job)(const struct mon_ctx *, struct host *))
{
	pid_t *pids = xcalloc(hs->n, sizeof *pids);
	int *fds = xcalloc(hs->n, sizeof *fds);
	size_t next = 0, done = 0;
	int p[2], status;

	while (done < hs->n) {
		while (next < hs->n && next - done < MAX_PARALLEL) {
			if (pipe(p) < 0)
				die(EXIT_FAIL, "pipe:");
			/* sadc, started by the worker, must not hold it open */
			fcntl(p[0], F_SETFD, FD_CLOEXEC);
			fcntl(p[1], F_SETFD, FD_CLOEXEC);
			fflush(NULL);
			if ((pids[next] = fork()) < 0)
				die(EXIT_FAIL, "fork:");
			if (pids[next] == 0) {
				close(p[0]);
				job(c, &hs->v[next]);
				send_result(p[1], &hs->v[next]);
				_exit(0);
			}
			close(p[1]);
			fds[next++] = p[0];
		}
		take_result(&hs->v[done], fds[done], 0);
		while (waitpid(pids[done], &status, 0) < 0)
			if (errno != EINTR)
				die(EXIT_FAIL, "waitpid:");
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			host_fail(&hs->v[done], "worker process failed");
		close(fds[done]);
		done++;
	}
	free(pids);
	free(fds);
}

/* Prints the hosts that failed; 1 if any did. */
static int
report(const struct hosts *hs)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < hs->n; i++)
		if (hs->v[i].state && !strcmp(hs->v[i].state, "failed")) {
			warnx("%s: %s", hs->v[i].name, hs->v[i].reason);
			bad = 1;
		}
	return bad;
}

static void
check_settings(const struct conf *conf)
{
	const char *act = conf_get(conf, "mon_activities");
	const char *sadc = conf_get(conf, "mon_sadc");

	if (strspn(act, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_,") !=
	    strlen(act))
		die(EXIT_USAGE, "%s: mon_activities \"%s\" is not a list of sadc "
		    "activities (XALL, DISK,SNMP ...)", conf_where(conf,
		    "mon_activities"), act);
	if (*sadc != '/' || strspn(sadc, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/._+-") != strlen(sadc))
		die(EXIT_USAGE, "%s: mon_sadc \"%s\" is not an absolute path",
		    conf_where(conf, "mon_sadc"), sadc);
	conf_long(conf, "mon_interval", 1, 86400);
}

static int
cmd_start(struct mon_ctx *c, const char *nodefile, const char *pms,
    const char *tsv, char **ops, int nops)
{
	struct hosts hs = { 0 }, kept = { 0 };
	const char *fixed = conf_get(&c->conf, "mon_hosts");
	char *list, *tok, *save;
	char *state = xasprintf("%s/state", c->mondir);
	size_t i;
	int k, rc;

	check_settings(&c->conf);
	if (nodefile)
		hosts_nodefile(&hs, nodefile);
	if (tsv)
		hosts_tsv(&hs, tsv, &c->conf);
	for (k = 0; k < nops; k++)
		hosts_add_spec(&hs, ops[k], SERIES_VM, 1, "operand");
	list = xstrdup(pms ? pms : "");
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save))
		hosts_add(&hs, tok, conf_node_addr(&c->conf, tok), SERIES_PM, 0,
		    "-m");
	free(list);
	if (*fixed) {	/* mon_hosts replaces the execution's hosts */
		hosts_free(&hs);
		memset(&hs, 0, sizeof hs);
		list = xstrdup(fixed);
		for (tok = strtok_r(list, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save))
			hosts_add_spec(&hs, tok, SERIES_VM, 1,
			    conf_where(&c->conf, "mon_hosts"));
		free(list);
	}
	for (i = 0; i < hs.n; i++) {
		if (hs.v[i].kind == SERIES_PM && !hs.v[i].app &&
		    !conf_bool(&c->conf, "mon_pms")) {
			host_free(&hs.v[i]);
			continue;
		}
		kept.v = xreallocarray(kept.v, kept.n + 1, sizeof *kept.v);
		kept.v[kept.n++] = hs.v[i];
	}
	free(hs.v);
	if (!kept.n)
		die(EXIT_USAGE, "no hosts to monitor (give -n, -m, -t or hosts)");
	if (mkdir(c->mondir, 0755) < 0 && errno != EEXIST)
		die(EXIT_FAIL, "%s:", c->mondir);
	if (access(state, F_OK) == 0)
		die(EXIT_FAIL, "%s exists: collectors were started in this run "
		    "folder already (stop them first)", state);
	free(state);
	/*
	 * Recorded (and made durable) before any starts: a start cut short,
	 * even by a crash, is found by stop. Should the state that says
	 * started be lost, stop still finds the collectors by that name.
	 */
	for (i = 0; i < kept.n; i++)
		collector_name(&kept.v[i]);
	state_write(c->mondir, &kept, 0);
	each_host(c, &kept, collector_start);
	state_write(c->mondir, &kept, 1);
	rc = report(&kept);
	hosts_free(&kept);
	return rc;
}

static int
cmd_stop(struct mon_ctx *c, int drop)
{
	struct hosts hs = { 0 };
	int rc;

	state_read(c->mondir, &hs);
	/* A state lost to a crash: the next stop finds the data copied. */
	each_host(c, &hs, drop ? collector_abort : collector_stop);
	state_write(c->mondir, &hs, 1);
	rc = report(&hs);
	hosts_free(&hs);
	return rc;
}

/* What a subcommand works with. */
struct run {
	struct mon_ctx c;
	const char *nodefile, *pms, *tsv;
	char **ops;	/* the hosts given as operands */
	int nops;
};

static int
do_start(void *x)
{
	struct run *r = x;

	return cmd_start(&r->c, r->nodefile, r->pms, r->tsv, r->ops, r->nops);
}

static int
do_stop(void *x)
{
	return cmd_stop(&((struct run *)x)->c, 0);
}

static int
do_abort(void *x)
{
	return cmd_stop(&((struct run *)x)->c, 1);
}

static const struct cmd_opt o_start[] = { { 'C', "dir" }, { 'd', "dir" },
    { 'n', "file" }, { 'm', "value" }, { 't', "file" }, { 0, NULL } };
static const struct cmd_opt o_stop[] = { { 'C', "dir" }, { 'd', "dir" },
    { 0, NULL } };

static const struct cmd cmds[] = {
	{ "start", o_start, "start [-C dir] -d rundir [-n nodefile] [-m pm,...]"
	    " [-t vms.tsv] [host[:kind] ...]", -1, do_start },
	{ "stop", o_stop, "stop [-C dir] -d rundir", 0, do_stop },
	{ "fetch", o_stop, "fetch [-C dir] -d rundir", 0, do_stop },
	{ "abort", o_stop, "abort [-C dir] -d rundir", 0, do_abort },
	{ NULL, NULL, NULL, 0, NULL }
};

int
main(int argc, char **argv)
{
	const char *opt[CMD_OPTS] = { 0 };
	const struct cmd *cmd = cmd_parse(cmds, &argc, &argv, opt);
	const char *rundir = opt['d'];
	struct run r = { .nodefile = opt['n'], .pms = opt['m'], .tsv = opt['t'],
	    .ops = argv, .nops = argc };
	struct mon_ctx *c = &r.c;
	struct stat st;
	int rc;

	if (!rundir)
		cmd_usage(cmds);
	conf_load(&c->conf, conf_dir(opt['C']));
	if (!conf_bool(&c->conf, "mon")) {
		conf_free(&c->conf);
		return 0;
	}
	if (stat(rundir, &st) < 0 || !S_ISDIR(st.st_mode))
		die(EXIT_USAGE, "%s: not a folder", rundir);
	c->mondir = xasprintf("%s/mon", rundir);
	c->ssh.user = conf_get(&c->conf, "ssh_user");
	c->ssh.port = conf_long(&c->conf, "ssh_port", 1, 65535);
	c->ssh.key = conf_get(&c->conf, "ssh_key");
	c->ssh.known_hosts = conf_get(&c->conf, "ssh_known_hosts");
	c->ssh.timeout = conf_long(&c->conf, "ssh_timeout", 1, 3600);
	c->sadf_timeout = conf_long(&c->conf, "mon_sadf_timeout", 1, 86400);
	c->vm_ssh = c->ssh;
	if (*conf_get(&c->conf, "vm_known_hosts"))
		c->vm_ssh.known_hosts = conf_get(&c->conf, "vm_known_hosts");
	rc = cmd->fn(&r);
	free(c->mondir);
	conf_free(&c->conf);
	return rc;
}
