/* sadc data file to the series of vsp(7), through sadf -d (fields by name). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "proc.h"
#include "sadf.h"
#include "series.h"

struct report {
	const char *opts[3];		/* sadf options of the report */
	const char *dev;		/* device column, NULL: none */
	const char *fields[6];		/* sadf columns, NULL-terminated */
	const char *metrics[6];		/* our metric for each */
};

static const struct report reports[] = {
	{ { "-P", "ALL", NULL }, "CPU",
	    { "%user", "%system", "%iowait", "%steal", "%idle", NULL },
	    { "cpu_user", "cpu_system", "cpu_iowait", "cpu_steal", "cpu_idle" } },
	{ { "-r", NULL }, NULL,
	    { "kbmemused", "kbmemfree", NULL },
	    { "mem_used_kb", "mem_free_kb" } },
	{ { "-n", "DEV", NULL }, "IFACE",
	    { "rxkB/s", "txkB/s", NULL },
	    { "net_rx_kbs", "net_tx_kbs" } },
};

/* Sample times: seconds since 1970, up to the year 9999. */
#define TIME_MAX 253402300799L

/* Splits s at ';' in place; the number of fields (at most max). */
static size_t
split(char *s, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = s;
	for (; *s && n < max; s++)
		if (*s == ';') {
			*s = '\0';
			f[n++] = s + 1;
		}
	return n;
}

static int
col(char **h, size_t nh, const char *name)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (!strcmp(h[i], name))
			return (int)i;
	return -1;
}

/* Parser state of one report: the column positions from its header. */
struct parse {
	const struct report *rp;
	char *h[64];
	size_t nh;
	int ct, cd, cv[6];
	char *header;		/* owns the strings of h */
	unsigned long lineno;
	/* the current sample: sadf's time, ours, and the devices seen */
	long t_in, t_out;
	struct buf devs;
	struct buf row;		/* the TSV of the current row */
};

/*
 * Our time of a line with sadf's time t (whole seconds) and device dev.
 * The last sample, which stop takes at once, can fall in the same second
 * as the one before: a device seen twice at one time starts a new sample,
 * which gets the next second (its real time is under a second later).
 */
static long
sample_time(struct parse *ps, long t, const char *dev)
{
	struct buf key = { 0 };
	int seen;

	buf_addf(&key, "\n%s\n", dev);
	seen = ps->devs.len && strstr(buf_str(&ps->devs), buf_str(&key));
	if (t != ps->t_in || seen) {
		ps->t_out = t != ps->t_in && t > ps->t_out ? t : ps->t_out + 1;
		ps->t_in = t;
		buf_reset(&ps->devs);
	}
	/* devices joined as "\na\nb\n" so a search for "\nb\n" is exact */
	buf_adds(&ps->devs, ps->devs.len ? key.s + 1 : key.s);
	buf_free(&key);
	return ps->t_out;
}

/* Converts one line of sadf's output, writing rows to out. 0 or -1. */
static int
convert_line(struct parse *ps, char *line, const char *host, const char *kind,
    FILE *out, struct buf *err, long *rows)
{
	const struct report *rp = ps->rp;
	char *f[64];
	size_t nf, i;
	double v;
	long t;
	char ts[32];

	ps->lineno++;
	if (!strncmp(line, "# ", 2)) {
		free(ps->header);
		ps->header = xstrdup(line + 2);
		ps->nh = split(ps->header, ps->h, 64);
		ps->ct = col(ps->h, ps->nh, "timestamp");
		ps->cd = rp->dev ? col(ps->h, ps->nh, rp->dev) : -2;
		for (i = 0; rp->fields[i]; i++)
			if ((ps->cv[i] = col(ps->h, ps->nh, rp->fields[i])) < 0)
				break;
		if (ps->ct < 0 || ps->cd == -1 || rp->fields[i]) {
			buf_addf(err, "sadf %s: no column \"%s\" in its header",
			    rp->opts[0], ps->ct < 0 ? "timestamp" : ps->cd == -1 ?
			    rp->dev : rp->fields[i]);
			return -1;
		}
		return 0;
	}
	if (!*line || strstr(line, "LINUX-RESTART") || strstr(line, ";COM "))
		return 0;
	if (!ps->nh) {
		buf_addf(err, "sadf %s: line %lu: data before the header",
		    rp->opts[0], ps->lineno);
		return -1;
	}
	if ((nf = split(line, f, 64)) != ps->nh) {
		buf_addf(err, "sadf %s: line %lu: %zu fields, header has %zu",
		    rp->opts[0], ps->lineno, nf, ps->nh);
		return -1;
	}
	if (num_long(f[ps->ct], 0, TIME_MAX, &t) < 0) {
		buf_addf(err, "sadf %s: line %lu: timestamp \"%.40s\" is not a "
		    "time (0 to %ld)", rp->opts[0], ps->lineno, f[ps->ct],
		    TIME_MAX);
		return -1;
	}
	(*rows)++;
	snprintf(ts, sizeof ts, "%ld",
	    sample_time(ps, t, ps->cd < 0 ? "" : f[ps->cd]));
	for (i = 0; rp->fields[i]; i++) {
		const char *val = f[ps->cv[i]];

		if (num_double(val, &v) < 0) {
			buf_addf(err, "sadf %s: line %lu: %s \"%.40s\" is not a "
			    "number", rp->opts[0], ps->lineno, rp->fields[i], val);
			return -1;
		}
		const char *row[SERIES_NCOLS] = { ts, host, kind,
		    rp->metrics[i], ps->cd < 0 ? "" : strcmp(f[ps->cd], "-1") ?
		    f[ps->cd] : "all", val };

		buf_reset(&ps->row);
		series_row(&ps->row, row);
		fwrite(ps->row.s, 1, ps->row.len, out);
	}
	return 0;
}

long
sadf_convert(size_t report, char *text, const char *host, const char *kind,
    FILE *out, struct buf *err)
{
	struct parse ps = { 0 };
	char *line, *next;
	long rows = 0;

	ps.rp = &reports[report];
	for (line = text; line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (convert_line(&ps, line, host, kind, out, err, &rows) < 0) {
			rows = -1;
			break;
		}
	}
	free(ps.header);
	buf_free(&ps.devs);
	buf_free(&ps.row);
	return rows;
}

/* Runs one sadf report on sa (killed after timeout seconds) and converts
 * its output into rows of out; the number of data rows, or -1 with err. */
static long
run_sadf(size_t report, const char *sa, const char *host, const char *kind,
    long timeout, FILE *out, struct buf *err)
{
	const struct report *rp = &reports[report];
	char *argv[8] = { "sadf", "-d", "-U", (char *)sa, "--" };
	char *env[] = { "LC_ALL=C", "TZ=UTC", NULL };
	struct buf text = { 0 }, errout = { 0 };
	size_t i, n;
	long rows = -1;
	int st;

	for (i = 0; rp->opts[i]; i++)
		argv[5 + i] = (char *)rp->opts[i];
	argv[5 + i] = NULL;
	st = proc_run(argv, NULL, env, timeout, &text, &errout, err);
	if (st > 0) {
		n = errout.len ? strcspn(errout.s, "\n") : 0;
		buf_addf(err, "sadf %s failed (status %d): %.*s", rp->opts[0], st,
		    (int)(n > 200 ? 200 : n), n ? errout.s : "no message");
	} else if (st == 0 && text.len && memchr(text.s, '\0', text.len))
		buf_addf(err, "sadf %s: NUL byte in its output", rp->opts[0]);
	else if (st == 0 && !text.len)	/* not even its header: not done */
		buf_addf(err, "sadf %s printed nothing for %s", rp->opts[0], sa);
	else if (st == 0)
		rows = sadf_convert(report, text.s, host, kind, out, err);
	buf_free(&text);
	buf_free(&errout);
	return rows;
}

int
sadf_series(const char *sa, const char *host, const char *kind, long timeout,
    FILE *out, struct buf *err)
{
	size_t i;
	long rows, all = 0;
	int rc = 0;

	fputs(SERIES_COLS "\n", out);
	for (i = 0; rc == 0 && i < sizeof reports / sizeof *reports; i++) {
		rows = run_sadf(i, sa, host, kind, timeout, out, err);
		if (rows < 0)
			rc = -1;
		all += rows;
	}
	/* One record (sadc stopped before a second): no interval, no rate.
	 * Not an empty series that summaries would pass over. */
	if (rc == 0 && all == 0) {
		buf_addf(err, "no samples (sadc recorded fewer than two)");
		rc = -1;
	}
	if (rc == 0 && ferror(out)) {
		buf_addf(err, "write error:");
		rc = -1;
	}
	return rc;
}
