/* vsp-virt: VM definitions and life cycle of the virtual clusters. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cmd.h"
#include "err.h"
#include "operand.h"
#include "strv.h"
#include "virt.h"

/* Expands {vm} {exp} {node} {addr} {slot} in a pattern of vsp.params;
 * {addr} is the PM's address in vsp.nodes, else its name. */
char *
virt_expand(const struct virt *v, const char *key, const struct vm *vm)
{
	const char *pattern = conf_get(&v->conf, key);
	struct buf b = { 0 };
	const char *p, *close;

	for (p = pattern; *p; p++) {
		if (*p != '{') {
			buf_addc(&b, *p);
			continue;
		}
		close = strchr(p, '}');
#define IS(name) (close && (size_t)(close - p - 1) == strlen(name) && \
		!strncmp(p + 1, name, strlen(name)))
		if (IS("node"))
			buf_adds(&b, vm->node);
		else if (IS("addr"))
			buf_adds(&b, conf_node_addr(&v->conf, vm->node));
		else if (IS("vm") && vm->name)
			buf_adds(&b, vm->name);
		else if (IS("exp") && vm->exp)
			buf_adds(&b, vm->exp);
		else if (IS("slot") && vm->name)
			buf_addf(&b, "%ld", vm->slot);
		else
			die(EXIT_USAGE, "%s: %s \"%s\" has an unknown placeholder "
			    "(known: %s)", conf_where(&v->conf, key), key, pattern,
			    strcmp(key, "libvirt_uri") && strcmp(key, "repo_pool") ?
			    "{vm} {exp} {node} {addr} {slot}" : "{node} {addr}");
#undef IS
		p = close;
	}
	if (!b.len)
		buf_adds(&b, "");
	return b.s;
}

char *
virt_uri(const struct virt *v, const char *node)
{
	struct vm vm = { 0 };

	vm.node = node;
	return virt_expand(v, "libvirt_uri", &vm);
}

char *
virt_pool(const struct virt *v, const char *node)
{
	struct vm vm = { 0 };

	vm.node = node;
	return virt_expand(v, "repo_pool", &vm);
}

void
virt_load_tmpl(struct virt *v)
{
	char err[2048], *path;

	if (v->have_tmpl)
		return;
	path = conf_template(&v->conf, "domain.xml");
	if (domxml_load(&v->tmpl, path, err, sizeof err) < 0)
		die(EXIT_USAGE, "%s", err);
	free(path);
	v->have_tmpl = 1;
}

static void
load_settings(struct virt *v)
{
	const char *r = conf_get(&v->conf, "vm_ready");
	const char *dm = conf_get(&v->conf, "vm_disk_mode");
	char *end;

	vaddr_load(&v->addr, &v->conf);
	v->uri_tmpl = conf_get(&v->conf, "libvirt_uri");
	v->overcommit = conf_bool(&v->conf, "overcommit");
	v->ready_timeout = conf_long(&v->conf, "vm_ready_timeout", 0, 86400);
	v->shutdown_timeout = conf_long(&v->conf, "vm_shutdown_timeout", 0,
	    86400);
	v->libvirt_timeout = conf_long(&v->conf, "libvirt_timeout", 1, 3600);
	v->console_log = conf_get(&v->conf, "vm_console_log");
	v->disk = conf_get(&v->conf, "vm_disk");
	if (!strcmp(dm, "overlay"))
		v->disk_mode = DISK_OVERLAY;
	else if (!strcmp(dm, "copy"))
		v->disk_mode = DISK_COPY;
	else if (!strcmp(dm, "shared"))
		v->disk_mode = DISK_SHARED;
	else if (!strcmp(dm, "fixed"))
		v->disk_mode = DISK_FIXED;
	else
		die(EXIT_USAGE, "%s: vm_disk_mode \"%s\" is not overlay, copy, "
		    "shared or fixed", conf_where(&v->conf, "vm_disk_mode"), dm);
	if (strspn(conf_get(&v->conf, "xml_disk_drivertype"),
	    "abcdefghijklmnopqrstuvwxyz0123456789") !=
	    strlen(conf_get(&v->conf, "xml_disk_drivertype")) ||
	    !*conf_get(&v->conf, "xml_disk_drivertype"))
		die(EXIT_USAGE, "%s: xml_disk_drivertype \"%s\" is not a format "
		    "name (raw, qcow2, ...)", conf_where(&v->conf,
		    "xml_disk_drivertype"), conf_get(&v->conf, "xml_disk_drivertype"));
	if (*v->disk && !name_ok(v->disk))
		die(EXIT_USAGE, "%s: vm_disk \"%s\" is not a file name "
		    "(A-Z a-z 0-9 . _ -)", conf_where(&v->conf, "vm_disk"), v->disk);
	if ((v->ib = conf_bool(&v->conf, "vm_infiniband")))
		need_ib(v);	/* an error before any row */
	if (!strcmp(r, "running"))
		v->ready = READY_RUNNING;
	else if (!strncmp(r, "tcp:", 4)) {
		v->ready = READY_TCP;
		errno = 0;
		v->ready_port = strtol(r + 4, &end, 10);
		if (!isdigit((unsigned char)r[4]) || *end || errno ||
		    v->ready_port < 1 || v->ready_port > 65535)
			die(EXIT_USAGE, "%s: vm_ready \"%s\" needs a port 1-65535",
			    conf_where(&v->conf, "vm_ready"), r);
	} else if (!strncmp(r, "console:", 8) && r[8]) {
		v->ready = READY_CONSOLE;
		v->ready_marker = r + 8;
		if (!*v->console_log)
			die(EXIT_USAGE, "%s: vm_ready \"%s\" needs vm_console_log",
			    conf_where(&v->conf, "vm_ready"), r);
	} else if (!strcmp(r, "ssh")) {
		v->ready = READY_SSH;
		v->ssh.user = conf_get(&v->conf, "ssh_user");
		v->ssh.port = conf_long(&v->conf, "ssh_port", 1, 65535);
		v->ssh.key = conf_get(&v->conf, "ssh_key");
		v->ssh.known_hosts = conf_get(&v->conf, "vm_known_hosts");
		if (!*v->ssh.known_hosts)
			v->ssh.known_hosts = conf_get(&v->conf, "ssh_known_hosts");
		v->ssh.timeout = conf_long(&v->conf, "ssh_timeout", 1, 3600);
		if (ssh_lib_init() < 0)	/* before the threads of up */
			die(EXIT_FAIL, "libssh2 initialization failed");
	} else
		die(EXIT_USAGE, "%s: vm_ready \"%s\" is not running, tcp:PORT, "
		    "console:MARKER or ssh", conf_where(&v->conf, "vm_ready"), r);
	/* a bad placeholder is an error before any row is read */
	free(virt_uri(v, "node"));
	free(virt_pool(v, "node"));
	{
		struct vm vm = { 0 };

		vm.node = vm.name = vm.exp = "x";
		if (*v->console_log)
			free(virt_expand(v, "vm_console_log", &vm));
		free(virt_expand(v, "vm_cmdline", &vm));
	}
}

void
write_file(const char *path, const char *data, size_t len)
{
	struct buf err = { 0 };

	if (atomic_write(path, data, len, 0666, &err) < 0)
		die(EXIT_FAIL, "%s", err.s);
}

static void
mkdir_p(const char *dir)
{
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		die(EXIT_FAIL, "%s:", dir);
}

/* The files of the experiment xml -o is writing: an exit before it is
 * whole removes them (and its folder, if made now), so none stay behind. */
static struct {
	char **paths;
	size_t n;
	char *dir;
} partial;

static void
partial_remove(void)
{
	size_t i;

	for (i = 0; i < partial.n; i++)
		unlink(partial.paths[i]);
	if (partial.dir)
		rmdir(partial.dir);
}

static void
partial_forget(void)
{
	strv_free(partial.paths, partial.n);
	free(partial.dir);
	memset(&partial, 0, sizeof partial);
}

static void
xml_files(const char *outdir, const struct vm *vms, size_t n)
{
	static int registered;
	char *dir = NULL, *path;
	size_t i;

	if (!registered++)
		atexit(partial_remove);
	for (i = 0; i < n; i++) {
		if (vms[i].physical)
			continue;
		if (!dir) {
			dir = xasprintf("%s/%s", outdir, vms[i].exp);
			if (mkdir(dir, 0777) == 0)
				partial.dir = xstrdup(dir);
			else if (errno != EEXIST)
				die(EXIT_FAIL, "%s:", dir);
		}
		path = xasprintf("%s/%s.xml", dir, vms[i].name);
		partial.paths = xreallocarray(partial.paths, partial.n + 1,
		    sizeof *partial.paths);
		partial.paths[partial.n++] = path;
		write_file(path, vms[i].xml, strlen(vms[i].xml));
	}
	partial_forget();
	free(dir);
}

typedef int life_fn(struct virt *, struct vm *, size_t, const char *);

/* up and down (life), xml (life NULL): one experiment (a group of rows) at
 * a time. */
static int
stream(struct virt *v, life_fn *life, FILE *fp, const char *name,
    const char *outdir)
{
	struct tsv_reader r;
	struct tsv_group g = { 0 };
	struct tsv_out o;
	struct buf out = { 0 };
	struct cols c;
	struct vm *vms = NULL;
	size_t ouri = 0, ouuid = 0, ostate = 0, oaddr = 0, i;
	int rc, failed = 0, full = life != life_down, keep_addr = 0;

	if (tsv_open(&r, fp, name) < 0)
		tsv_die(&r);
	c.exp = tsv_need(&r, "exp");
	c.vm = tsv_need(&r, "vm");
	c.node = tsv_need(&r, "node");
	c.slot = full ? tsv_need(&r, "slot") : tsv_col(&r, "slot");
	c.vcpus = full ? tsv_need(&r, "vcpus") : tsv_col(&r, "vcpus");
	c.pin = full ? tsv_need(&r, "pin") : tsv_col(&r, "pin");
	c.uuid = life == life_down ? tsv_col(&r, "uuid") : -1;
	tsv_out_init(&o, &r);
	if (life) {
		ouri = tsv_out_col(&o, "uri");
		ouuid = tsv_out_col(&o, "uuid");
		ostate = tsv_out_col(&o, "state");
		/* down keeps the addr that up wrote */
		keep_addr = life == life_down && tsv_col(&r, "addr") >= 0;
		if (!keep_addr)
			oaddr = tsv_out_col(&o, "addr");
		tsv_out_header(&o, &out);
		tsv_flush(&out);
	}
	if (outdir)
		mkdir_p(outdir);
	while ((rc = tsv_next_group(&r, c.exp, &g)) > 0) {
		vms = xreallocarray(vms, g.n, sizeof *vms);
		vms_read(v, &r, &c, &g, vms, full);
		if (!life) {
			if (outdir)
				xml_files(outdir, vms, g.n);
			for (i = 0; !outdir && i < g.n; i++)
				if (!vms[i].physical)
					buf_adds(&out, vms[i].xml);
			tsv_flush(&out);
			vms_free(vms, g.n);
			continue;
		}
		if (life(v, vms, g.n, r.name) < 0) {
			failed = 1;
			vms_free(vms, g.n);
			if (life == life_up)
				break;	/* later experiments would run on a mess */
			continue;
		}
		for (i = 0; i < g.n; i++) {
			struct vm *vm = &vms[i];

			tsv_out_set(&o, ouri, vm->physical ? "" : vm->uri);
			tsv_out_set(&o, ouuid, vm->physical ? "" : vm->uuid);
			tsv_out_set(&o, ostate, vm->physical ? "physical" :
			    vm->state);
			if (!keep_addr)
				tsv_out_set(&o, oaddr, vm->physical ?
				    conf_node_addr(&v->conf, vm->node) : vm->addr);
			tsv_out_row(&o, vm->f, &out);
		}
		tsv_flush(&out);
		vms_free(vms, g.n);
	}
	if (rc < 0)
		tsv_die(&r);
	free(vms);
	tsv_group_free(&g);
	tsv_out_free(&o);
	tsv_close(&r);
	buf_free(&out);
	return failed ? EXIT_FAIL : 0;
}

/* What a subcommand works with. */
struct run {
	struct virt v;
	struct buf out;
	FILE *fp;
	const char *name, *outdir;
	int define;
	const char *vol;	/* image -n */
	int check;		/* image -c */
};

static int
do_up(void *x)
{
	struct run *r = x;

	return stream(&r->v, life_up, r->fp, r->name, NULL);
}

static int
do_down(void *x)
{
	struct run *r = x;

	return stream(&r->v, life_down, r->fp, r->name, NULL);
}

static int
do_xml(void *x)
{
	struct run *r = x;

	return stream(&r->v, NULL, r->fp, r->name, r->outdir);
}

static int
do_ls(void *x)
{
	struct run *r = x;

	return life_ls(&r->v, &r->out) < 0 ? EXIT_FAIL : 0;
}

static int
do_hosts(void *x)
{
	struct run *r = x;

	net_hosts(&r->v, &r->out);
	return 0;
}

static int
do_dhcp(void *x)
{
	struct run *r = x;

	net_dhcp(&r->v, &r->out);
	return 0;
}

static int
do_net(void *x)
{
	struct run *r = x;

	if (r->define)
		return net_define(&r->v, &r->out) < 0 ? EXIT_FAIL : 0;
	net_networks(&r->v, r->outdir, &r->out);
	return 0;
}

static int
do_image(void *x)
{
	struct run *r = x;

	return image_send(&r->v, r->name, r->vol, r->check, &r->out) < 0 ?
	    EXIT_FAIL : 0;
}

static const struct cmd_opt o_xml[] = { { 'C', "dir" }, { 'o', "dir" },
    { 0, NULL } };
static const struct cmd_opt o_net[] = { { 'C', "dir" }, { 'o', "dir" },
    { 'd', NULL }, { 0, NULL } };
static const struct cmd_opt o_image[] = { { 'C', "dir" }, { 'c', NULL },
    { 'n', "value" }, { 0, NULL } };

static const struct cmd cmds[] = {
	CMD_FILTER("up", do_up),
	CMD_FILTER("down", do_down),
	{ "xml", o_xml, "xml [-C dir] [-o dir] [file]", 1, do_xml },
	{ "ls", cmd_conf, "ls [-C dir]", 0, do_ls },
	{ "hosts", cmd_conf, "hosts | dhcp [-C dir]", 0, do_hosts },
	{ "dhcp", cmd_conf, NULL, 0, do_dhcp },
	{ "net", o_net, "net [-C dir] [-o dir | -d]", 0, do_net },
	{ "image", o_image, "image [-C dir] [-c] [-n name] file", 1, do_image },
	{ NULL, NULL, NULL, 0, NULL }
};

int
main(int argc, char **argv)
{
	struct run r = { 0 };
	const struct cmd *c;
	const char *opt[CMD_OPTS] = { 0 };
	int rc;

	c = cmd_parse(cmds, &argc, &argv, opt);
	r.define = opt['d'] != NULL;
	r.outdir = opt['o'];
	r.check = opt['c'] != NULL;
	r.vol = opt['n'];
	if ((r.define && r.outdir) || (c->fn == do_image && argc != 1))
		cmd_usage(cmds);
	/* image reads its file itself (size, holes, a lock) */
	r.fp = c->fn == do_image ? NULL : operand_open(argv[0]);
	r.name = c->fn == do_image ? argv[0] : operand_name(argv[0]);
	conf_load(&r.v.conf, conf_dir(opt['C']));
	load_settings(&r.v);
	rc = c->fn(&r);
	fini_libvirt();
	tsv_flush(&r.out);
	buf_free(&r.out);
	if (r.fp)
		operand_close(r.fp);
	if (r.v.have_tmpl)
		domxml_free(&r.v.tmpl);
	vaddr_free(&r.v.addr);
	conf_free(&r.v.conf);
	return rc;
}
