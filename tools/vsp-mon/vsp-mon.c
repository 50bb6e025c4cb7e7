/*
 * vsp-mon: starts sysstat's sadc on every host of an execution (over SSH,
 * or here for localhost), stops exactly those collectors, copies their data
 * into <rundir>/mon/ and converts it into one series per host.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "err.h"
#include "sadf.h"
#include "series.h"
#include "ssh.h"
#include "tsv.h"

#define MAX_PARALLEL 64
#define MAX_REASON 1000

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

struct ctx {
	struct conf conf;
	struct ssh_opts ssh;
	char *rundir, *mondir;
};

static void
usage(void)
{
	fprintf(stderr,
	    "usage: vsp-mon start [-C dir] -d rundir [-n nodefile] [-m pm,...]"
	    " [-t vms.tsv] [host[:kind] ...]\n"
	    "       vsp-mon stop [-C dir] -d rundir\n"
	    "       vsp-mon fetch [-C dir] -d rundir\n");
	exit(EXIT_USAGE);
}

/* A name safe in file names and in messages. */
static int
name_ok(const char *s)
{
	if (!*s || *s == '-' || *s == '.' || strlen(s) > 255)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

/* A host name or an IPv4/IPv6 address. */
static int
addr_ok(const char *s)
{
	if (!*s || *s == '-' || strlen(s) > 255)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".:_-%", *s))
			return 0;
	return 1;
}

static void
host_set(char **field, const char *val)
{
	free(*field);
	*field = val ? xstrdup(val) : NULL;
}

/* Adds a host, or merges it with the one of the same name. */
static void
hosts_add(struct hosts *hs, const char *name, const char *addr, int kind,
    int app, const char *where)
{
	struct host *h;
	size_t i;

	if (!name_ok(name))
		die(EXIT_USAGE, "%s: \"%s\" is not a host name", where, name);
	if (!addr_ok(addr))
		die(EXIT_USAGE, "%s: \"%s\" is not a host address", where, addr);
	for (i = 0; i < hs->n; i++) {
		h = &hs->v[i];
		if (strcmp(h->name, name))
			continue;
		if (strcmp(h->addr, addr))
			die(EXIT_USAGE, "%s: host %s has two addresses, %s and %s",
			    where, name, h->addr, addr);
		if (kind == SERIES_PM)
			h->kind = SERIES_PM;
		h->app |= app;
		return;
	}
	hs->v = xreallocarray(hs->v, hs->n + 1, sizeof *hs->v);
	h = &hs->v[hs->n++];
	memset(h, 0, sizeof *h);
	h->name = xstrdup(name);
	h->addr = xstrdup(addr);
	h->kind = kind;
	h->app = app;
}

/* "host" or "host:kind" (kind vm or pm), default kind dflt. */
static void
hosts_add_spec(struct hosts *hs, const char *spec, int dflt, int app,
    const char *where)
{
	char *s = xstrdup(spec), *colon = strchr(s, ':');
	int kind = dflt;

	if (colon) {
		*colon = '\0';
		if ((kind = series_kind(colon + 1)) < 0)
			die(EXIT_USAGE, "%s: kind \"%s\" of %s is not vm or pm", where,
			    colon + 1, s);
	}
	hosts_add(hs, s, s, kind, app, where);
	free(s);
}

static void
hosts_nodefile(struct hosts *hs, const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *s, *e;
	size_t cap = 0;
	unsigned long lineno = 0;
	struct buf w = { 0 };

	if (!fp)
		die(EXIT_USAGE, "%s: %s", path, strerror(errno));
	while (getline(&line, &cap, fp) >= 0) {
		lineno++;
		for (s = line; isspace((unsigned char)*s); s++)
			;
		for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		if (!*s)
			continue;
		buf_reset(&w);
		buf_addf(&w, "%s:%lu", path, lineno);
		hosts_add(hs, s, s, SERIES_VM, 1, w.s);
	}
	if (ferror(fp))
		die(EXIT_USAGE, "%s: read error", path);
	buf_free(&w);
	free(line);
	fclose(fp);
}

/* VM rows: vm (addr if given) runs the application, node is its PM. */
static void
hosts_tsv(struct hosts *hs, const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	const char *name = strcmp(path, "-") ? path : "stdin";
	struct tsv_reader r;
	struct buf w = { 0 };
	int cvm, caddr, cnode, rc;

	if (!fp)
		die(EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (tsv_open(&r, fp, name) < 0)
		tsv_die(&r);
	cvm = tsv_col(&r, "vm");
	caddr = tsv_col(&r, "addr");
	cnode = tsv_need(&r, "node");
	while ((rc = tsv_next(&r)) > 0) {
		const char *vm = cvm >= 0 ? r.fields[cvm] : "";
		const char *addr = caddr >= 0 && *r.fields[caddr] ?
		    r.fields[caddr] : vm;

		buf_reset(&w);
		buf_addf(&w, "%s:%lu", name, r.lineno);
		if (*vm)
			hosts_add(hs, vm, addr, SERIES_VM, 1, w.s);
		hosts_add(hs, r.fields[cnode], r.fields[cnode], SERIES_PM, !*vm,
		    w.s);
	}
	if (rc < 0)
		tsv_die(&r);
	buf_free(&w);
	tsv_close(&r);
	if (fp != stdin)
		fclose(fp);
}

static void
host_free(struct host *h)
{
	free(h->name);
	free(h->addr);
	free(h->state);
	free(h->pid);
	free(h->dir);
	free(h->reason);
}

static void
hosts_free(struct hosts *hs)
{
	size_t i;

	for (i = 0; i < hs->n; i++)
		host_free(&hs->v[i]);
	free(hs->v);
}

/* Writes b to path through a temporary name; 0 or -1 with err. */
static int
write_atomic(const char *path, const struct buf *b, struct buf *err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp), rc = -1;
	FILE *fp;

	if (fd < 0) {
		buf_addf(err, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	if (!(fp = fdopen(fd, "w")) || buf_write(b, fp) < 0 || fflush(fp) ||
	    fsync(fd) < 0) {
		buf_addf(err, "%s: %s", tmp, strerror(errno));
		if (fp)
			fclose(fp);
		else
			close(fd);
		unlink(tmp);
	} else if (fclose(fp) != 0 || rename(tmp, path) < 0) {
		buf_addf(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
	} else
		rc = 0;
	free(tmp);
	return rc;
}

static const char *const state_cols[] = { "host", "addr", "kind", "state",
    "pid", "dir", "reason" };

static void
state_write(const struct ctx *c, const struct hosts *hs)
{
	struct buf b = { 0 }, err = { 0 };
	char *path = xasprintf("%s/state", c->mondir);
	size_t i;

	buf_adds(&b, "host\taddr\tkind\tstate\tpid\tdir\treason\n");
	for (i = 0; i < hs->n; i++) {
		const struct host *h = &hs->v[i];

		tsv_escape(&b, h->name);
		buf_addf(&b, "\t%s\t%s\t", h->addr, series_kind_name(h->kind));
		tsv_escape(&b, h->state ? h->state : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->pid ? h->pid : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->dir ? h->dir : "");
		buf_addc(&b, '\t');
		tsv_escape(&b, h->reason ? h->reason : "");
		buf_addc(&b, '\n');
	}
	if (write_atomic(path, &b, &err) < 0)
		die(EXIT_FAIL, "%s", err.s);
	buf_free(&b);
	buf_free(&err);
	free(path);
}

static void
state_read(const struct ctx *c, struct hosts *hs)
{
	char *path = xasprintf("%s/state", c->mondir);
	FILE *fp = fopen(path, "r");
	struct tsv_reader r;
	struct buf w = { 0 };
	int col[7], rc, kind;
	size_t i;

	if (!fp)
		die(errno == ENOENT ? EXIT_USAGE : EXIT_FAIL, "%s: %s%s", path,
		    strerror(errno), errno == ENOENT ?
		    " (was vsp-mon start run with this -d?)" : "");
	if (tsv_open(&r, fp, path) < 0)
		tsv_die(&r);
	for (i = 0; i < 7; i++)
		col[i] = tsv_need(&r, state_cols[i]);
	while ((rc = tsv_next(&r)) > 0) {
		struct host *h;

		buf_reset(&w);
		buf_addf(&w, "%s:%lu", path, r.lineno);
		if ((kind = series_kind(r.fields[col[2]])) < 0)
			tsv_die_field(&r, col[2], "is not vm or pm");
		hosts_add(hs, r.fields[col[0]], r.fields[col[1]], kind, 0, w.s);
		h = &hs->v[hs->n - 1];
		host_set(&h->state, r.fields[col[3]]);
		host_set(&h->pid, r.fields[col[4]]);
		host_set(&h->dir, r.fields[col[5]]);
		host_set(&h->reason, r.fields[col[6]]);
	}
	if (rc < 0)
		tsv_die(&r);
	buf_free(&w);
	tsv_close(&r);
	fclose(fp);
	free(path);
}

/* The first line of s, at most MAX_REASON bytes, blanks trimmed. */
static char *
first_line(const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strcspn(s, "\n");
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n > MAX_REASON ? MAX_REASON : n);
}

static void fail_host(struct host *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Marks the host failed with the first line of the reason. */
static void
fail_host(struct host *h, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, n < 0 ? 1 : (size_t)n + 1, fmt, ap);
	va_end(ap);
	host_set(&h->state, "failed");
	free(h->reason);
	h->reason = first_line(msg);
	free(msg);
}

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

static int
pid_ok(const char *p)
{
	size_t n = strspn(p, "0123456789");

	return n > 0 && n < 10 && !p[n] && *p != '0';
}

static void
start_host(const struct ctx *c, struct host *h)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *sp;
	int rc;

	if (!(s = ssh_open(h->addr, &c->ssh, &err))) {
		fail_host(h, "not started: %s", err.s);
		goto done;
	}
	buf_adds(&script, "sadc=");
	sh_quote(&script, conf_get(&c->conf, "mon_sadc"));
	buf_adds(&script, "; act=");
	sh_quote(&script, conf_get(&c->conf, "mon_activities"));
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
		fail_host(h, "not started: %s", err.s);
		goto done;
	}
	if (rc > 0) {
		char code[16];

		snprintf(code, sizeof code, "%d", rc);
		fail_host(h, "not started: start script exited %s: %s", code,
		    errout.len ? errout.s : "no message");
		goto done;
	}
	sp = out.s ? strchr(out.s, ' ') : NULL;
	if (sp)
		*sp++ = '\0';
	if (sp)
		sp[strcspn(sp, "\n")] = '\0';
	if (!sp || !dir_ok(out.s) || !pid_ok(sp)) {
		fail_host(h, "not started: unexpected start output \"%s\"",
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
copy_host(const struct ctx *c, struct host *h, const char *sa)
{
	struct buf script = { 0 }, out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *tmp = NULL, *remote = NULL;
	int rc = -1;

	if (!h->dir || !dir_ok(h->dir) || !h->pid || !pid_ok(h->pid)) {
		if (!h->reason || !*h->reason)
			fail_host(h, "no collector recorded");
		host_set(&h->state, "failed");
		return -1;
	}
	if (!(s = ssh_open(h->addr, &c->ssh, &err))) {
		fail_host(h, "not stopped: %s", err.s);
		goto done;
	}
	buf_adds(&script, "d=");
	sh_quote(&script, h->dir);
	buf_addf(&script, "; p=%s\n", h->pid);
	buf_adds(&script,
	    "ours() { tr '\\000' '\\n' </proc/$p/cmdline 2>/dev/null |"
	    " grep -qxF \"$d/sa\"; }\n"
	    "if ours; then\n"
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
			fail_host(h, "not stopped: %s", err.s);
		else if (rc == 3)	/* the host lost its /tmp (a reboot) */
			fail_host(h, "data lost: %s", errout.len ? errout.s :
			    "no message");
		else
			fail_host(h, "not stopped: stop script exited %d: %s", rc,
			    errout.len ? errout.s : "no message");
		rc = -1;
		goto close;
	}
	tmp = xasprintf("%s.part", sa);
	remote = xasprintf("%s/sa", h->dir);
	if (ssh_get(s, remote, tmp, &err) < 0 || rename(tmp, sa) < 0) {
		fail_host(h, "not copied: %s", err.len ? err.s : strerror(errno));
		unlink(tmp);
		rc = -1;
		goto close;
	}
	/* The data is safe here: the host's copy can go. */
	buf_reset(&script);
	buf_adds(&script, "rm -rf -- ");
	sh_quote(&script, h->dir);
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
		buf_addf(err, "%s: %s", tmp, strerror(errno));
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
		buf_addf(err, "%s: %s", tsv, strerror(errno));
	else
		rc = 0;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

static void
stop_host(const struct ctx *c, struct host *h)
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
		fail_host(h, "not converted: %s: %s", sa, err.s);
	buf_free(&err);
	free(sa);
	free(tsv);
}

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

static char *
unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *w = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			*w++ = s[i];
			continue;
		}
		switch (s[++i]) {
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: *w++ = s[i]; break;
		}
	}
	*w = '\0';
	return out;
}

static void
take_result(struct host *h, int fd, int status)
{
	struct buf b = { 0 };
	char chunk[4096], **f[4] = { &h->state, &h->pid, &h->dir, &h->reason };
	const char *p;
	ssize_t n;
	size_t i, len;

	while ((n = read(fd, chunk, sizeof chunk)) > 0 ||
	    (n < 0 && errno == EINTR))
		if (n > 0)
			buf_add(&b, chunk, (size_t)n);
	if (!b.len || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fail_host(h, "worker process failed");
		buf_free(&b);
		return;
	}
	for (p = b.s, i = 0; i < 4; i++) {
		len = strcspn(p, "\t");
		free(*f[i]);
		*f[i] = unescape(p, len);
		p += len + (p[len] == '\t');
	}
	buf_free(&b);
}

/* Runs job on every host in parallel, at most MAX_PARALLEL at once. */
static void
each_host(const struct ctx *c, struct hosts *hs,
    void (*job)(const struct ctx *, struct host *))
{
	pid_t *pids = xcalloc(hs->n, sizeof *pids);
	int *fds = xcalloc(hs->n, sizeof *fds);
	size_t next = 0, done = 0;
	int p[2], status;

	while (done < hs->n) {
		while (next < hs->n && next - done < MAX_PARALLEL) {
			if (pipe(p) < 0)
				die(EXIT_FAIL, "pipe: %s", strerror(errno));
			/* sadc, started by the worker, must not hold it open */
			fcntl(p[0], F_SETFD, FD_CLOEXEC);
			fcntl(p[1], F_SETFD, FD_CLOEXEC);
			fflush(NULL);
			if ((pids[next] = fork()) < 0)
				die(EXIT_FAIL, "fork: %s", strerror(errno));
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
				die(EXIT_FAIL, "waitpid: %s", strerror(errno));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fail_host(&hs->v[done], "worker process failed");
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
cmd_start(struct ctx *c, const char *nodefile, const char *pms,
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
		hosts_tsv(&hs, tsv);
	for (k = 0; k < nops; k++)
		hosts_add_spec(&hs, ops[k], SERIES_VM, 1, "operand");
	list = xstrdup(pms ? pms : "");
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save))
		hosts_add(&hs, tok, tok, SERIES_PM, 0, "-m");
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
		die(EXIT_FAIL, "%s: %s", c->mondir, strerror(errno));
	if (access(state, F_OK) == 0)
		die(EXIT_FAIL, "%s exists: collectors were started in this run "
		    "folder already (stop them first)", state);
	free(state);
	each_host(c, &kept, start_host);
	state_write(c, &kept);
	rc = report(&kept);
	hosts_free(&kept);
	return rc;
}

static int
cmd_stop(struct ctx *c)
{
	struct hosts hs = { 0 };
	int rc;

	state_read(c, &hs);
	each_host(c, &hs, stop_host);
	state_write(c, &hs);
	rc = report(&hs);
	hosts_free(&hs);
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctx c = { 0 };
	const char *dir = NULL, *rundir = NULL, *nodefile = NULL, *pms = NULL,
	    *tsv = NULL, *cmd;
	struct stat st;
	int ch, rc;

	setprogname(argv[0]);
	if (argc < 2 || (strcmp(argv[1], "start") && strcmp(argv[1], "stop") &&
	    strcmp(argv[1], "fetch")))
		usage();
	cmd = argv[1];
	argc--;
	argv++;
	while ((ch = getopt(argc, argv, "C:d:n:m:t:h")) != -1) {
		switch (ch) {
		case 'C': dir = optarg; break;
		case 'd': rundir = optarg; break;
		case 'n': nodefile = optarg; break;
		case 'm': pms = optarg; break;
		case 't': tsv = optarg; break;
		default: usage();
		}
	}
	if (!rundir || (strcmp(cmd, "start") && (nodefile || pms || tsv ||
	    optind < argc)))
		usage();
	conf_load(&c.conf, conf_dir(dir));
	if (!conf_bool(&c.conf, "mon")) {
		conf_free(&c.conf);
		return 0;
	}
	if (stat(rundir, &st) < 0 || !S_ISDIR(st.st_mode))
		die(EXIT_USAGE, "%s: not a folder", rundir);
	c.rundir = xstrdup(rundir);
	c.mondir = xasprintf("%s/mon", rundir);
	c.ssh.user = conf_get(&c.conf, "ssh_user");
	c.ssh.port = conf_long(&c.conf, "ssh_port", 1, 65535);
	c.ssh.key = conf_get(&c.conf, "ssh_key");
	c.ssh.known_hosts = conf_get(&c.conf, "ssh_known_hosts");
	c.ssh.timeout = conf_long(&c.conf, "ssh_timeout", 1, 3600);
	if (!strcmp(cmd, "start"))
		rc = cmd_start(&c, nodefile, pms, tsv, argv + optind,
		    argc - optind);
	else
		rc = cmd_stop(&c);
	free(c.rundir);
	free(c.mondir);
	conf_free(&c.conf);
	return rc;
}
