#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "plugin.h"
#include "runfiles.h"
#include "series.h"
#include "summary.h"
#include "tsv.h"

const char *const sum_cols[NSUM] = { "cpu_vm_mean", "cpu_vm_max",
    "cpu_pm_mean", "cpu_pm_max", "mem_vm_used_kb", "mem_pm_used_kb",
    "net_vm_rx_kbs", "net_vm_tx_kbs", "net_pm_rx_kbs", "net_pm_tx_kbs" };

static void
set_mean(char **val, double sum, unsigned long n)
{
	struct buf b = { 0 };

	if (!n)
		return;
	series_fmt(&b, sum / (double)n);
	*val = b.s;
}

static void
summarize(char *vals[NSUM], const struct series_sum *s)
{
	const struct series_acc *vm = &s->kind[SERIES_VM], *pm =
	    &s->kind[SERIES_PM];

	set_mean(&vals[CPU_VM_MEAN], vm->busy_sum, vm->busy_n);
	set_mean(&vals[CPU_PM_MEAN], pm->busy_sum, pm->busy_n);
	set_mean(&vals[CPU_VM_MAX], vm->busy_max, vm->busy_n ? 1 : 0);
	set_mean(&vals[CPU_PM_MAX], pm->busy_max, pm->busy_n ? 1 : 0);
	set_mean(&vals[MEM_VM], vm->mem_sum, vm->mem_n);
	set_mean(&vals[MEM_PM], pm->mem_sum, pm->mem_n);
	set_mean(&vals[NET_VM_RX], vm->rx_sum, vm->rx_n);
	set_mean(&vals[NET_VM_TX], vm->tx_sum, vm->tx_n);
	set_mean(&vals[NET_PM_RX], pm->rx_sum, pm->rx_n);
	set_mean(&vals[NET_PM_TX], pm->tx_sum, pm->tx_n);
}

/* The series of every host vsp-mon started, in the run's time window. */
void
run_summaries(const char *dir, int mon, char *vals[NSUM], struct buf *why)
{
	char *state = xasprintf("%s/mon/state", dir), *path, *name;
	struct series_sum sum = { 0 };
	struct tsv_reader r;
	struct buf b = { 0 }, err = { 0 };
	double lo = -INFINITY, hi = INFINITY, t0, t1;
	int ch, cr, rc, bad = 0, s0, s1;
	FILE *fp;

	if (!(fp = fopen(state, "r"))) {
		if (errno != ENOENT)
			why_add(why, "mon/state:");
		else if (mon)
			why_add(why, "mon: not monitored (no mon/state)");
		free(state);
		return;
	}
	s0 = run_number(&b, dir, "start", &t0, why);
	s1 = run_number(&b, dir, "end", &t1, why);
	if (s0 > 0 && s1 > 0) {
		if (t1 < t0)
			why_add(why, "end is before start");
		lo = t0;
		hi = t1;
	} else if (s0 < 0 || s1 < 0)
		bad = 1;
	if (tsv_open(&r, fp, "mon/state") < 0) {
		why_add(why, "%s", r.err);
		goto done;
	}
	if ((ch = tsv_col(&r, "host")) < 0 || tsv_col(&r, "state") < 0 ||
	    (cr = tsv_col(&r, "reason")) < 0) {
		why_add(why, "mon/state:1: missing column host, state or reason");
		goto done;
	}
	while ((rc = tsv_next(&r)) > 0) {
		const char *host = r.fields[ch];

		if (!conf_name_ok(host)) {
			why_add(why, "mon/state:%lu: \"%.60s\" is not a host name",
			    r.lineno, host);
			bad = 1;
			continue;
		}
		path = xasprintf("%s/mon/%s.tsv", dir, host);
		name = xasprintf("mon/%s.tsv", host);
		buf_reset(&err);
		if (access(path, F_OK) < 0) {
			why_add(why, "mon: no series of %s%s%s%s", host,
			    *r.fields[cr] ? " (" : "", r.fields[cr],
			    *r.fields[cr] ? ")" : "");
			bad = 1;
		} else if (series_add_file(&sum, path, name, host, lo, hi,
		    &err) < 0) {
			why_add(why, "%s", err.s);
			bad = 1;
		}
		free(path);
		free(name);
	}
	if (rc < 0) {
		why_add(why, "%s", r.err);
		bad = 1;
	}
	/* A summary over some of the hosts would be a different number. */
	if (!bad)
		summarize(vals, &sum);
done:
	tsv_close(&r);
	fclose(fp);
	buf_free(&b);
	buf_free(&err);
	free(state);
}

