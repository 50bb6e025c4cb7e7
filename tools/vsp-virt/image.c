/*
 * image: puts a VM image into every PM's image store, a libvirt dir pool
 * (repo_pool at repo_root/node), over the PM's libvirt connection: sent,
 * read back and checked against its SHA-256, then marked complete by a
 * checksum file beside it. A PM that has it already is skipped.
 */
#define _GNU_SOURCE	/* SEEK_DATA, SEEK_HOLE: a sparse image's holes */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "err.h"
#include "life.h"
#include "proc.h"
#include "sha256.h"

#define X(s) ((const xmlChar *)(s))
#define CHUNK (1 << 20)

struct src {
	const char *path;
	const char *name;	/* volume name on the PMs */
	int fd;
	unsigned long long size;
	unsigned long long need;	/* bytes of data: holes take no room */
	char hex[65];
};

/* A progress line on stderr: refreshed in place on a terminal, else a
 * line at each quarter (a cron log stays short). */
struct progress {
	char *what;
	unsigned long long total, done;
	int last, tty;
};

static void
progress_start(struct progress *pr, char *what, unsigned long long total)
{
	pr->what = what;
	pr->total = total;
	pr->done = 0;
	pr->last = -1;
	pr->tty = isatty(2);
}

static void
progress_add(struct progress *pr, unsigned long long n)
{
	int pct;

	pr->done += n;
	pct = pr->total ? (int)(pr->done * 100 / pr->total) : 100;
	/* a terminal: each percent; a log: each quarter */
	if (pr->tty ? pct == pr->last : pct < 25 || pct / 25 == pr->last / 25)
		return;
	pr->last = pct;
	fprintf(stderr, "%s%s: %s %d%% of %llu MiB%s", pr->tty ? "\r" : "",
	    progname, pr->what, pct, (pr->total + (1 << 20) - 1) >> 20,
	    pr->tty && pct < 100 ? "" : "\n");
}

static void
progress_end(struct progress *pr)
{
	if (pr->last < 100)
		progress_add(pr, pr->total - pr->done);
	free(pr->what);
}

static int
hash_file(struct src *s, char *why, size_t whysz)
{
	struct sha256 h;
	struct progress pr;
	char *chunk = xmalloc(CHUNK);
	unsigned long long off = 0;
	ssize_t n;

	sha256_init(&h);
	progress_start(&pr, xasprintf("%s: sha256", s->path), s->size);
	while (off < s->size) {
		if ((n = pread(s->fd, chunk, CHUNK, (off_t)off)) <= 0) {
			snprintf(why, whysz, "%s: %s", s->path, n < 0 ?
			    strerror(errno) : "shorter than it was");
			free(chunk);
			free(pr.what);
			return -1;
		}
		sha256_add(&h, chunk, (size_t)n);
		off += (unsigned long long)n;
		progress_add(&pr, (unsigned long long)n);
	}
	progress_end(&pr);
	sha256_hex(&h, s->hex);
	free(chunk);
	return 0;
}

/*
 * One transfer: the bytes hashed and counted as they pass, a hole (of a
 * sparse image, sent as its length) as the zeros it stands for.
 */
struct xfer {
	struct src *s;
	const char *doing;	/* "sending", "checking" */
	struct sha256 h;
	struct progress pr;
	unsigned long long off;
	char *why;
	size_t whysz;
};

static void
xfer_start(struct xfer *x, struct src *s, const char *doing,
    const char *node, char *why, size_t whysz)
{
	memset(x, 0, sizeof *x);
	x->s = s;
	x->doing = doing;
	x->why = why;
	x->whysz = whysz;
	why[0] = '\0';
	sha256_init(&x->h);
	progress_start(&x->pr, xasprintf("%s: %s %s", node, doing, s->name),
	    s->size);
}

/* Ends the progress line; 0 and hex set, or -1 (why set). */
static int
xfer_result(struct xfer *x, int ok, char hex[65], const char *what)
{
	if (ok) {
		progress_end(&x->pr);
		sha256_hex(&x->h, hex);
		return 0;
	}
	if (x->pr.tty && x->pr.last >= 0)
		fputc('\n', stderr);
	free(x->pr.what);
	if (!x->why[0])
		snprintf(x->why, x->whysz, "%s %s failed: %s", what, x->s->name,
		    lverr());
	return -1;
}

/* xfer_result, then the stream st (if made) aborted unless ok, and freed. */
static int
xfer_end(struct xfer *x, virStreamPtr st, int ok, char hex[65],
    const char *what)
{
	/* first: any libvirt call, virStreamFree too, clears its error */
	int rc = xfer_result(x, ok, hex, what);

	if (st) {
		if (!ok)
			virStreamAbort(st);
		virStreamFree(st);
	}
	return rc;
}

static int
interrupted(struct xfer *x)
{
	if (!stop_signal)
		return 0;
	snprintf(x->why, x->whysz, "interrupted (signal %d) while %s %s",
	    (int)stop_signal, x->doing, x->s->name);
	return 1;
}

static void
xfer_add(struct xfer *x, const char *data, unsigned long long n)
{
	static const char zero[65536];
	unsigned long long left = n;

	for (; !data && left > sizeof zero; left -= sizeof zero)
		sha256_add(&x->h, zero, sizeof zero);
	sha256_add(&x->h, data ? data : zero, (size_t)left);
	x->off += n;
	progress_add(&x->pr, n);
}

static int
src_data(virStreamPtr st, char *data, size_t nbytes, void *opaque)
{
	struct xfer *x = opaque;
	ssize_t n;

	(void)st;
	if (interrupted(x))
		return -1;
	if (x->off >= x->s->size)
		return 0;
	if (nbytes > x->s->size - x->off)
		nbytes = (size_t)(x->s->size - x->off);
	if ((n = pread(x->s->fd, data, nbytes, (off_t)x->off)) <= 0) {
		snprintf(x->why, x->whysz, "%s: %s", x->s->path, n < 0 ?
		    strerror(errno) : "shorter than it was");
		return -1;
	}
	xfer_add(x, data, (unsigned long long)n);
	return (int)n;
}

/* Data or hole at the position, as libvirt's virFileInData tells it. */
static int
src_hole(virStreamPtr st, int *in_data, long long *length, void *opaque)
{
	struct xfer *x = opaque;
	off_t cur = (off_t)x->off, end = (off_t)x->s->size, data, hole;

	(void)st;
	if (cur >= end) {
		*in_data = 0;
		*length = 0;
		return 0;
	}
	data = lseek(x->s->fd, cur, SEEK_DATA);
	if (data < 0 && errno != ENXIO)
		goto fail;
	if (data < 0 || data >= end) {	/* a hole to the end */
		*in_data = 0;
		*length = end - cur;
	} else if (data > cur) {
		*in_data = 0;
		*length = data - cur;
	} else {
		if ((hole = lseek(x->s->fd, cur, SEEK_HOLE)) < 0)
			goto fail;
		*in_data = 1;
		*length = (hole < end ? hole : end) - cur;
	}
	return 0;
fail:
	snprintf(x->why, x->whysz, "%s: %s", x->s->path, strerror(errno));
	return -1;
}

static int
src_skip(virStreamPtr st, long long length, void *opaque)
{
	struct xfer *x = opaque;

	(void)st;
	if (interrupted(x))
		return -1;
	xfer_add(x, NULL, (unsigned long long)length);
	return 0;
}

static int
sink_data(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
	struct xfer *x = opaque;

	(void)st;
	if (interrupted(x))
		return -1;
	xfer_add(x, data, nbytes);
	return (int)nbytes;
}

static int
sink_hole(virStreamPtr st, long long length, void *opaque)
{
	return src_skip(st, length, opaque);
}

/* A resumed upload: the bytes before off, on the PM already, hashed here. */
static int
xfer_skip_head(struct xfer *x, unsigned long long off)
{
	char *chunk = xmalloc(CHUNK);
	ssize_t n;

	while (x->off < off) {
		n = pread(x->s->fd, chunk, off - x->off < CHUNK ?
		    (size_t)(off - x->off) : CHUNK, (off_t)x->off);
		if (n <= 0) {
			snprintf(x->why, x->whysz, "%s: %s", x->s->path, n < 0 ?
			    strerror(errno) : "shorter than it was");
			free(chunk);
			return -1;
		}
		sha256_add(&x->h, chunk, (size_t)n);
		x->off += (unsigned long long)n;
	}
	x->pr.done = off;
	free(chunk);
	return 0;
}

/*
 * Streams the file from off into vol, holes as holes (a sparse raw image
 * sends only its data); hex: the SHA-256 of the whole file as sent.
 */
static int
upload(virConnectPtr c, virStorageVolPtr vol, struct src *s,
    unsigned long long off, const char *node, char hex[65], char *why,
    size_t whysz)
{
	virStreamPtr st = virStreamNew(c, 0);
	struct xfer x;
	int ok;

	xfer_start(&x, s, "sending", node, why, whysz);
	ok = st && xfer_skip_head(&x, off) == 0 &&
	    virStorageVolUpload(vol, st, off, s->size - off,
	    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM) == 0 &&
	    virStreamSparseSendAll(st, src_data, src_hole, src_skip, &x) == 0 &&
	    virStreamFinish(st) == 0;
	return xfer_end(&x, st, ok, hex, "sending");
}

/* Reads vol back from the PM; hex: the SHA-256 of what it holds. */
static int
sum_volume(virConnectPtr c, virStorageVolPtr vol, struct src *s,
    const char *node, char hex[65], char *why, size_t whysz)
{
	virStreamPtr st = virStreamNew(c, 0);
	struct xfer x;
	int ok;

	xfer_start(&x, s, "checking", node, why, whysz);
	ok = st && virStorageVolDownload(vol, st, 0, 0,
	    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM) == 0 &&
	    virStreamSparseRecvAll(st, sink_data, sink_hole, &x) == 0 &&
	    virStreamFinish(st) == 0;
	return xfer_end(&x, st, ok, hex, "reading back");
}

static char *
xml_text(xmlDocPtr doc, xmlNode *root)
{
	xmlBufferPtr xb = xmlBufferCreate();
	char *s;

	xmlDocSetRootElement(doc, root);
	xmlNodeDump(xb, doc, root, 0, 0);
	s = xstrdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
	return s;
}

/* A raw volume of size bytes, written by the upload that follows. */
static virStorageVolPtr
new_volume(virStoragePoolPtr pool, const char *name, unsigned long long size)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNode *vol = xmlNewNode(NULL, X("volume")), *n;
	virStorageVolPtr v;
	char num[32], *xml;

	xmlNewTextChild(vol, NULL, X("name"), X(name));
	snprintf(num, sizeof num, "%llu", size);
	n = xmlNewTextChild(vol, NULL, X("capacity"), X(num));
	xmlSetProp(n, X("unit"), X("bytes"));
	n = xmlNewTextChild(vol, NULL, X("allocation"), X("0"));
	xmlSetProp(n, X("unit"), X("bytes"));
	n = xmlNewChild(xmlNewChild(vol, NULL, X("target"), NULL), NULL,
	    X("format"), NULL);
	xmlSetProp(n, X("type"), X("raw"));
	xml = xml_text(doc, vol);
	v = virStorageVolCreateXML(pool, xml, 0);
	free(xml);
	return v;
}

/* The PM's pool, defined (dir at repo_root/node, autostarted) if missing. */
static virStoragePoolPtr
open_pool(struct virt *v, virConnectPtr c, const char *name, const char *node,
    char *why, size_t whysz)
{
	virStoragePoolPtr p = virStoragePoolLookupByName(c, name);
	int made = 0;

	if (!p && virGetLastErrorCode() == VIR_ERR_NO_STORAGE_POOL) {
		xmlDocPtr doc = xmlNewDoc(X("1.0"));
		xmlNode *pool = xmlNewNode(NULL, X("pool"));
		char *path = xasprintf("%s/%s", conf_get(&v->conf, "repo_root"),
		    node), *xml;

		xmlSetProp(pool, X("type"), X("dir"));
		xmlNewTextChild(pool, NULL, X("name"), X(name));
		xmlNewTextChild(xmlNewChild(pool, NULL, X("target"), NULL), NULL,
		    X("path"), X(path));
		free(path);
		xml = xml_text(doc, pool);
		p = virStoragePoolDefineXML(c, xml, 0);
		free(xml);
		made = 1;
		if (p && (virStoragePoolBuild(p, 0) < 0 ||
		    virStoragePoolSetAutostart(p, 1) < 0)) {
			snprintf(why, whysz, "cannot make storage pool %s: %s", name,
			    lverr());
			virStoragePoolUndefine(p);
			virStoragePoolFree(p);
			return NULL;
		}
	}
	if (!p) {
		snprintf(why, whysz, "cannot %s storage pool %s: %s",
		    made ? "define" : "look up", name, lverr());
		return NULL;
	}
	if ((virStoragePoolIsActive(p) == 0 && virStoragePoolCreate(p, 0) < 0) ||
	    virStoragePoolRefresh(p, 0) < 0) {
		snprintf(why, whysz, "cannot start storage pool %s: %s", name,
		    lverr());
		virStoragePoolFree(p);
		return NULL;
	}
	return p;
}

/* 1 if the volume XML has a backing store at path. */
static int
backed_by(const char *xml, const char *path)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "volume.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *n, *root = doc ? xmlDocGetRootElement(doc) : NULL;
	int yes = 0;

	for (n = root ? root->children : NULL; n && !yes; n = n->next) {
		xmlNode *c;

		if (n->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(n->name, X("backingStore")))
			continue;
		for (c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    !xmlStrcmp(c->name, X("path"))) {
				xmlChar *t = xmlNodeGetContent(c);

				yes = t && !strcmp((const char *)t, path);
				xmlFree(t);
			}
	}
	if (doc)
		xmlFreeDoc(doc);
	return yes;
}

/* Names of the pool's volumes backed by path (overlays), "" if none. */
static char *
dependents(virStoragePoolPtr pool, const char *path)
{
	virStorageVolPtr *vols = NULL;
	struct buf names = { 0 };
	char **found;
	size_t nfound = 0, k;
	int n, i;

	buf_adds(&names, "");
	if ((n = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0)
		return names.s;
	found = xcalloc((size_t)n + 1, sizeof *found);
	for (i = 0; i < n; i++) {
		char *xml = virStorageVolGetXMLDesc(vols[i], 0);

		if (xml && backed_by(xml, path))
			found[nfound++] = xstrdup(virStorageVolGetName(vols[i]));
		free(xml);
		virStorageVolFree(vols[i]);
	}
	free(vols);
	qsort(found, nfound, sizeof *found, str_cmp);	/* stable messages */
	for (k = 0; k < nfound; k++) {
		buf_addf(&names, "%s%s", k ? " " : "", found[k]);
		free(found[k]);
	}
	free(found);
	return names.s;
}

static void
delete_vol(virStorageVolPtr *vol)
{
	if (*vol) {
		virStorageVolDelete(*vol, 0);
		virStorageVolFree(*vol);
		*vol = NULL;
	}
}

/* VSP_IMAGE_HOOK: a command run with the PM and the volume's path after
 * the upload, before the check (the tests corrupt the upload with it). */
static void
run_hook(const char *node, virStorageVolPtr vol)
{
	const char *hook = getenv("VSP_IMAGE_HOOK");
	char *path, *argv[4];
	struct buf out = { 0 }, err = { 0 }, why = { 0 };

	if (!hook || !*hook || !(path = virStorageVolGetPath(vol)))
		return;
	argv[0] = (char *)hook;
	argv[1] = (char *)node;
	argv[2] = path;
	argv[3] = NULL;
	if (proc_run(argv, NULL, NULL, 600, &out, &err, &why) != 0)
		warnx("VSP_IMAGE_HOOK %s failed: %s%s", hook, buf_str(&why),
		    buf_str(&err));
	free(path);
	buf_free(&out);
	buf_free(&err);
	buf_free(&why);
}

/* One PM: "sent", "present" or "checked"; NULL on failure (why). */
/* A small volume holding text (a checksum file, a marker); NULL: why set. */
static virStorageVolPtr
write_small(virConnectPtr c, virStoragePoolPtr pool, const char *name,
    const char *text, char *why, size_t whysz)
{
	virStorageVolPtr vol = new_volume(pool, name, strlen(text));
	virStreamPtr st = vol ? virStreamNew(c, 0) : NULL;

	if (!st || virStorageVolUpload(vol, st, 0, strlen(text), 0) < 0 ||
	    virStreamSend(st, text, strlen(text)) != (int)strlen(text) ||
	    virStreamFinish(st) < 0) {
		snprintf(why, whysz, "cannot write %s: %s", name, lverr());
		if (st)
			virStreamAbort(st);
		delete_vol(&vol);
	}
	if (st)
		virStreamFree(st);
	return vol;
}

/*
 * A read-back of part of a volume compared with the file: the first byte
 * that differs, and whether a byte before it that matched is not zero (so
 * the upload wrote it: the volume began as zeros).
 */
struct cmp {
	struct src *s;
	unsigned long long off, diff;
	int arrived;
	char *buf;
	char *why;
	size_t whysz;
};

static int
cmp_data(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
	struct cmp *x = opaque;
	size_t i, n, k;
	ssize_t got;

	(void)st;
	if (stop_signal) {
		snprintf(x->why, x->whysz, "interrupted (signal %d) while checking "
		    "what arrived of %s", (int)stop_signal, x->s->name);
		return -1;
	}
	for (i = 0; i < nbytes && x->diff == ULLONG_MAX; i += n) {
		n = nbytes - i < CHUNK ? nbytes - i : CHUNK;
		if ((got = pread(x->s->fd, x->buf, n, (off_t)(x->off + i))) !=
		    (ssize_t)n) {
			snprintf(x->why, x->whysz, "%s: %s", x->s->path, got < 0 ?
			    strerror(errno) : "shorter than it was");
			return -1;
		}
		for (k = 0; k < n && x->buf[k] == data[i + k]; k++)
			x->arrived |= data[i + k] != 0;
		if (k < n)
			x->diff = x->off + i + k;
	}
	x->off += nbytes;
	return (int)nbytes;
}

/*
 * Reads [lo, end) of vol back from the PM: at, the first byte that
 * differs from the file (end if none); arrived, whether one before it is
 * not zero. -1 on failure (why set).
 */
static int
first_diff(virConnectPtr c, virStorageVolPtr vol, struct src *s,
    unsigned long long lo, unsigned long long end, unsigned long long *at,
    int *arrived, char *why, size_t whysz)
{
	virStreamPtr st = virStreamNew(c, 0);
	struct cmp x = { s, lo, ULLONG_MAX, 0, xmalloc(CHUNK), why, whysz };
	int ok;

	why[0] = '\0';
	ok = st && virStorageVolDownload(vol, st, lo, end - lo, 0) == 0 &&
	    virStreamRecvAll(st, cmp_data, &x) == 0 && virStreamFinish(st) == 0;
	if (!ok && !why[0])	/* before any libvirt call clears the error */
		snprintf(why, whysz, "reading back what arrived of %s failed: %s",
		    s->name, lverr());
	if (st) {
		if (!ok)
			virStreamAbort(st);
		virStreamFree(st);
	}
	free(x.buf);
	*at = x.diff < x.off ? x.diff : x.off;	/* a shorter volume: its end */
	*arrived = x.arrived;
	return ok ? 0 : -1;
}

/*
 * Where an upload of this image that did not finish can go on (0: from
 * the start): the volume has its size and NAME.part names this image
 * (written before the upload began). The upload writes in order into a
 * volume of zeros, so the PM holds the image's first bytes, then zeros.
 * The volume's allocation tells about where they end, not exactly: it
 * counts whole blocks (libvirt writes 262,120 bytes a message, so a cut
 * upload ends mid-block) and a file system may allocate ahead. So the MiB
 * before it is read back and compared with the file: the upload goes on
 * at the first byte that differs, in whole MiB, if a byte before it that
 * matched is not zero (it arrived, and all before it); if none is (all
 * differs, or zeros on both sides), from further back, twice as far each
 * time. The read-back after the upload checks all. -1: why set.
 */
static int
resume_at(virConnectPtr c, virStorageVolPtr vol, virStorageVolPtr part,
    struct src *s, const char *want, unsigned long long *from, char *why,
    size_t whysz)
{
	virStorageVolInfo info;
	unsigned long long end, lo, at = 0, win;
	char err[512], *line;
	int same, arrived;

	*from = 0;
	if (!(line = vol_read_small(c, part, err, sizeof err)))
		return 0;
	same = !strcmp(line, want);
	free(line);
	if (!same || virStorageVolGetInfo(vol, &info) < 0 ||
	    info.capacity != s->size)
		return 0;
	end = info.allocation < s->size ? info.allocation : s->size;
	for (win = CHUNK; end > 0; win *= 2, end = lo) {
		lo = end > win ? end - win : 0;
		if (first_diff(c, vol, s, lo, end, &at, &arrived, why, whysz) < 0)
			return -1;
		if (arrived || lo == 0)	/* from 0 all of it is compared */
			break;
	}
	*from = at / CHUNK * CHUNK;
	return 0;
}

/* Whether pool has need bytes free for the image; why says what not. */
static int
room(virStoragePoolPtr pool, const char *pname, const struct src *s,
    unsigned long long need, const char *kept, char *why, size_t whysz)
{
	virStoragePoolInfo info;

	if (virStoragePoolGetInfo(pool, &info) < 0) {
		snprintf(why, whysz, "cannot read the free space of storage pool "
		    "%s: %s", pname, lverr());
		return 0;
	}
	if (info.available < need) {
		snprintf(why, whysz, "storage pool %s has %llu MiB free; %s%s "
		    "needs %llu MiB: nothing sent%s", pname, info.available >> 20,
		    *kept ? "the rest of " : "", s->name,
		    (need + (1 << 20) - 1) >> 20, kept);
		return 0;
	}
	return 1;
}

static const char *
image_pm(struct virt *v, const char *node, virConnectPtr c,
    const char *pname, struct src *s, int check, char *why, size_t whysz)
{
	virStoragePoolPtr pool;
	virStorageVolPtr vol = NULL, sum = NULL, part = NULL;
	char *sname = sum_name(s->name), *pmark = xasprintf("%s.part", s->name);
	char *line = NULL, *want, *deps, *path, *text;
	char got[65], sent[65], err[512];
	const char *state = NULL;
	unsigned long long from = 0;

	want = xasprintf("%s  %s", s->hex, s->name);	/* sha256sum -c reads it */
	text = xasprintf("%s\n", want);
	if (!(pool = open_pool(v, c, pname, node, why, whysz)))
		goto out;
	vol = virStorageVolLookupByName(pool, s->name);
	part = virStorageVolLookupByName(pool, pmark);
	if (vol && (sum = virStorageVolLookupByName(pool, sname)))
		line = vol_read_small(c, sum, err, sizeof err);
	if (line && !strcmp(line, want)) {
		if (!check) {
			state = "present";
			goto done;
		}
		if (sum_volume(c, vol, s, node, got, why, whysz) < 0)
			goto done;
		if (!strcmp(got, s->hex)) {
			state = "checked";
			goto done;
		}
		warnx("%s: %s in storage pool %s has sha256 %s, not %s: sending "
		    "it again", node, s->name, pname, got, s->hex);
	} else if (!sum && vol && part) {
		if (resume_at(c, vol, part, s, want, &from, why, whysz) < 0) {
			snprintf(why + strlen(why), whysz - strlen(why),
			    "; what arrived stays");
			goto done;
		}
		if (from) {
			/* the store may have filled up since the upload stopped */
			if (!room(pool, pname, s, s->need > from ? s->need - from :
			    0, "; what arrived stays", why, whysz))
				goto done;
			warnx("%s: %s: resuming the upload at %llu MiB", node,
			    s->name, from >> 20);
			goto send;
		}
	}
	if (vol) {	/* another image, or one whose upload did not finish */
		path = virStorageVolGetPath(vol);
		deps = dependents(pool, path ? path : "");
		free(path);
		if (*deps) {
			snprintf(why, whysz, "%s in storage pool %s is not %s, but "
			    "the disks %s are backed by it: vsp-virt down their VMs "
			    "first", s->name, pname, s->path, deps);
			free(deps);
			goto done;
		}
		free(deps);
	}
	delete_vol(&sum);	/* first: no checksum beside a partial image */
	delete_vol(&vol);
	delete_vol(&part);
	if (!room(pool, pname, s, s->need, "", why, whysz))
		goto done;
	/* the marker first: a rerun resumes only an upload of this image */
	if (!(part = write_small(c, pool, pmark, text, why, whysz)))
		goto done;
	if (!(vol = new_volume(pool, s->name, s->size))) {
		snprintf(why, whysz, "cannot make volume %s in storage pool %s: "
		    "%s", s->name, pname, lverr());
		delete_vol(&part);
		goto done;
	}
send:
	if (upload(c, vol, s, from, node, sent, why, whysz) < 0) {
		snprintf(why + strlen(why), whysz - strlen(why),
		    "; what arrived stays: a rerun resumes the upload");
		goto done;
	}
	run_hook(node, vol);
	if (sum_volume(c, vol, s, node, got, why, whysz) == 0) {
		if (strcmp(sent, s->hex))
			snprintf(why, whysz, "%s changed while it was sent "
			    "(sha256 %s, then %s); the copy on the PM is deleted",
			    s->path, s->hex, sent);
		else if (strcmp(got, s->hex))
			snprintf(why, whysz, "%s arrived corrupted in storage "
			    "pool %s: sha256 %s there, %s here; deleted", s->name,
			    pname, got, s->hex);
	}
	if (why[0]) {
		delete_vol(&vol);
		delete_vol(&part);
		goto done;
	}
	if ((sum = write_small(c, pool, sname, text, why, whysz)))
		state = "sent";
done:
	if (state)	/* complete: no marker of an upload left */
		delete_vol(&part);
	if (part)
		virStorageVolFree(part);
	if (vol)
		virStorageVolFree(vol);
	if (sum)
		virStorageVolFree(sum);
	virStoragePoolFree(pool);
out:
	free(line);
	free(want);
	free(text);
	free(sname);
	free(pmark);
	return state;
}

int
image_send(struct virt *v, const char *file, const char *name, int check,
    struct buf *out)
{
	struct src s = { 0 };
	struct stat st;
	char why[2048];
	size_t i;
	int rc = 0;

	s.path = file;
	s.name = name ? name : v->disk;
	if (!*s.name)
		die(EXIT_USAGE, "%s: vm_disk is empty: name the image with -n",
		    conf_where(&v->conf, "vm_disk"));
	if (!name_ok(s.name) || strlen(s.name) > 200)
		die(EXIT_USAGE, "image name \"%s\" is not a file name "
		    "(A-Z a-z 0-9 . _ -)", s.name);
	if ((s.fd = open(file, O_RDONLY)) < 0 || fstat(s.fd, &st) < 0)
		die(EXIT_USAGE, "%s:", file);
	if (!S_ISREG(st.st_mode))
		die(EXIT_USAGE, "%s: not a regular file", file);
	/* two runs (cron) must not send one image to one PM at once */
	if (flock(s.fd, LOCK_EX | LOCK_NB) < 0)
		die(EXIT_FAIL, "%s: another vsp-virt image is sending it", file);
	s.size = (unsigned long long)st.st_size;
	s.need = (unsigned long long)st.st_blocks * 512;
	if (s.need > s.size)
		s.need = s.size;
	if (hash_file(&s, why, sizeof why) < 0)
		die(EXIT_FAIL, "%s", why);
	init_libvirt();
	domxml_quiet();
	buf_adds(out, "node\turi\tpool\timage\tsha256\tstate\n");
	tsv_flush(out);
	/* one PM at a time: the head node's link is the limit either way */
	for (i = 0; i < v->conf.nnodes && !stop_signal; i++) {
		const char *node = v->conf.nodes[i];
		char *uri = virt_uri(v, node), *pname = virt_pool(v, node);
		virConnectPtr c = pm_connect(v, uri, why, sizeof why);
		const char *state = NULL;

		if (c)
			state = image_pm(v, node, c, pname, &s, check, why,
			    sizeof why);
		if (state) {
			buf_addf(out, "%s\t%s\t%s\t%s\t%s\t%s\n", node, uri, pname,
			    s.name, s.hex, state);
			tsv_flush(out);
		} else {
			warnx("%s: %s on %s: %s", node, s.name, uri, why);
			rc = -1;
		}
		if (c)
			virConnectClose(c);
		free(uri);
		free(pname);
	}
	if (stop_signal) {
		warnx("interrupted (signal %d)", (int)stop_signal);
		rc = -1;
	}
	close(s.fd);
	return rc;
}
