#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collector.h"
#include "err.h"
#include "sadf.h"
#include "series.h"
#include "shword.h"

/* A collector folder made by our start script: safe to quote and delete. */
static int
dir_ok(const char *d)
{
	const char *base = strrchr(d, '/');

	if (*d != '/' || !base || strncmp(base, "/vsp-mon.", 9) || !base[9])
		return 0;
	for (; *d; d++)
		if (!isalnum((unsigned char)*d) && !strchr("/._-", *d))
			return 0;
	return 1;
}

/* VMs are checked against vm_known_hosts (a guest's own file), if set. */
static const struct ssh_opts *
host_ssh(const struct mon_ctx *c, const struct host *h)
{
	return h->kind == SERIES_VM ? &c->vm_ssh : &c->ssh;
}

static int
pid_ok(const char *p)
{
	size_t n = strspn(p, "0123456789");

	return n > 0 && n < 10 && !p[n] && *p != '0';
}

void
collector_start(const struct mon_ctx *c, struct host *h)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *sp;
	int rc;

	if (!(s = ssh_open(h->addr, host_ssh(c, h), &err))) {
		host_fail(h, "not started: %s", err.s);
		goto done;
	}
	buf_adds(&script, "sadc=");
	shword_squote(&script, conf_get(&c->conf, "mon_sadc"));
	buf_adds(&script, "; act=");
	shword_squote(&script, conf_get(&c->conf, "mon_activities"));
	buf_addf(&script, "; interval=%ld\n",
	    conf_long(&c->conf, "mon_interval", 1, 86400));
	buf_adds(&script,
	    "[ -x \"$sadc\" ] || { echo \"$sadc: not found\" >&2; exit 127; }\n"
	    "d=$(mktemp -d \"${TMPDIR:-/tmp}/vsp-mon.XXXXXX\") || exit 1\n"
	    "if [ -n \"$act\" ]; then set -- -S \"$act\"; else set --; fi\n"
	    "LC_ALL=C nohup \"$sadc\" \"$@\" \"$interval\" \"$d/sa\" "
	    "</dev/null >/dev/null 2>\"$d/err\" &\n"
	    "p=$!; i=0\n"
	    "while [ ! -s \"$d/sa\" ] && [ $i -lt 50 ] && kill -0 $p 2>/dev/null; do\n"
	    "  sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1))\n"
	    "done\n"
	    "if [ ! -s \"$d/sa\" ]; then\n"
	    "  kill $p 2>/dev/null; cat \"$d/err\" >&2; rm -rf \"$d\"; exit 1\n"
	    "fi\n"
	    "echo \"$d $p\"\n");
	rc = ssh_run(s, script.s, &out, &errout, &err);
	ssh_close(s);
	if (rc < 0) {
		host_fail(h, "not started: %s", err.s);
		goto done;
	}
	if (rc > 0) {
		char code[16];

		snprintf(code, sizeof code, "%d", rc);
		host_fail(h, "not started: start script exited %s: %s", code,
		    errout.len ? errout.s : "no message");
		goto done;
	}
	sp = out.s ? strchr(out.s, ' ') : NULL;
	if (sp)
		*sp++ = '\0';
	if (sp)
		sp[strcspn(sp, "\n")] = '\0';
	if (!sp || !dir_ok(out.s) || !pid_ok(sp)) {
		host_fail(h, "not started: unexpected start output \"%s\"",
		    out.len ? out.s : "");
		goto done;
	}
	host_set(&h->state, "started");
	host_set(&h->dir, out.s);
	host_set(&h->pid, sp);
	host_set(&h->reason, NULL);
done:
	buf_free(&script);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
}

/* Stops the collector (only if it is ours) and copies its data file. */
static int
copy_host(const struct mon_ctx *c, struct host *h, const char *sa)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *tmp = NULL, *remote = NULL;
	int rc = -1;

	if (!h->dir || !dir_ok(h->dir) || !h->pid || !pid_ok(h->pid)) {
		if (!h->reason || !*h->reason)
			host_fail(h, "no collector recorded");
		host_set(&h->state, "failed");
		return -1;
	}
	if (!(s = ssh_open(h->addr, host_ssh(c, h), &err))) {
		host_fail(h, "not stopped: %s", err.s);
		goto done;
	}
	buf_adds(&script, "d=");
	shword_squote(&script, h->dir);
	buf_addf(&script, "; p=%s\n", h->pid);
	buf_adds(&script,
	    "ours() { tr '\\000' '\\n' </proc/$p/cmdline 2>/dev/null |"
	    " grep -qxF \"$d/sa\"; }\n"
	    "size() { wc -c <\"$d/sa\" 2>/dev/null; }\n"
	    "paused() { read -r _ _ st _ </proc/$p/stat && [ \"$st\" = S ]; } 2>/dev/null\n"
	    "if ours; then\n"
	    /*
	     * SIGALRM makes sadc take its sample now (the last interval);
	     * SIGINT ends sadc at once, so it waits until that sample is
	     * written: the file grew, then stayed, and sadc sleeps again.
	     */
	    "  s0=$(size); kill -ALRM $p; i=0; last=$s0\n"
	    "  while [ $i -lt 20 ]; do\n"
	    "    sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1)); now=$(size)\n"
	    "    [ \"$now\" != \"$s0\" ] && [ \"$now\" = \"$last\" ] && paused && break\n"
	    "    last=$now\n"
	    "  done\n"
	    "  kill -INT $p; i=0\n"
	    "  while ours && [ $i -lt 50 ]; do\n"
	    "    sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1))\n"
	    "  done\n"
	    "  ours && kill -KILL $p\n"
	    "fi\n"
	    "[ -f \"$d/sa\" ] || { echo \"no data file $d/sa on the host\" >&2;"
	    " exit 3; }\n");
	if ((rc = ssh_run(s, script.s, &out, &errout, &err)) != 0) {
		if (rc < 0)
			host_fail(h, "not stopped: %s", err.s);
		else if (rc == 3)	/* the host lost its /tmp (a reboot) */
			host_fail(h, "data lost: %s", errout.len ? errout.s :
			    "no message");
		else
			host_fail(h, "not stopped: stop script exited %d: %s", rc,
			    errout.len ? errout.s : "no message");
		rc = -1;
		goto close;
	}
	tmp = xasprintf("%s.part", sa);
	remote = xasprintf("%s/sa", h->dir);
	if (ssh_get(s, remote, tmp, &err) < 0 || rename(tmp, sa) < 0) {
		host_fail(h, "not copied: %s", err.len ? err.s : strerror(errno));
		unlink(tmp);
		rc = -1;
		goto close;
	}
	/* The data is safe here: the host's copy can go. */
	buf_reset(&script);
	buf_adds(&script, "rm -rf -- ");
	shword_squote(&script, h->dir);
	buf_reset(&out);
	buf_reset(&errout);
	ssh_run(s, script.s, &out, &errout, &err);
	rc = 0;
close:
	ssh_close(s);
done:
	free(tmp);
	free(remote);
	buf_free(&script);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
	return rc;
}

/* Converts sa into the series tsv, through a temporary file. */
static int
convert(const char *sa, const char *tsv, const struct host *h,
    struct buf *err)
{
	char *tmp = xasprintf("%s.XXXXXX", tsv);
	int fd = mkstemp(tmp), rc = -1;
	FILE *fp;

	if (fd < 0 || !(fp = fdopen(fd, "w"))) {
		buf_addf(err, "%s:", tmp);
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	if (sadf_series(sa, h->name, series_kind_name(h->kind), fp, err) < 0)
		fclose(fp);
	else if (fflush(fp) || fsync(fd) < 0 || fclose(fp) ||
	    rename(tmp, tsv) < 0)
		buf_addf(err, "%s:", tsv);
	else
		rc = 0;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

void
collector_stop(const struct mon_ctx *c, struct host *h)
{
	char *sa = xasprintf("%s/%s.sa", c->mondir, h->name);
	char *tsv = xasprintf("%s/%s.tsv", c->mondir, h->name);
	struct buf err = { 0 };

	if (access(tsv, F_OK) == 0 ||
	    ((access(sa, F_OK) == 0 || copy_host(c, h, sa) == 0) &&
	    convert(sa, tsv, h, &err) == 0)) {
		host_set(&h->state, "done");
		host_set(&h->reason, NULL);
	} else if (err.len)
		host_fail(h, "not converted: %s: %s", sa, err.s);
	buf_free(&err);
	free(sa);
	free(tsv);
}

