/* Slurm through sbatch, squeue and scancel; hosts are checked with scontrol. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pbs.h"
#include "shword.h"
#include "strv.h"

static const char *bad_states[] = { "DOWN", "DRAIN", "FAIL", "NOT_RESPONDING",
	"POWERED_DOWN", "FUTURE", NULL };

static void
slurm_prepare(const struct conf *c, const struct exp *e)
{
	struct buf out = { 0 }, why = { 0 };
	char *argv[] = { "scontrol", "-o", "show", "node", NULL, NULL };
	const char *st;
	size_t i, k;
	int rc;

	(void)c;
	for (i = 0; i < e->nhosts; i++) {
		argv[4] = e->hosts[i];
		buf_reset(&out);
		buf_reset(&why);
		rc = batch_cmd(argv, NULL, &out, &why);
		if (rc != 0 || !(st = strstr(buf_str(&out), " State=")))
			die(EXIT_FAIL, "%s: host \"%s\" is not a Slurm node (scontrol: "
			    "%s)", e->input, e->hosts[i], rc ? buf_str(&why) :
			    "no State");
		st += 7;
		for (k = 0; bad_states[k]; k++)
			if (strstr(st, bad_states[k]) &&
			    strstr(st, bad_states[k]) < st + strcspn(st, " "))
				die(EXIT_FAIL, "%s: Slurm node \"%s\" is %.*s", e->input,
				    e->hosts[i], (int)strcspn(st, " \n"), st);
	}
	buf_free(&out);
	buf_free(&why);
}

/* "12" + run 2 -> "12_2". */
static char *
element_id(const char *id, long run)
{
	return xasprintf("%s_%ld", id, run);
}

static int
slurm_submit(const struct conf *c, const struct exp *e, const char *script,
    long run, int array, char **ids, struct buf *why)
{
	const char *q = conf_get(c, "batch_queue");
	char *argv[24], nodes[32], tpn[48], arr[64];
	struct buf hosts = { 0 }, wall = { 0 };
	size_t i;
	int n = 0, rc;

	(void)run;
	for (i = 0; i < e->nhosts; i++) {
		if (i)
			buf_addc(&hosts, ',');
		buf_adds(&hosts, e->hosts[i]);
	}
	hms(&wall, batch_walltime(c, e->appc));
	snprintf(nodes, sizeof nodes, "--nodes=%zu", e->nhosts);
	/* on the head node: the whole node, one task that fans out */
	if (e->head)
		snprintf(tpn, sizeof tpn, "--exclusive");
	else
		snprintf(tpn, sizeof tpn, "--ntasks-per-node=%ld", e->cpv);
	argv[n++] = "sbatch";
	argv[n++] = "--parsable";
	argv[n++] = "--ignore-pbs";
	argv[n++] = "--job-name";
	argv[n++] = (char *)e->exp;
	argv[n++] = nodes;
	argv[n++] = tpn;
	argv[n++] = "--nodelist";
	argv[n++] = hosts.s;
	argv[n++] = "--time";
	argv[n++] = wall.s;
	argv[n++] = "--output=slurm-%j.out";	/* in the experiment folder */
	if (*q) {
		argv[n++] = "--partition";
		argv[n++] = (char *)q;
	}
	if (array) {
		snprintf(arr, sizeof arr, "--array=1-%ld", e->runs);
		argv[n++] = arr;
	}
	argv[n++] = (char *)script;
	argv[n] = NULL;
	/* "12;cluster" */
	rc = batch_submit(argv, e, array, ";", element_id, ids, why);
	buf_free(&hosts);
	buf_free(&wall);
	return rc;
}

static char *const active_states[] = { "PENDING", "RUNNING", "CONFIGURING",
	"COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
	"RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", NULL };

static int
slurm_poll(struct run *const *runs, size_t n, struct buf *why)
{
	char *argv[] = { "squeue", "--noheader", "--array", "--states=all",
	    "--format=%i %T", NULL };
	struct buf out = { 0 }, reason = { 0 };
	char *line, *save = NULL, *sp;
	size_t i;
	int rc = batch_cmd(argv, NULL, &out, &reason);

	if (rc != 0) {
		buf_addf(why, "squeue: %s", buf_str(&reason));
		buf_free(&out);
		buf_free(&reason);
		return -1;
	}
	for (i = 0; i < n; i++) {
		runs[i]->js = JOB_GONE;
		runs[i]->reason[0] = '\0';
	}
	for (line = strtok_r(out.s ? out.s : "", "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!(sp = strchr(line, ' ')))
			continue;
		*sp++ = '\0';
		for (i = 0; i < n; i++) {
			if (strcmp(runs[i]->job, line))
				continue;
			runs[i]->js = strv_index(active_states, STRV_NULL, sp) >= 0 ?
			    JOB_ACTIVE : JOB_GONE;
			snprintf(runs[i]->reason, sizeof runs[i]->reason, "%s", sp);
		}
	}
	buf_free(&out);
	buf_free(&reason);
	return 0;
}

static int
slurm_cancel(struct run *r, struct buf *why)
{
	char *argv[] = { "scancel", r->job, NULL };
	struct buf reason = { 0 };
	int rc = batch_cmd(argv, NULL, NULL, &reason);

	if (rc != 0)
		buf_addf(why, "scancel %s: %s", r->job, buf_str(&reason));
	buf_free(&reason);
	return rc == 0 ? 0 : -1;
}

const struct backend backend_slurm = {
	"slurm", 1, 1, slurm_prepare, slurm_submit, slurm_poll, slurm_cancel,
	NULL
};
