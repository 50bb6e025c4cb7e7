#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "collector.h"
#include "err.h"
#include "sadf.h"
#include "series.h"
#include "shword.h"

/* A collector folder made by our start script: safe to quote and delete. */

/*
 * The remote scripts wait for sadc by looking at /proc with the shell's
 * builtins (no process): first up to $looks times in a row, then between
 * naps that grow (5 ms to 0.1 s: 22 take about 1.9 s, 60 about 5.7 s),
 * each a sleep process. p is sadc's PID.
 */
#define WAIT "t=0.005; i=0; n=0\n" \
	"nap() { sleep $t 2>/dev/null || sleep 1; i=$((i + 1)); case $t in " \
	"0.005) t=0.01 ;; 0.01) t=0.02 ;; 0.02) t=0.05 ;; *) t=0.1 ;; esac; }\n" \
	"look() { if [ $n -lt $looks ]; then n=$((n + 1)); else nap; fi; }\n" \
	/* st: the state letter (its status file's third line: few bytes, \
	 * the shell reads them one at a time) */ \
	"state() { st=; while read -r k v _; do [ \"$k\" = State: ] && st=$v && break; " \
	"done </proc/$p/status; } 2>/dev/null\n" \
	/* alive: not gone, nor a zombie nobody reaps; paused: sadc waits for \
	 * its next interval (or stop's SIGALRM) */ \
	"alive() { state; [ -n \"$st\" ] && [ \"$st\" != Z ]; }\n" \
	"paused() { state; [ \"$st\" = S ]; }\n"

/*
 * A slow host (a guest under QEMU without KVM, on a loaded machine) takes
 * far longer than the naps say for each of stop's naps (each a process):
 * its waits are bounded by the clock as well, so that its script ends
 * within ssh_timeout and the host's data is kept. within N: true until N
 * hundredths of a second after "since" (/proc/uptime, read without a
 * process; unreadable: the nap counts alone).
 */
#define CLOCK "cs() { read -r c _ </proc/uptime || c=0.00; c=${c%.*}${c#*.}; " \
	"c=${c#${c%%[!0]*}}; c=${c:-0}; } 2>/dev/null\n" \
	"since() { cs; t0=$c; }\n" \
	"within() { cs; [ $c -lt $((t0 + $1)) ] || [ $c -eq 0 ]; }\n"

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

/*
 * The collector's folder before it exists: "vsp-mon.<token>" in the
 * host's ${TMPDIR:-/tmp}, named here and recorded in mon/state before
 * sadc starts, so that a start cut short is still found (collector_stop).
 */
void
collector_name(struct host *h)
{
	char name[8 + 12 + 1];

	memcpy(name, "vsp-mon.", 8);
	atomic_token(name + 8, 12);
	host_set(&h->dir, name);
	host_set(&h->state, "starting");
}

/* A name of collector_name: no slash, safe in a remote script. */
static int
name_ok(const char *d)
{
	size_t i;

	if (!d || strncmp(d, "vsp-mon.", 8) || !d[8])
		return 0;
	for (i = 8; d[i]; i++)
		if (!isalnum((unsigned char)d[i]))
			return 0;
	return 1;
}

void
collector_start(const struct mon_ctx *c, struct host *h)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *sp;
	int rc;

	if (!name_ok(h->dir)) {
		host_fail(h, "not started: no collector name recorded");
		goto done;
	}
	if (!(s = ssh_open(h->addr, host_ssh(c, h), &err))) {
		host_fail(h, "not started: %s", err.s);
		host_set(&h->dir, NULL);
		goto done;
	}
	buf_adds(&script, "d=\"${TMPDIR:-/tmp}\"/");
	shword_squote(&script, h->dir);
	buf_adds(&script, "; sadc=");
	shword_squote(&script, conf_get(&c->conf, "mon_sadc"));
	buf_adds(&script, "; act=");
	shword_squote(&script, conf_get(&c->conf, "mon_activities"));
	buf_addf(&script, "; interval=%ld\n",
	    conf_long(&c->conf, "mon_interval", 1, 86400));
	buf_adds(&script,
	    "[ -x \"$sadc\" ] || { echo \"$sadc: not found\" >&2; exit 127; }\n"
	    "mkdir -m 700 \"$d\" || exit 1\n"
	    "if [ -n \"$act\" ]; then set -- -S \"$act\"; else set --; fi\n"
	    /* nohup's work without its process: SIGHUP ignored, then exec */
	    "(trap '' HUP; LC_ALL=C; export LC_ALL; exec \"$sadc\" \"$@\" "
	    "\"$interval\" \"$d/sa\" </dev/null >/dev/null 2>\"$d/err\") &\n"
	    /* a look here is a stat (about 10 us): up to 300 before a nap */
	    "p=$! looks=300\n");
	buf_adds(&script, WAIT);
	buf_adds(&script,
	    /*
	     * Running, its file made (stop waits for its first record). A
	     * sadc that failed is a zombie until a nap's wait reaps it.
	     */
	    "while [ ! -s \"$d/sa\" ] && [ $i -lt 60 ] && kill -0 $p 2>/dev/null; do\n"
	    "  look\n"
	    "done\n"
	    "if [ ! -s \"$d/sa\" ]; then\n"
	    "  kill $p 2>/dev/null; cat \"$d/err\" >&2; rm -rf \"$d\"; exit 1\n"
	    "fi\n"
	    "echo \"$d $p\"\n");
	rc = ssh_run(s, script.s, &out, &errout, &err);
	ssh_close(s);
	if (rc < 0) {	/* it may have started: the name stays, for stop */
		host_fail(h, "not started: %s", err.s);
		goto done;
	}
	if (rc > 0) {	/* the script cleaned up after itself */
		char code[16];

		host_set(&h->dir, NULL);

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
	struct atomic a;
	char *remote = NULL;
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
	/* a sample takes sadc a few ms: looks (each about 0.1 ms) first */
	buf_addf(&script, "; p=%s looks=50\n", h->pid);
	buf_adds(&script, WAIT);
	buf_adds(&script, CLOCK);
	buf_adds(&script,
	    /* ours: it holds its data file open (test -ef: no process) */
	    "ours() {\n"
	    "  alive || return 1\n"
	    "  for f in /proc/$p/fd/*; do [ \"$f\" -ef \"$d/sa\" ] && return 0; done\n"
	    "  return 1\n"
	    "} 2>/dev/null\n"
	    /* w: what sadc wrote so far; the file's size (a process a look,
	     * so naps only) where its /proc/$p/io cannot be read */
	    "wrote() {\n"
	    "  w=\n"
	    "  while read -r k v; do [ \"$k\" = wchar: ] && w=$v && break; done </proc/$p/io\n"
	    "  [ -n \"$w\" ] || { w=$(wc -c <\"$d/sa\"); n=50; }\n"
	    "} 2>/dev/null\n"
	    "if ours; then\n"
	    /*
	     * sadc waits once its first record is written, its signal
	     * handlers set (a SIGALRM before them would end it): at once,
	     * unless the run was shorter than that record takes.
	     */
	    "  since\n"
	    "  while ! paused && ours && [ $i -lt 60 ] && within 200; do look; done\n"
	    /*
	     * SIGALRM makes sadc take its sample now (the last interval);
	     * SIGINT ends sadc at once, so it waits until that sample is
	     * written: sadc wrote, then nothing more, and sleeps again (2 s
	     * at most with the wait above). Not written by then: SIGINT
	     * once sadc sleeps, not in the middle of a record (5 s at most,
	     * then SIGKILL).
	     */
	    "  t=0.005; i=0; n=0\n"
	    "  wrote; w0=$w; kill -ALRM $p; last=\n"
	    "  while [ $i -lt 22 ] && within 200; do\n"
	    "    look; wrote\n"
	    "    [ \"$w\" != \"$w0\" ] && [ \"$w\" = \"$last\" ] && paused && break\n"
	    "    last=$w\n"
	    "  done\n"
	    "  t=0.005; i=0; n=0; since\n"
	    "  while ! paused && alive && [ $i -lt 60 ] && within 500; do look; done\n"
	    "  kill -INT $p\n"
	    "  while ours && [ $i -lt 60 ] && within 500; do\n"
	    "    look\n"
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
	remote = xasprintf("%s/sa", h->dir);
	if (atomic_open(&a, sa, 0666, &err) < 0) {
		host_fail(h, "not copied: %s", err.s);
		rc = -1;
		goto close;
	}
	if (ssh_get(s, remote, a.fd, &err) < 0) {
		atomic_abort(&a);
		host_fail(h, "not copied: %s", err.s);
		rc = -1;
		goto close;
	}
	if (atomic_commit(&a, &err) < 0) {
		host_fail(h, "not copied: %s", err.s);
		rc = -1;
		goto close;
	}
	/* The data is safe here: the host's copy can go. */
	buf_reset(&script);
	buf_adds(&script, "exec rm -rf -- ");
	shword_squote(&script, h->dir);
	buf_reset(&out);
	buf_reset(&errout);
	ssh_run(s, script.s, &out, &errout, &err);
	rc = 0;
close:
	ssh_close(s);
done:
	free(remote);
	buf_free(&script);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
	return rc;
}

/* Converts sa into the series tsv, complete once renamed into place. */
static int
convert(const struct mon_ctx *c, const char *sa, const char *tsv,
    const struct host *h, struct buf *err)
{
	struct atomic a;

	if (atomic_open(&a, tsv, 0666, err) < 0)
		return -1;
	if (!(a.fp = fdopen(a.fd, "w"))) {
		buf_addf(err, "%s:", a.tmp);
		atomic_abort(&a);
		return -1;
	}
	if (sadf_series(sa, h->name, series_kind_name(h->kind), c->sadf_timeout,
	    a.fp, err) < 0) {
		atomic_abort(&a);
		return -1;
	}
	a.redoable = 1;	/* lost to a crash, it is made again from sa */
	return atomic_commit(&a, err);
}

/*
 * Kills whatever runs with the host's collector data file and removes its
 * folder, without its data: a collector whose start was cut short (its
 * name only recorded), or any collector of a run to be redone. 0, or -1
 * with the reason in why.
 */
static int
kill_collector(const struct mon_ctx *c, const struct host *h,
    struct buf *why)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	int rc = -1;

	if (name_ok(h->dir)) {
		buf_adds(&script, "d=\"${TMPDIR:-/tmp}\"/");
		shword_squote(&script, h->dir);
	} else if (h->dir && dir_ok(h->dir)) {
		buf_adds(&script, "d=");
		shword_squote(&script, h->dir);
	} else {
		return 0;	/* nothing was started */
	}
	if (!(s = ssh_open(h->addr, host_ssh(c, h), &err))) {
		buf_addf(why, "%s", err.s);
		goto done;
	}
	buf_adds(&script, "\n"
	    "ours() {\n"
	    "  for p in /proc/[0-9]*; do\n"
	    "    { tr '\\000' '\\n' <$p/cmdline; } 2>/dev/null |"
	    " grep -qxF \"$d/sa\" && echo ${p#/proc/}\n"
	    "  done\n"
	    "  true\n"
	    "}\n"
	    "i=0\n"
	    "while p=$(ours) && [ -n \"$p\" ] && [ $i -lt 50 ]; do\n"
	    "  kill -KILL $p 2>/dev/null\n"
	    "  sleep 0.1 2>/dev/null || sleep 1; i=$((i + 1))\n"
	    "done\n"
	    "[ -z \"$(ours)\" ] || { echo \"cannot stop $p\" >&2; exit 1; }\n"
	    "rm -rf -- \"$d\"\n");
	rc = ssh_run(s, script.s, &out, &errout, &err);
	ssh_close(s);
	if (rc < 0)
		buf_addf(why, "%s", err.s);
	else if (rc > 0)
		buf_addf(why, "%s", errout.len ? errout.s : "no message");
	rc = rc ? -1 : 0;
done:
	buf_free(&script);
	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
	return rc;
}

/* A start cut short (only the collector's name recorded): no data. */
static void
stop_interrupted(const struct mon_ctx *c, struct host *h)
{
	struct buf why = { 0 };

	if (kill_collector(c, h, &why) < 0)
		host_fail(h, "start interrupted: not stopped: %s", why.s);
	else if (!h->state || strcmp(h->state, "failed"))
		host_fail(h, "start interrupted: stopped");
	if (!why.len)
		host_set(&h->dir, NULL);	/* nothing of it is left */
	buf_free(&why);
}

void
collector_abort(const struct mon_ctx *c, struct host *h)
{
	struct buf why = { 0 };

	if (h->state && !strcmp(h->state, "done"))
		return;	/* stopped already, its data kept */
	if (kill_collector(c, h, &why) < 0) {
		host_fail(h, "not stopped: %s", why.s);
	} else {
		host_set(&h->state, "aborted");
		host_set(&h->dir, NULL);
	}
	buf_free(&why);
}

void
collector_stop(const struct mon_ctx *c, struct host *h)
{
	char *sa = xasprintf("%s/%s.sa", c->mondir, h->name);
	char *tsv = xasprintf("%s/%s.tsv", c->mondir, h->name);
	struct buf err = { 0 };

	if (name_ok(h->dir))	/* not started, or not known to have */
		stop_interrupted(c, h);
	else if (access(tsv, F_OK) == 0 ||
	    ((access(sa, F_OK) == 0 || copy_host(c, h, sa) == 0) &&
	    convert(c, sa, tsv, h, &err) == 0)) {
		host_set(&h->state, "done");
		host_set(&h->reason, NULL);
	} else if (err.len)
		host_fail(h, "not converted: %s: %s", sa, err.s);
	buf_free(&err);
	free(sa);
	free(tsv);
}

