/* sadc data file to the series of vsp(7), through sadf -d (fields by name). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "num.h"
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
    FILE *out, struct buf *err)
{
	const struct report *rp = ps->rp;
	char *f[64];
	size_t nf, i;
	double v;
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
	if (num_double(f[ps->ct], &v) < 0 || v < 0 || v > 1e15 ||
	    v != (double)(long)v) {
		buf_addf(err, "sadf %s: line %lu: timestamp \"%.40s\" is not a "
		    "whole number", rp->opts[0], ps->lineno, f[ps->ct]);
		return -1;
	}
	snprintf(ts, sizeof ts, "%ld",
	    sample_time(ps, (long)v, ps->cd < 0 ? "" : f[ps->cd]));
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

/* The first line of sadf's standard error, for messages. */
static void
first_err_line(FILE *errf, struct buf *b)
{
	char line[512];

	rewind(errf);
	if (!fgets(line, sizeof line, errf))
		snprintf(line, sizeof line, "no message");
	line[strcspn(line, "\n")] = '\0';
	buf_adds(b, line);
}

/* Runs one sadf report on sa, streaming its rows into out. */
static int
run_sadf(const struct report *rp, const char *sa, const char *host,
    const char *kind, FILE *out, struct buf *err)
{
	char *argv[8] = { "sadf", "-d", "-U", (char *)sa, "--" };
	struct parse ps = { 0 };
	FILE *errf = tmpfile(), *in;
	char *line = NULL;
	size_t cap = 0, i;
	ssize_t n;
	int p[2], status, rc = 0;
	pid_t pid;

	for (i = 0; rp->opts[i]; i++)
		argv[5 + i] = (char *)rp->opts[i];
	argv[5 + i] = NULL;
	if (!errf || pipe(p) < 0) {
		buf_addf(err, "sadf:");
		if (errf)
			fclose(errf);
		return -1;
	}
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	if ((pid = fork()) < 0) {
		buf_addf(err, "fork:");
		close(p[0]);
		close(p[1]);
		fclose(errf);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 ||
		    dup2(fileno(errf), 2) < 0)
			_exit(126);
		setenv("LC_ALL", "C", 1);
		setenv("TZ", "UTC", 1);
		execvp(argv[0], argv);
		dprintf(2, "sadf: %s\n", strerror(errno));
		_exit(127);
	}
	close(p[1]);
	ps.rp = rp;
	in = fdopen(p[0], "r");
	while (in && (n = getline(&line, &cap, in)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (rc == 0 && convert_line(&ps, line, host, kind, out, err) < 0) {
			rc = -1;
			kill(pid, SIGTERM);
			break;
		}
	}
	if (in)
		fclose(in);
	else
		close(p[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	if (rc == 0 && status != 0) {
		buf_addf(err, "sadf %s failed (status %d): ", rp->opts[0],
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
		    WTERMSIG(status));
		first_err_line(errf, err);
		rc = -1;
	}
	free(line);
	free(ps.header);
	buf_free(&ps.devs);
	buf_free(&ps.row);
	fclose(errf);
	return rc;
}

int
sadf_series(const char *sa, const char *host, const char *kind, FILE *out,
    struct buf *err)
{
	size_t i;
	int rc = 0;

	fputs(SERIES_COLS "\n", out);
	for (i = 0; rc == 0 && i < sizeof reports / sizeof *reports; i++)
		rc = run_sadf(&reports[i], sa, host, kind, out, err);
	if (rc == 0 && ferror(out)) {
		buf_addf(err, "write error:");
		rc = -1;
	}
	return rc;
}
