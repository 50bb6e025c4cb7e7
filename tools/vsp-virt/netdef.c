/* net -d: define, start and autostart each PM's libvirt network. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "life.h"

/* One PM: "defined" (made now) or "existing" (left as it was); NULL on error. */
static const char *
define_one(const struct virt *v, const char *uri, const char *name,
    const char *xml, char *why, size_t whysz)
{
	virConnectPtr c = pm_connect(v, uri, why, whysz);
	virNetworkPtr n = NULL;
	const char *state = NULL;

	if (!c)
		return NULL;
	if ((n = virNetworkLookupByName(c, name)))
		state = "existing";
	else if (virGetLastErrorCode() != VIR_ERR_NO_NETWORK ||
	    !(n = virNetworkDefineXML(c, xml)))
		goto fail;
	else
		state = "defined";
	if (virNetworkIsActive(n) == 0 && virNetworkCreate(n) < 0)
		goto fail;
	if (!strcmp(state, "defined") && virNetworkSetAutostart(n, 1) < 0)
		goto fail;
	virNetworkFree(n);
	virConnectClose(c);
	return state;
fail:
	snprintf(why, whysz, "%s", virGetLastErrorMessage());
	if (n)
		virNetworkFree(n);
	if (c)
		virConnectClose(c);
	return NULL;
}

int
net_define(struct virt *v, struct buf *out)
{
	struct buf xml = { 0 };
	const char *state, *name;
	char why[1024];
	size_t i;
	int rc = 0;

	init_libvirt();
	domxml_quiet();
	buf_adds(out, "node\turi\tnetwork\tstate\n");
	for (i = 0; i < v->conf.nnodes; i++) {
		char *uri = virt_uri(v, v->conf.nodes[i]);

		buf_reset(&xml);
		name = net_xml(v, (long)i, &xml);
		if (!(state = define_one(v, uri, name, xml.s, why, sizeof why))) {
			warnx("%s: network %s on %s: %s", v->conf.nodes[i], name, uri,
			    why);
			rc = -1;
		} else
			buf_addf(out, "%s\t%s\t%s\t%s\n", v->conf.nodes[i], uri, name,
			    state);
		free(uri);
	}
	buf_free(&xml);
	return rc;
}
