/* ls: the domains vsp made, found by their metadata on every PM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "life.h"

/* ls: one row per vsp domain, from its metadata. */
static const char *const ls_cols[] = { "exp", "app", "nc", "cpv", "idf",
	"pstrat", "runs", "first", "vm", "node", "slot", "vcpus", "pin", "uri",
	"uuid", "state", "addr", NULL };
#define LS_NCOLS 17
enum { LS_VM = 8, LS_NODE, LS_SLOT, LS_URI = 13, LS_UUID, LS_STATE };

struct lsrow {
	char *f[LS_NCOLS];
	long index, slot;
};

static void
take_ls(void *arg, const char *key, const char *val)
{
	struct lsrow *row = arg;
	int i;

	for (i = 0; ls_cols[i]; i++)
		if (!strcmp(ls_cols[i], key) && !row->f[i])
			row->f[i] = xstrdup(val);
}

static void *
pm_ls(void *arg)
{
	struct pm *p = arg;
	virDomainPtr *doms = NULL;
	int nd, i, st, reason;
	char why[1024];

	domxml_quiet();
	if (!(p->conn = pm_connect(p->v, p->uri, why, sizeof why))) {
		p->err = xasprintf("%s: %s", p->node, why);
		return NULL;
	}
	if ((nd = virConnectListAllDomains(p->conn, &doms, 0)) < 0) {
		p->err = xasprintf("%s: cannot list domains on %s: %s", p->node,
		    p->uri, lverr());
		return NULL;
	}
	p->rows = xcalloc((size_t)(nd ? nd : 1), sizeof *p->rows);
	for (i = 0; i < nd; i++) {
		struct lsrow *row = &p->rows[p->nrows];
		char uuid[VIR_UUID_STRING_BUFLEN] = "";
		int j;

		memset(row, 0, sizeof *row);
		if (domain_meta(doms[i], take_ls, row) < 0 || !row->f[LS_NODE] ||
		    strcmp(row->f[LS_NODE], p->node)) {
			for (j = 0; j < LS_NCOLS; j++)
				free(row->f[j]);
			virDomainFree(doms[i]);
			continue;
		}
		free(row->f[LS_VM]);
		row->f[LS_VM] = xstrdup(virDomainGetName(doms[i]));
		free(row->f[LS_URI]);
		row->f[LS_URI] = xstrdup(p->uri);
		virDomainGetUUIDString(doms[i], uuid);
		free(row->f[LS_UUID]);
		row->f[LS_UUID] = xstrdup(uuid);
		st = VIR_DOMAIN_NOSTATE;
		virDomainGetState(doms[i], &st, &reason, 0);
		free(row->f[LS_STATE]);
		row->f[LS_STATE] = xstrdup(state_name(st));
		row->index = p->index;
		row->slot = row->f[LS_SLOT] ? atol(row->f[LS_SLOT]) : 0;
		p->nrows++;
		virDomainFree(doms[i]);
	}
	free(doms);
	return NULL;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct lsrow *x = a, *y = b;
	int c = strcmp(x->f[0] ? x->f[0] : "", y->f[0] ? y->f[0] : "");

	if (c)
		return c;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	return (x->slot > y->slot) - (x->slot < y->slot);
}

int
life_ls(struct virt *v, struct buf *out)
{
	size_t npm = v->conf.nnodes, i, j, nrows = 0;
	struct pm *pms = xcalloc(npm, sizeof *pms);
	struct lsrow *rows;
	atomic_int abort = 0;
	char **uris = xcalloc(npm, sizeof *uris);
	int rc = 0, k;

	init_libvirt();
	for (i = 0; i < npm; i++) {
		pms[i].v = v;
		pms[i].node = v->conf.nodes[i];
		pms[i].uri = uris[i] = virt_uri(v, v->conf.nodes[i]);
		pms[i].index = (long)i;
		pms[i].abort = &abort;
	}
	run_all(pms, npm, pm_ls);
	for (i = 0; i < npm; i++) {
		if (pms[i].err) {
			warnx("%s", pms[i].err);
			rc = -1;
		}
		nrows += pms[i].nrows;
	}
	rows = xcalloc(nrows ? nrows : 1, sizeof *rows);
	for (nrows = 0, i = 0; i < npm; i++) {
		for (j = 0; j < pms[i].nrows; j++)
			rows[nrows++] = pms[i].rows[j];
		free(pms[i].rows);
	}
	qsort(rows, nrows, sizeof *rows, row_cmp);
	for (k = 0; ls_cols[k]; k++)
		buf_addf(out, "%s%s", k ? "\t" : "", ls_cols[k]);
	buf_addc(out, '\n');
	for (i = 0; i < nrows; i++) {
		for (k = 0; k < LS_NCOLS; k++) {
			if (k)
				buf_addc(out, '\t');
			tsv_escape(out, rows[i].f[k] ? rows[i].f[k] : "");
			free(rows[i].f[k]);
		}
		buf_addc(out, '\n');
	}
	free(rows);
	for (i = 0; i < npm; i++) {
		pms[i].rows = NULL;
		pms[i].vms = NULL;
		free(uris[i]);
	}
	free(uris);
	free_pms(pms, npm);
	return rc;
}
