/*
 * The VMs' disks in each PM's image store, a libvirt storage pool
 * (repo_pool): a fresh overlay or copy of the image per VM at up, deleted
 * at down; or the image itself, read-only (vm_disk_mode).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "err.h"
#include "life.h"

#define X(s) ((const xmlChar *)(s))

char *
sum_name(const char *image)
{
	return xasprintf("%s.sha256", image);
}

char *
vol_read_small(virConnectPtr c, virStorageVolPtr vol, char *why,
    size_t whysz)
{
	virStreamPtr st = virStreamNew(c, 0);
	struct buf b = { 0 };
	char chunk[4096];
	int n;

	if (!st || virStorageVolDownload(vol, st, 0, 0, 0) < 0)
		goto fail;
	while ((n = virStreamRecv(st, chunk, sizeof chunk)) > 0) {
		buf_add(&b, chunk, (size_t)n);
		if (b.len > 65536) {
			virStreamAbort(st);
			virStreamFree(st);
			buf_free(&b);
			snprintf(why, whysz, "%s is not a checksum file (over 64 KiB)",
			    virStorageVolGetName(vol));
			return NULL;
		}
	}
	if (n < 0 || virStreamFinish(st) < 0) {
		virStreamAbort(st);
		goto fail;
	}
	virStreamFree(st);
	buf_addc(&b, '\0');
	b.s[strcspn(b.s, "\n")] = '\0';
	return b.s;
fail:
	snprintf(why, whysz, "cannot read %s: %s", virStorageVolGetName(vol),
	    lverr());
	if (st)
		virStreamFree(st);
	buf_free(&b);
	return NULL;
}

int
disk_open(struct pm *p)
{
	struct virt *v = p->v;
	const char *pool = p->vms[0]->pool;
	virStorageVolPtr sv;
	virStorageVolInfo info;
	virStoragePoolInfo pinfo;
	char why[1024], *sname, *line;
	unsigned long long need;

	if (!*v->disk || v->disk_mode == DISK_FIXED)
		return 0;
	if (!(p->pool = virStoragePoolLookupByName(p->conn, pool))) {
		if (virGetLastErrorCode() == VIR_ERR_NO_STORAGE_POOL)
			return pm_fail(p, "no image store: storage pool %s is not "
			    "defined on %s (vsp-virt image makes it)", pool, p->uri);
		return pm_fail(p, "cannot look storage pool %s up on %s: %s", pool,
		    p->uri, lverr());
	}
	if (virStoragePoolIsActive(p->pool) == 0 &&
	    virStoragePoolCreate(p->pool, 0) < 0)
		return pm_fail(p, "cannot start storage pool %s on %s: %s", pool,
		    p->uri, lverr());
	if (virStoragePoolRefresh(p->pool, 0) < 0)
		return pm_fail(p, "cannot refresh storage pool %s on %s: %s", pool,
		    p->uri, lverr());
	if (!(p->base = virStorageVolLookupByName(p->pool, v->disk))) {
		if (virGetLastErrorCode() == VIR_ERR_NO_STORAGE_VOL)
			return pm_fail(p, "no image %s in storage pool %s on %s "
			    "(vsp-virt image puts it there)", v->disk, pool, p->uri);
		return pm_fail(p, "cannot look image %s up in storage pool %s on "
		    "%s: %s", v->disk, pool, p->uri, lverr());
	}
	/* an upload that did not finish has no checksum file */
	sname = sum_name(v->disk);
	sv = virStorageVolLookupByName(p->pool, sname);
	if (!sv) {
		pm_fail(p, "image %s in storage pool %s on %s has no %s: its "
		    "upload did not finish (run vsp-virt image again)", v->disk,
		    pool, p->uri, sname);
		free(sname);
		return -1;
	}
	free(sname);
	line = vol_read_small(p->conn, sv, why, sizeof why);
	virStorageVolFree(sv);
	if (!line)
		return pm_fail(p, "%s", why);
	free(line);
	if (v->disk_mode != DISK_COPY)
		return 0;
	if (virStorageVolGetInfo(p->base, &info) < 0 ||
	    virStoragePoolGetInfo(p->pool, &pinfo) < 0)
		return pm_fail(p, "cannot read the size of %s in storage pool %s "
		    "on %s: %s", v->disk, pool, p->uri, lverr());
	/* libvirt allocates a raw copy whole; a qcow2 one takes what it holds */
	need = strcmp(conf_get(&v->conf, "xml_disk_drivertype"), "raw") ?
	    info.allocation : info.capacity;
	if ((unsigned long long)p->n * need > pinfo.available) {
		return pm_fail(p, "storage pool %s on %s has %llu MiB free; %zu "
		    "copies of %s need %llu MiB (vm_disk_mode=copy)", pool,
		    p->uri, pinfo.available >> 20, p->n, v->disk,
		    ((unsigned long long)p->n * need + (1 << 20) - 1) >> 20);
	}
	return 0;
}

/* The volume XML of a VM's overlay (backed by the image) or copy. */
static char *
vol_xml(struct pm *p, struct vm *vm, unsigned long long capacity,
    const char *base_path)
{
	const char *fmt = conf_get(&p->v->conf, "xml_disk_drivertype");
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNode *vol = xmlNewNode(NULL, X("volume")), *n;
	xmlBufferPtr xb = xmlBufferCreate();
	char cap[32], *s;

	xmlDocSetRootElement(doc, vol);
	xmlNewTextChild(vol, NULL, X("name"), X(vm->vol));
	snprintf(cap, sizeof cap, "%llu", capacity);
	n = xmlNewTextChild(vol, NULL, X("capacity"), X(cap));
	xmlSetProp(n, X("unit"), X("bytes"));
	n = xmlNewChild(xmlNewChild(vol, NULL, X("target"), NULL), NULL,
	    X("format"), NULL);
	xmlSetProp(n, X("type"), X(base_path ? "qcow2" : fmt));
	if (base_path) {
		n = xmlNewChild(vol, NULL, X("backingStore"), NULL);
		xmlNewTextChild(n, NULL, X("path"), X(base_path));
		xmlSetProp(xmlNewChild(n, NULL, X("format"), NULL), X("type"),
		    X(fmt));
	}
	xmlNodeDump(xb, doc, vol, 0, 0);
	s = xstrdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
	return s;
}

int
disk_make(struct pm *p, struct vm *vm)
{
	virStorageVolPtr old, made = NULL;
	virStorageVolInfo info;
	char *xml, *base_path = NULL;

	if (!vm->vol)
		return 0;
	/* no domain of this name exists (checked): a crash's leftover */
	if ((old = virStorageVolLookupByName(p->pool, vm->vol))) {
		int rc = virStorageVolDelete(old, 0);

		virStorageVolFree(old);
		if (rc < 0) {
			vm_fail(vm, "cannot delete the leftover volume %s in storage "
			    "pool %s: %s", vm->vol, vm->pool, lverr());
			return -1;
		}
	}
	if (virStorageVolGetInfo(p->base, &info) < 0 ||
	    (p->v->disk_mode == DISK_OVERLAY &&
	    !(base_path = virStorageVolGetPath(p->base)))) {
		vm_fail(vm, "cannot read image %s in storage pool %s: %s",
		    p->v->disk, vm->pool, lverr());
		return -1;
	}
	xml = vol_xml(p, vm, info.capacity, base_path);
	if (p->v->disk_mode == DISK_OVERLAY)
		made = virStorageVolCreateXML(p->pool, xml, 0);
	else
		made = virStorageVolCreateXMLFrom(p->pool, xml, p->base, 0);
	free(xml);
	free(base_path);
	if (!made) {
		vm_fail(vm, "cannot make its %s %s in storage pool %s: %s",
		    p->v->disk_mode == DISK_OVERLAY ? "overlay" : "copy", vm->vol,
		    vm->pool, lverr());
		return -1;
	}
	virStorageVolFree(made);
	vm->vol_created = 1;
	return 0;
}

int
disk_drop(struct pm *p, struct vm *vm, char *why, size_t whysz)
{
	virStorageVolPtr vol;
	int rc;

	if (!vm->vol)
		return 0;
	if (!p->pool) {
		if (!(p->pool = virStoragePoolLookupByName(p->conn, vm->pool))) {
			if (virGetLastErrorCode() == VIR_ERR_NO_STORAGE_POOL)
				return 0;	/* no store, no volume */
			snprintf(why, whysz, "cannot look storage pool %s up: %s",
			    vm->pool, lverr());
			return -1;
		}
		if (virStoragePoolIsActive(p->pool) != 1)
			return 0;
		virStoragePoolRefresh(p->pool, 0);	/* files removed by hand */
	}
	if (!(vol = virStorageVolLookupByName(p->pool, vm->vol))) {
		if (virGetLastErrorCode() == VIR_ERR_NO_STORAGE_VOL)
			return 0;
		snprintf(why, whysz, "cannot look volume %s up: %s", vm->vol,
		    lverr());
		return -1;
	}
	rc = virStorageVolDelete(vol, 0);
	virStorageVolFree(vol);
	if (rc < 0) {
		snprintf(why, whysz, "cannot delete volume %s in storage pool %s: "
		    "%s", vm->vol, vm->pool, lverr());
		return -1;
	}
	return 0;
}
