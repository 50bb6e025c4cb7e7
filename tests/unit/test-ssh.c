/* lib/ssh: shell quoting of argv words, ~ expansion, local commands. */
#include <stdlib.h>

#include "buf.h"
#include "shword.h"
#include "ssh.h"
#include "tap.h"

static void
q(char *const argv[], const char *want)
{
	struct buf b = { 0 };

	shword_argv(&b, argv);
	is_buf(&b, want, want);
}

int
main(void)
{
	struct ssh_opts o = { "", 22, "", "/nonexistent", 5 };
	struct buf out = { 0 }, errout = { 0 }, err = { 0 };
	struct ssh *s;
	char *p;

	q((char *[]){ "ls", NULL }, "'ls'");
	q((char *[]){ "echo", "a b", "", NULL }, "'echo' 'a b' ''");
	q((char *[]){ "x", "it's", "$(rm -rf /)", "`id`;|&", NULL },
	    "'x' 'it'\\''s' '$(rm -rf /)' '`id`;|&'");
	setenv("HOME", "/home/u", 1);
	is_str(p = ssh_expand_home("~/.ssh/k"), "/home/u/.ssh/k", "~/ expanded");
	free(p);
	is_str(p = ssh_expand_home("/k~/x"), "/k~/x", "other paths kept");
	free(p);

	/* localhost: no SSH, no known_hosts needed; the script runs in sh. */
	s = ssh_open("localhost", &o, &err);
	ok(s && ssh_is_local(s), "localhost is local");
	is_long(ssh_run(s, "printf '%s|' \"$0\" x; echo e >&2; exit 3", &out,
	    &errout, &err), 3, "exit status of a local script");
	is_str(buf_str(&out), "/bin/sh|x|", "its standard output");
	is_str(buf_str(&errout), "e\n", "its standard error");
	ssh_close(s);
	o.timeout = 1;
	s = ssh_open("localhost", &o, &err);
	is_long(ssh_run(s, "sleep 5", &out, &errout, &err), -1, "timeout");
	is_str(buf_str(&err), "/bin/sh: killed after 1 s", "timeout named");
	ssh_close(s);

	buf_free(&out);
	buf_free(&errout);
	buf_free(&err);
	return done();
}
