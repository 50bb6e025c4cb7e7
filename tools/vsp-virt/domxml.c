#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "domxml.h"
#include "err.h"

#define X(s) ((const xmlChar *)(s))

/* Top-level order libvirt writes; new elements are inserted to keep it. */
static const char *const top_order[] = { "name", "uuid", "metadata",
	"memory", "currentMemory", "vcpu", "cputune", "cpu", "sysinfo", "os",
	NULL };

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, X(name));
}

static xmlNode *
child(xmlNode *parent, const char *name)
{
	xmlNode *n;

	for (n = parent->children; n; n = n->next)
		if (is_elem(n, name))
			return n;
	return NULL;
}

static int
order_of(const xmlChar *name)
{
	int i;

	for (i = 0; top_order[i]; i++)
		if (!xmlStrcmp(name, X(top_order[i])))
			return i;
	return 1000;
}

/* The child element name of parent, made if missing (in libvirt's order). */
static xmlNode *
need(xmlNode *parent, const char *name)
{
	xmlNode *n = child(parent, name), *sib;
	int rank = order_of(X(name));

	if (n)
		return n;
	n = xmlNewNode(NULL, X(name));
	if (rank < 1000)	/* after the last element it follows in order */
		for (sib = parent->last; sib; sib = sib->prev)
			if (sib->type == XML_ELEMENT_NODE &&
			    order_of(sib->name) <= rank)
				return xmlAddNextSibling(sib, n);
	if (rank < 1000 && parent->children)
		return xmlAddPrevSibling(parent->children, n);
	return xmlAddChild(parent, n);
}

static void
set_text(xmlNode *n, const char *text)
{
	xmlNode *c;

	while ((c = n->children)) {
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	xmlAddChild(n, xmlNewText(X(text)));
}

static void
set_long(xmlNode *n, long v)
{
	char s[32];

	snprintf(s, sizeof s, "%ld", v);
	set_text(n, s);
}

static void
set_prop_long(xmlNode *n, const char *name, long v)
{
	char s[32];

	snprintf(s, sizeof s, "%ld", v);
	xmlSetProp(n, X(name), X(s));
}

static void
drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static void
drop_all(xmlNode *parent, const char *name)
{
	xmlNode *n, *next;

	for (n = parent->children; n; n = next) {
		next = n->next;
		if (is_elem(n, name))
			drop(n);
	}
}

static int
has_elements(const xmlNode *n)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

int
domxml_load(struct domtmpl *t, const char *path, char *err, size_t errsz)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;
	xmlNode *root;
	const char *what = NULL;

	struct buf text = { 0 };
	FILE *fp;

	memset(t, 0, sizeof *t);
	if (!ctxt)
		die(EXIT_FAIL, "out of memory");
	/* read here: libxml2 would print its own I/O message to stderr */
	if (!(fp = fopen(path, "r"))) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	if (buf_read(&text, fp, 0) < 0) {
		snprintf(err, errsz, "%s: read error", path);
		fclose(fp);
		buf_free(&text);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	fclose(fp);
	if (text.len > INT_MAX)
		die(EXIT_USAGE, "%s: too big for a template", path);
	doc = xmlCtxtReadMemory(ctxt, buf_str(&text), (int)text.len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	buf_free(&text);
	if (!doc) {
		xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
		size_t n;

		if (!e || !e->message)
			snprintf(err, errsz, "%s: cannot read", path);
		else if (e->line > 0)
			snprintf(err, errsz, "%s:%d: %s", path, e->line, e->message);
		else
			snprintf(err, errsz, "%s: %s", path, e->message);
		n = strlen(err);
		while (n && err[n - 1] == '\n')
			err[--n] = '\0';
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	xmlFreeParserCtxt(ctxt);
	root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, "domain"))
		what = "the root element is not <domain>";
	else if (!child(root, "os"))
		what = "<domain> has no <os> element";
	else if (!child(root, "devices"))
		what = "<domain> has no <devices> element";
	if (what) {
		snprintf(err, errsz, "%s:%d: %s", path,
		    root ? (int)xmlGetLineNo(root) : 1, what);
		xmlFreeDoc(doc);
		return -1;
	}
	t->doc = doc;
	t->path = xstrdup(path);
	return 0;
}

void
domxml_free(struct domtmpl *t)
{
	if (t->doc)
		xmlFreeDoc(t->doc);
	free(t->path);
	memset(t, 0, sizeof *t);
}

static void
set_pins(xmlNode *root, const char *pin)
{
	xmlNode *tune = child(root, "cputune"), *p;
	const char *s, *e;
	long j = 0;

	if (tune)
		drop_all(tune, "vcpupin");
	if (!*pin) {
		if (tune && !has_elements(tune))
			drop(tune);
		return;
	}
	tune = need(root, "cputune");
	for (s = pin;; s = e + 1, j++) {
		char *set;

		e = strchr(s, ';');
		set = xstrndup(s, e ? (size_t)(e - s) : strlen(s));
		p = xmlNewNode(NULL, X("vcpupin"));
		set_prop_long(p, "vcpu", j);
		xmlSetProp(p, X("cpuset"), X(set));
		free(set);
		/* vcpupin comes first inside cputune, in vcpu order */
		if (tune->children && j == 0)
			xmlAddPrevSibling(tune->children, p);
		else if (j == 0)
			xmlAddChild(tune, p);
		else {
			xmlNode *last = tune->children;

			while (last->next && is_elem(last->next, "vcpupin"))
				last = last->next;
			xmlAddNextSibling(last, p);
		}
		if (!e)
			break;
	}
}

static void
set_disk(xmlNode *devices, const struct domspec *s)
{
	xmlNode *d, *n;

	for (d = devices->children; d; d = d->next)
		if (is_elem(d, "disk")) {
			xmlChar *dev = xmlGetProp(d, X("device"));
			int ok = !dev || !xmlStrcmp(dev, X("disk"));

			xmlFree(dev);
			if (ok)
				break;
		}
	if (!d)
		return;	/* a template without a disk (direct kernel boot) */
	if (!s->disk) {
		drop(d);
		return;
	}
	xmlSetProp(d, X("type"), X(s->disk_pool ? "volume" : "file"));
	n = need(d, "driver");
	if (!xmlHasProp(n, X("name")))
		xmlSetProp(n, X("name"), X("qemu"));
	xmlSetProp(n, X("type"), X(s->disk_type));
	n = need(d, "source");
	if (s->disk_pool) {
		xmlUnsetProp(n, X("file"));
		xmlSetProp(n, X("pool"), X(s->disk_pool));
		xmlSetProp(n, X("volume"), X(s->disk));
	} else
		xmlSetProp(n, X("file"), X(s->disk));
	n = need(d, "target");
	xmlSetProp(n, X("dev"), X(s->disk_dev));
	xmlSetProp(n, X("bus"), X(s->disk_bus));
	if (s->disk_readonly)
		need(d, "readonly");
}

/* SMBIOS: the guest reads its name from dmidecode -s system-serial-number. */
static void
set_sysinfo(xmlNode *root, const char *serial)
{
	xmlNode *si, *n;

	drop_all(root, "sysinfo");
	si = need(root, "sysinfo");
	xmlSetProp(si, X("type"), X("smbios"));
	n = xmlNewTextChild(xmlNewChild(si, NULL, X("system"), NULL), NULL,
	    X("entry"), X(serial));
	xmlSetProp(n, X("name"), X("serial"));
	xmlSetProp(need(need(root, "os"), "smbios"), X("mode"), X("sysinfo"));
}

/* Direct kernel boot: <os> gets kernel, initrd and cmdline, loses <boot>. */
static void
set_kernel(xmlNode *os, const struct domspec *s)
{
	drop_all(os, "boot");
	set_text(need(os, "kernel"), s->kernel);
	drop_all(os, "initrd");
	if (s->initrd && *s->initrd)
		set_text(need(os, "initrd"), s->initrd);
	drop_all(os, "cmdline");
	if (s->cmdline && *s->cmdline)
		set_text(need(os, "cmdline"), s->cmdline);
}

static void
set_net(xmlNode *devices, const struct domnet *net)
{
	xmlNode *i = child(devices, "interface"), *n, *next;

	if (!net->network) {
		drop_all(devices, "interface");
		return;
	}
	if (!i)
		i = xmlAddChild(devices, xmlNewNode(NULL, X("interface")));
	xmlSetProp(i, X("type"), X("network"));
	for (n = i->children; n; n = next) {	/* vsp owns these children */
		next = n->next;
		if (is_elem(n, "source") || is_elem(n, "mac") ||
		    is_elem(n, "model") || is_elem(n, "driver"))
			drop(n);
	}
	n = xmlNewChild(i, NULL, X("source"), NULL);
	xmlSetProp(n, X("network"), X(net->network));
	n = xmlNewChild(i, NULL, X("mac"), NULL);
	xmlSetProp(n, X("address"), X(net->mac));
	if (net->virtio) {
		n = xmlNewChild(i, NULL, X("model"), NULL);
		xmlSetProp(n, X("type"), X("virtio"));
	}
	if (net->driver) {
		n = xmlNewChild(i, NULL, X("driver"), NULL);
		xmlSetProp(n, X("name"), X(net->driver));
	}
}

static void
set_console(xmlNode *devices, const char *path)
{
	xmlNode *s = child(devices, "serial"), *n, *next;

	if (!s) {
		s = xmlAddChild(devices, xmlNewNode(NULL, X("serial")));
		n = xmlNewChild(s, NULL, X("target"), NULL);
		xmlSetProp(n, X("port"), X("0"));
	}
	xmlSetProp(s, X("type"), X("file"));
	for (n = s->children; n; n = next) {
		next = n->next;
		if (is_elem(n, "source"))
			drop(n);
	}
	n = xmlNewNode(NULL, X("source"));
	xmlSetProp(n, X("path"), X(path));
	if (s->children)
		xmlAddPrevSibling(s->children, n);
	else
		xmlAddChild(s, n);
}

static void
set_vf(xmlNode *devices, const struct domspec *s)
{
	xmlNode *h = xmlNewChild(devices, NULL, X("hostdev"), NULL), *n;
	char v[16];

	xmlSetProp(h, X("mode"), X("subsystem"));
	xmlSetProp(h, X("type"), X("pci"));
	xmlSetProp(h, X("managed"), X("yes"));
	n = xmlNewChild(xmlNewChild(h, NULL, X("source"), NULL), NULL,
	    X("address"), NULL);
	xmlSetProp(n, X("domain"), X("0x0000"));
	snprintf(v, sizeof v, "0x%02x", s->vf_bus);
	xmlSetProp(n, X("bus"), X(v));
	snprintf(v, sizeof v, "0x%02x", s->vf_slot);
	xmlSetProp(n, X("slot"), X(v));
	snprintf(v, sizeof v, "0x%x", s->vf_function);
	xmlSetProp(n, X("function"), X(v));
}

static void
set_meta(xmlNode *root, const struct domspec *s)
{
	xmlNode *meta = need(root, "metadata"), *n, *next, *vm;
	xmlNs *ns;
	size_t i;

	for (n = meta->children; n; n = next) {
		next = n->next;
		if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		    !xmlStrcmp(n->ns->href, X(DOMXML_NS)))
			drop(n);
	}
	vm = xmlNewChild(meta, NULL, X("vm"), NULL);
	ns = xmlNewNs(vm, X(DOMXML_NS), X(DOMXML_NS_PREFIX));
	xmlSetNs(vm, ns);
	for (i = 0; i < s->nmeta; i++)
		xmlNewTextChild(vm, ns, X(s->meta_keys[i]), X(s->meta_vals[i]));
}

void
domxml_dump(void *doc, void *node, struct buf *out)
{
	xmlBufferPtr xb = xmlBufferCreate();

	if (!xb)
		die(EXIT_FAIL, "out of memory");
	xmlNodeDump(xb, doc, node, 0, 1);
	buf_add(out, (const char *)xmlBufferContent(xb),
	    (size_t)xmlBufferLength(xb));
	buf_addc(out, '\n');
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
}

void
domxml_build(const struct domtmpl *t, const struct domspec *s,
    struct buf *out)
{
	xmlDocPtr doc = xmlCopyDoc(t->doc, 1);
	xmlNode *root, *n, *devices;

	if (!doc)
		die(EXIT_FAIL, "out of memory");
	root = xmlDocGetRootElement(doc);
	xmlSetProp(root, X("type"), X(s->type));
	set_text(need(root, "name"), s->name);
	set_text(need(root, "uuid"), s->uuid);
	set_meta(root, s);
	n = need(root, "memory");
	xmlSetProp(n, X("unit"), X("KiB"));
	set_long(n, s->mem_kib);
	if ((n = child(root, "currentMemory"))) {
		xmlSetProp(n, X("unit"), X("KiB"));
		set_long(n, s->mem_kib);
	}
	set_long(need(root, "vcpu"), s->vcpus);
	set_pins(root, s->pin);
	n = need(need(root, "cpu"), "topology");
	set_prop_long(n, "sockets", s->sockets);
	set_prop_long(n, "dies", 1);
	set_prop_long(n, "cores", s->cores);
	set_prop_long(n, "threads", 1);
	if (s->serial)
		set_sysinfo(root, s->serial);
	if (s->kernel && *s->kernel)
		set_kernel(need(root, "os"), s);
	devices = child(root, "devices");
	set_disk(devices, s);
	set_net(devices, &s->net);
	if (s->console_log)
		set_console(devices, s->console_log);
	if (s->vf)
		set_vf(devices, s);
	domxml_dump(doc, root, out);
}

int
domxml_meta_each(const char *xml,
    void (*fn)(void *arg, const char *key, const char *val), void *arg)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "metadata.xml",
	    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *root, *n;

	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	/* libvirt hands the element back without its namespace */
	if (!root || !is_elem(root, "vm") || (root->ns && root->ns->href &&
	    xmlStrcmp(root->ns->href, X(DOMXML_NS)))) {
		xmlFreeDoc(doc);
		return -1;
	}
	for (n = root->children; n; n = n->next) {
		xmlChar *v;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = xmlNodeGetContent(n);
		fn(arg, (const char *)n->name, v ? (const char *)v : "");
		xmlFree(v);
	}
	xmlFreeDoc(doc);
	return 0;
}

static void
xml_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

void
domxml_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, xml_quiet);
}

void
domxml_init(void)
{
	xmlInitParser();
}
