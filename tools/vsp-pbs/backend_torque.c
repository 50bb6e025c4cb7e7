/*
 * Torque/PBS through qsub, qstat and qdel (what Torque and Slurm's Torque
 * wrappers both accept). As the original did, the virtual cluster's VMs
 * are written to the server's nodes file and the server reloaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "err.h"
#include "pbs.h"
#include "shword.h"

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
reload(const struct conf *c)
{
	const char *s = conf_get(c, "torque_reload");
	struct shword_cmd *cmds;
	struct buf why = { 0 }, line = { 0 };
	char err[512];
	int n, i, rc = 0;

	if ((n = shword_commands(s, &cmds, err, sizeof err)) < 0)
		die(EXIT_USAGE, "%s: torque_reload: %s", conf_where(c,
		    "torque_reload"), err);
	/* As in sh, ";" runs the next command anyway; the last one counts. */
	for (i = 0; i < n; i++) {
		buf_reset(&why);
		if ((rc = batch_cmd(cmds[i].argv, NULL, NULL, &why)) != 0) {
			buf_reset(&line);
			cmdline(cmds[i].argv, &line);
			warnx("torque_reload: %s: %s", buf_str(&line), buf_str(&why));
		}
	}
	shword_commands_free(cmds, (size_t)n);
	buf_free(&why);
	buf_free(&line);
	if (rc != 0)
		die(EXIT_FAIL, "torque_reload failed: the batch server may not "
		    "know the virtual cluster");
}

static void
torque_prepare(const struct conf *c, const struct exp *e)
{
	const char *path = conf_get(c, "torque_nodes_file");
	struct buf want = { 0 };
	char **hosts, *have;
	size_t i;

	if (e->idf < 0 || e->head)
		return;	/* the PMs, or the head node, are the server's own */
	hosts = xcalloc(e->nhosts, sizeof *hosts);
	memcpy(hosts, e->hosts, e->nhosts * sizeof *hosts);
	qsort(hosts, e->nhosts, sizeof *hosts, cmpstr);
	for (i = 0; i < e->nhosts; i++)
		buf_addf(&want, "%s np=%ld\n", hosts[i], e->cpv);
	free(hosts);
	have = read_small(path);
	if (have && !strncmp(have, buf_str(&want), want.len - 1) &&
	    strlen(have) == want.len - 1) {
		free(have);
		buf_free(&want);
		return;	/* unchanged: no reload, as the original */
	}
	free(have);
	if (atomic_write(path, want.s, want.len, 0644, NULL) < 0)
		die(EXIT_FAIL, "%s:", path);
	buf_free(&want);
	reload(c);
}

/* "123[].srv" + run 2 -> "123[2].srv"; "123" -> "123[2]". */
static char *
element_id(const char *id, long run)
{
	const char *br = strstr(id, "[]");

	if (br)
		return xasprintf("%.*s[%ld]%s", (int)(br - id), id, run, br + 2);
	return xasprintf("%s[%ld]", id, run);
}

static int
torque_submit(const struct conf *c, const struct exp *e, const char *script,
    long run, int array, char **ids, struct buf *why)
{
	const char *q = conf_get(c, "batch_queue");
	char *argv[8], range[64];
	int n = 0;

	(void)run;
	argv[n++] = "qsub";
	if (*q) {
		argv[n++] = "-q";
		argv[n++] = (char *)q;
	}
	if (array) {
		snprintf(range, sizeof range, "1-%ld", e->runs);
		argv[n++] = "-t";
		argv[n++] = range;
	}
	argv[n++] = (char *)script;
	argv[n] = NULL;
	return batch_submit(argv, e, array, "", element_id, ids, why);
}

/* "12.server" and "12" are one job; so are "3[1].a.b" and "3[1]". */
static int
same_id(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");

	return la == lb && !strncmp(a, b, la);
}

struct qjob {
	char *id;
	char state;
};

/*
 * qstat -f -t of every job: "Job Id: X" blocks with "job_state = S"; -t
 * lists Torque's array elements. Slurm's qstat has no -t (and lists the
 * elements anyway): then plain -f.
 */
static int
qstat_all(struct qjob **jobs, size_t *n, struct buf *why)
{
	static int no_t;
	char *argv[] = { "qstat", "-f", "-t", NULL };
	struct buf out = { 0 }, reason = { 0 };
	char *line, *save = NULL, *v;
	int rc;

	if (no_t)
		argv[2] = NULL;
	rc = batch_cmd(argv, NULL, &out, &reason);
	if (rc == 2 && !no_t) {	/* usage error: no -t here */
		argv[2] = NULL;
		buf_reset(&out);
		buf_reset(&reason);
		if ((rc = batch_cmd(argv, NULL, &out, &reason)) == 0)
			no_t = 1;
	}
	*jobs = NULL;
	*n = 0;
	if (rc != 0) {
		buf_addf(why, "qstat -f: %s", buf_str(&reason));
		buf_free(&out);
		buf_free(&reason);
		return -1;
	}
	for (line = strtok_r(out.s ? out.s : "", "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (!strncmp(line, "Job Id:", 7)) {
			for (v = line + 7; *v == ' ' || *v == '\t'; v++)
				;
			*jobs = xreallocarray(*jobs, *n + 1, sizeof **jobs);
			(*jobs)[*n].id = xstrdup(v);
			(*jobs)[*n].state = '?';
			(*n)++;
		} else if (*n && !strncmp(line, "job_state = ", 12)) {
			(*jobs)[*n - 1].state = line[12];
		}
	}
	buf_free(&out);
	buf_free(&reason);
	return 0;
}

static int
active(const struct qjob *jobs, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_id(jobs[i].id, id))
			return jobs[i].state != 'C';
	return 0;
}

/* Not started yet: the element, or its array ("12[]" or, Slurm, "12"). */
static int
pending(const struct qjob *jobs, size_t n, const char *job)
{
	char *b = xstrdup(job), *br = strchr(b, '['), *close;
	int act = active(jobs, n, job);

	if (!act && br && (close = strchr(br, ']'))) {
		memmove(br + 1, close, strlen(close) + 1);
		if (!(act = active(jobs, n, b))) {
			*br = '\0';
			act = active(jobs, n, b);
		}
	}
	free(b);
	return act;
}

static int
torque_poll(struct run *const *runs, size_t n, struct buf *why)
{
	struct qjob *jobs;
	size_t nj, i;
	if (qstat_all(&jobs, &nj, why) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		struct run *r = runs[i];

		if (r->realid && *r->realid) {
			r->js = active(jobs, nj, r->realid) ? JOB_ACTIVE : JOB_GONE;
			continue;
		}
		r->js = pending(jobs, nj, r->job) ? JOB_ACTIVE : JOB_GONE;
	}
	for (i = 0; i < nj; i++)
		free(jobs[i].id);
	free(jobs);
	return 0;
}

/*
 * An array element that has not started is left to its killed file: Slurm's
 * qdel reads "12[2]" as 12 and would end the whole array.
 */
static int
torque_cancel(struct run *r, struct buf *why)
{
	char *argv[] = { "qdel", r->realid && *r->realid ? r->realid : r->job,
	    NULL };
	struct buf reason = { 0 };
	int rc;

	if (argv[1] == r->job && strchr(r->job, '['))
		return 0;
	if ((rc = batch_cmd(argv, NULL, NULL, &reason)) != 0)
		buf_addf(why, "qdel %s: %s", argv[1], buf_str(&reason));
	buf_free(&reason);
	return rc == 0 ? 0 : -1;
}

const struct backend backend_torque = {
	"torque", 1, 0, torque_prepare, torque_submit, torque_poll,
	torque_cancel, NULL
};
