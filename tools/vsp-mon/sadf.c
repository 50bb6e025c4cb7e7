/*
 * sadc data file to the series of vsp(7), through one sadf -d run that
 * prints the three reports one after the other, each under its header
 * (fields by name).
 */
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
	const char *name;		/* in messages */
	const char *opts[3];		/* its sadf options */
	const char *dev;		/* device column, NULL: none */
	const char *fields[6];		/* sadf columns, NULL-terminated */
	const char *metrics[6];		/* our metric for each */
};

static const struct report reports[] = {
	{ "CPU", { "-u", "-P", "ALL" }, "CPU",
	    { "%user", "%system", "%iowait", "%steal", "%idle", NULL },
	    { "cpu_user", "cpu_system", "cpu_iowait", "cpu_steal", "cpu_idle" } },
	{ "memory", { "-r", NULL, NULL }, NULL,
	    { "kbmemused", "kbmemfree", NULL },
	    { "mem_used_kb", "mem_free_kb" } },
	{ "network", { "-n", "DEV", NULL }, "IFACE",
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
	/* the current sample: sadf's time, ours, and the devices seen */
	long t_in, t_out;
	struct buf devs;
	struct buf rows;	/* its rows, written out in report order */
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

/* The report whose device column and fields a header line has, or -1. */
static int
which_report(const char *header)
{
	char *copy = xstrdup(header), *h[64];
	size_t nh = split(copy, h, 64), k, i;
	int found = -1;

	for (k = 0; found < 0 && k < SADF_REPORTS; k++) {
		if (reports[k].dev && col(h, nh, reports[k].dev) < 0)
			continue;
		for (i = 0; reports[k].fields[i]; i++)
			if (col(h, nh, reports[k].fields[i]) < 0)
				break;
		if (!reports[k].fields[i])
			found = (int)k;
	}
	free(copy);
	return found;
}

/* Takes the columns of a report's header line (after "# "). 0 or -1. */
static int
take_header(struct parse *ps, const char *header, unsigned long lineno,
    struct buf *err)
{
	const struct report *rp = ps->rp;
	size_t i;

	free(ps->header);
	ps->header = xstrdup(header);
	ps->nh = split(ps->header, ps->h, 64);
	ps->ct = col(ps->h, ps->nh, "timestamp");
	ps->cd = rp->dev ? col(ps->h, ps->nh, rp->dev) : -2;
	for (i = 0; rp->fields[i]; i++)
		ps->cv[i] = col(ps->h, ps->nh, rp->fields[i]);
	if (ps->ct < 0) {
		buf_addf(err, "sadf: line %lu: no column \"timestamp\" in the %s "
		    "header", lineno, rp->name);
		return -1;
	}
	return 0;
}

/* Converts one data line of a report into its rows. 0 or -1. */
static int
convert_line(struct parse *ps, char *line, unsigned long lineno,
    const char *host, const char *kind, struct buf *err)
{
	const struct report *rp = ps->rp;
	char *f[64];
	size_t nf, i;
	double v;
	long t;
	char ts[32];

	if ((nf = split(line, f, 64)) != ps->nh) {
		buf_addf(err, "sadf: line %lu: %zu fields, the %s header has %zu",
		    lineno, nf, rp->name, ps->nh);
		return -1;
	}
	if (num_long(f[ps->ct], 0, TIME_MAX, &t) < 0) {
		buf_addf(err, "sadf: line %lu: timestamp \"%.40s\" is not a "
		    "time (0 to %ld)", lineno, f[ps->ct], TIME_MAX);
		return -1;
	}
	snprintf(ts, sizeof ts, "%ld",
	    sample_time(ps, t, ps->cd < 0 ? "" : f[ps->cd]));
	for (i = 0; rp->fields[i]; i++) {
		const char *val = f[ps->cv[i]];

		if (num_double(val, &v) < 0) {
			buf_addf(err, "sadf: line %lu: %s \"%.40s\" is not a "
			    "number", lineno, rp->fields[i], val);
			return -1;
		}
		const char *row[SERIES_NCOLS] = { ts, host, kind,
		    rp->metrics[i], ps->cd < 0 ? "" : strcmp(f[ps->cd], "-1") ?
		    f[ps->cd] : "all", val };

		series_row(&ps->rows, row);
	}
	return 0;
}

long
sadf_convert(char *text, const char *host, const char *kind, FILE *out,
    struct buf *err)
{
	struct parse ps[SADF_REPORTS];
	char *line, *next;
	unsigned long lineno = 0;
	long rows = 0;
	int k = -1;
	size_t i;

	memset(ps, 0, sizeof ps);
	for (i = 0; i < SADF_REPORTS; i++)
		ps[i].rp = &reports[i];
	for (line = text; rows >= 0 && line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		lineno++;
		if (!strncmp(line, "# ", 2)) {
			if ((k = which_report(line + 2)) < 0) {
				buf_addf(err, "sadf: line %lu: not a header of the "
				    "CPU, memory or network report: \"%.60s\"",
				    lineno, line);
				rows = -1;
			} else if (take_header(&ps[k], line + 2, lineno, err) < 0)
				rows = -1;
		} else if (!*line || strstr(line, "LINUX-RESTART") ||
		    strstr(line, ";COM ")) {
			continue;
		} else if (k < 0) {
			buf_addf(err, "sadf: line %lu: data before the header",
			    lineno);
			rows = -1;
		} else if (convert_line(&ps[k], line, lineno, host, kind, err) < 0)
			rows = -1;
		else
			rows++;
	}
	for (i = 0; rows >= 0 && i < SADF_REPORTS; i++)
		if (!ps[i].header) {
			buf_addf(err, "sadf printed no %s report", reports[i].name);
			rows = -1;
		}
	for (i = 0; i < SADF_REPORTS; i++) {
		if (rows >= 0 && ps[i].rows.len)	/* no rows: no buffer */
			fwrite(ps[i].rows.s, 1, ps[i].rows.len, out);
		free(ps[i].header);
		buf_free(&ps[i].devs);
		buf_free(&ps[i].rows);
	}
	return rows;
}

int
sadf_series(const char *sa, const char *host, const char *kind, long timeout,
    FILE *out, struct buf *err)
{
	char *argv[16] = { "sadf", "-d", "-U", (char *)sa, "--" };
	char *env[] = { "LC_ALL=C", "TZ=UTC", NULL };
	struct buf text = { 0 }, errout = { 0 };
	size_t i, k, n = 5;
	long rows;
	int st, rc = -1;

	for (k = 0; k < SADF_REPORTS; k++)
		for (i = 0; i < 3 && reports[k].opts[i]; i++)
			argv[n++] = (char *)reports[k].opts[i];
	argv[n] = NULL;
	fputs(SERIES_COLS "\n", out);
	st = proc_run(argv, NULL, env, timeout, &text, &errout, err);
	if (st > 0) {
		n = errout.len ? strcspn(errout.s, "\n") : 0;
		buf_addf(err, "sadf failed (status %d): %.*s", st,
		    (int)(n > 200 ? 200 : n), n ? errout.s : "no message");
	} else if (st == 0 && text.len && memchr(text.s, '\0', text.len))
		buf_addf(err, "sadf: NUL byte in its output");
	else if (st == 0 && !text.len)	/* not even its headers: not done */
		buf_addf(err, "sadf printed nothing for %s", sa);
	else if (st == 0 && (rows = sadf_convert(text.s, host, kind, out,
	    err)) == 0)
		/* One record (sadc stopped before a second): no interval, no
		 * rate. Not an empty series that summaries would pass over. */
		buf_addf(err, "no samples (sadc recorded fewer than two)");
	else if (st == 0 && rows > 0)
		rc = 0;
	if (rc == 0 && ferror(out)) {
		buf_addf(err, "write error:");
		rc = -1;
	}
	buf_free(&text);
	buf_free(&errout);
	return rc;
}
