/* lib/conf: what loads, settings and their defaults. Errors end the program
 * and are tested through the tools (tests/03*-conf-*.t). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "tap.h"

static int
tsv_like_key(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static char dir[] = "/tmp/vsp-test-conf.XXXXXX";

static void
put(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	if (!fp || fputs(text, fp) == EOF || fclose(fp))
		die(EXIT_FAIL, "%s: cannot write", p);
	free(p);
}

int
main(void)
{
	struct conf c;
	char *p, *where;
	const struct param_def *d;
	size_t n = 0;

	if (!mkdtemp(dir))
		die(EXIT_FAIL, "mkdtemp");
	put("hardware.params", "[Hardware]\ncores = 16\nsockets = 4\nmem = 64\n");
	put("vsp.nodes", "# PMs\nb\n\na\n");
	put("vsp.params", "# test\nvm_prefix = kvm\nmon = No\n"
	    "mon_interval = 5\nbatch_array = 1\n");
	put("job.pbs", "x\n");

	conf_load(&c, dir);
	is_str(c.dir, dir, "folder");
	is_long(c.hw.cores, 16, "cores");
	is_long(c.hw.sockets, 4, "sockets");
	is_long(c.hw.mem, 64, "mem");
	is_long((long)c.nnodes, 2, "two nodes");
	ok(c.nnodes == 2 && !strcmp(c.nodes[0], "b") && !strcmp(c.nodes[1], "a"),
	    "in file order");
	is_str(conf_get(&c, "vm_prefix"), "kvm", "a setting");
	is_str(conf_get(&c, "vm_name"), "{prefix}-{node}-{slot1}", "a default");
	is_str(conf_get(&c, "batch_queue"), "", "an empty default");
	is_long(conf_long(&c, "mon_interval", 1, 60), 5, "a number");
	is_long(conf_long(&c, "ssh_port", 1, 65535), 22, "a default number");
	is_long(conf_bool(&c, "mon"), 0, "No is no");
	is_long(conf_bool(&c, "batch_array"), 1, "1 is yes");
	is_long(conf_bool(&c, "overcommit"), 0, "default no");
	where = xasprintf("%s/vsp.params:4", dir);
	is_str(conf_where(&c, "mon_interval"), where, "where a setting is");
	free(where);
	is_str(conf_where(&c, "vm_name"), "vsp.params default",
	    "where a default is");
	p = conf_template(&c, "job.pbs");
	where = xasprintf("%s/job.pbs", dir);
	is_str(p, where, "a template of the folder");
	free(p);
	free(where);
	setenv("VSP_SHARE", "/share", 1);
	p = conf_template(&c, "domain.xml");
	is_str(p, "/share/domain.xml", "else the shared one");
	free(p);
	conf_free(&c);

	unsetenv("VSP_CONF");
	is_str(conf_dir("x"), "x", "-C first");
	is_str(conf_dir(NULL), "/etc/vsp", "else /etc/vsp");
	setenv("VSP_CONF", "/env", 1);
	is_str(conf_dir(NULL), "/env", "else $VSP_CONF");
	is_str(conf_dir(""), "/env", "an empty -C is no -C");
	is_str(conf_dir("y"), "y", "-C over $VSP_CONF");

	for (d = param_defs; d->key; d++, n++)
		if (!tsv_like_key(d->key))
			break;
	ok(!d->key && n > 0, "every setting has a plain lower-case name");

	p = xasprintf("%s/vsp.params", dir);
	unlink(p);
	free(p);
	conf_load(&c, dir);
	is_long((long)c.params.n, 0, "vsp.params is optional");
	conf_free(&c);
	for (const char *const *f = (const char *const[]){ "hardware.params",
	    "vsp.nodes", "job.pbs", NULL }; *f; f++) {
		p = xasprintf("%s/%s", dir, *f);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	return done();
}
