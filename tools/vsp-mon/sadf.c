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

#define SADF_TIMEOUT 600

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

/* Appends the rows of one report; 0 or -1 with err. */
static int
convert(const struct report *rp, char *text, const char *host,
    const char *kind, struct buf *out, struct buf *err)
{
	char *line, *next, *h[64], *f[64];
	size_t nh = 0, nf, i, lineno = 0;
	int ct = -1, cd = -1, cv[6];
	double v;

	for (line = text; line && *line; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!strncmp(line, "# ", 2)) {
			nh = split(line + 2, h, 64);
			ct = col(h, nh, "timestamp");
			cd = rp->dev ? col(h, nh, rp->dev) : -2;
			for (i = 0; rp->fields[i]; i++)
				if ((cv[i] = col(h, nh, rp->fields[i])) < 0)
					break;
			if (ct < 0 || cd == -1 || rp->fields[i]) {
				buf_addf(err, "sadf %s: no column \"%s\" in its header",
				    rp->opts[0], ct < 0 ? "timestamp" : cd == -1 ?
				    rp->dev : rp->fields[i]);
				return -1;
			}
			continue;
		}
		if (strstr(line, "LINUX-RESTART") || strstr(line, ";COM "))
			continue;
		if (!nh) {
			buf_addf(err, "sadf %s: line %zu: data before the header",
			    rp->opts[0], lineno);
			return -1;
		}
		if ((nf = split(line, f, 64)) != nh) {
			buf_addf(err, "sadf %s: line %zu: %zu fields, header has %zu",
			    rp->opts[0], lineno, nf, nh);
			return -1;
		}
		if (num_double(f[ct], &v) < 0) {
			buf_addf(err, "sadf %s: line %zu: timestamp \"%.40s\" is not "
			    "a number", rp->opts[0], lineno, f[ct]);
			return -1;
		}
		for (i = 0; rp->fields[i]; i++) {
			if (num_double(f[cv[i]], &v) < 0) {
				buf_addf(err, "sadf %s: line %zu: %s \"%.40s\" is not a "
				    "number", rp->opts[0], lineno, rp->fields[i],
				    f[cv[i]]);
				return -1;
			}
			buf_addf(out, "%s\t%s\t%s\t%s\t", f[ct], host, kind,
			    rp->metrics[i]);
			if (cd >= 0)
				buf_adds(out, strcmp(f[cd], "-1") ? f[cd] : "all");
			buf_addf(out, "\t%s\n", f[cv[i]]);
		}
	}
	return 0;
}

static int
run_sadf(const struct report *rp, const char *sa, struct buf *text,
    struct buf *err)
{
	char *argv[8] = { "sadf", "-d", "-U", (char *)sa, "--" };
	char *env[] = { "LC_ALL=C", "TZ=UTC", NULL };
	struct buf errout = { 0 };
	size_t i;
	int rc;

	for (i = 0; rp->opts[i]; i++)
		argv[5 + i] = (char *)rp->opts[i];
	argv[5 + i] = NULL;
	rc = proc_run(argv, NULL, env, SADF_TIMEOUT, text, &errout, err);
	if (rc > 0) {
		char *nl = errout.s ? strchr(errout.s, '\n') : NULL;

		if (nl)
			*nl = '\0';
		buf_addf(err, "sadf %s exited %d: %s", rp->opts[0], rc,
		    errout.len ? errout.s : "no message");
	}
	buf_free(&errout);
	return rc == 0 ? 0 : -1;
}

int
sadf_series(const char *sa, const char *host, const char *kind,
    struct buf *out, struct buf *err)
{
	struct buf text = { 0 };
	size_t i;
	int rc = 0;

	buf_adds(out, SERIES_HEADER);
	for (i = 0; rc == 0 && i < sizeof reports / sizeof *reports; i++) {
		buf_reset(&text);
		if ((rc = run_sadf(&reports[i], sa, &text, err)) == 0)
			rc = convert(&reports[i], text.s ? text.s : (char *)"", host,
			    kind, out, err);
	}
	buf_free(&text);
	return rc;
}
