/* tools/vsp-gen/xmldef: the parsed experiments, and nothing appended on an error. */
#include <stdlib.h>
#include <unistd.h>

#include "err.h"
#include "xmldef.h"
#include "tap.h"

static char path[] = "/tmp/vsp-test-xmldef.XXXXXX";

int
main(void)
{
	struct xmldef d;
	struct buf out = { 0 }, err = { 0 };
	struct hw hw = { .cores = 12, .sockets = 2, .mem = 24 };
	const struct xmlexp *x;
	char *want;

	tmp_file(path);
	write_file(path, "<s><scenario><experiment name='a&amp;b' trials='2'>\n"
	    "<cluster><topology nc='16' cpv='4'/>\n"
	    "<mapping idf='8' pstrat='split' firstNodeIndex='1'/>\n"
	    "<technology disk='scsi'/></cluster>\n"
	    "<app name='ep' runs='3'><args>\n  x\ty  \n</args></app>\n"
	    "</experiment></scenario></s>\n");
	is_long(xmldef_read(&d, path, &err), 0, "reads");
	is_long((long)d.n, 1, "one experiment");
	x = &d.v[0];
	is_long((long)x->line, 1, "its line");
	is_str(x->name, "a&b", "name with an entity");
	is_long(x->trials, 2, "trials");
	ok(x->rq.nc == 16 && x->rq.cpv == 4 && x->rq.idf == 8 &&
	    x->rq.ps == PS_SPLIT && x->rq.first == 1, "request");
	is_str(x->app, "ep", "app");
	is_long(x->runs, 3, "runs");
	is_str(x->col[XC_ARGS], "x\ty", "args without the blanks around");
	is_str(x->col[XC_PROCPIN], "none", "procpin default");
	is_str(x->col[XC_KNEM], "no", "knem default");
	is_str(x->col[XC_DISK], "scsi", "disk");
	is_str(x->col[XC_NETWORK], "", "network not given");
	is_str(x->col[XC_INFINIBAND], "", "infiniband not given");

	buf_adds(&out, "kept");
	is_long(xmldef_rows(&d, &hw, 2, &out, &err), -1, "2 PMs from PM 1: no");
	want = xasprintf("%s:1: experiment \"a&b\": needs 2 PMs from PM 1 on but "
	    "vsp.nodes lists 2", path);
	is_str(buf_str(&err), want, "why");
	free(want);
	is_str(buf_str(&out), "kept", "nothing appended");
	is_long(xmldef_rows(&d, &hw, 3, &out, &err), 0, "3 PMs: yes");
	is_str(buf_str(&out), "kept"
	    "exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\tname\ttrial\targs\t"
	    "procpin\tknem\tnetwork\tdisk\tinfiniband\n"
	    "ep-nc16-cpv4-idf8-split-first1-argsx_y_c68d5b89-procpinnone-knemno-"
	    "diskscsi-trial1\tep\t16\t4\t8\tSPLIT\t3\t1\ta&b\t1\tx\\ty\tnone\tno"
	    "\t\tscsi\t\n"
	    "ep-nc16-cpv4-idf8-split-first1-argsx_y_c68d5b89-procpinnone-knemno-"
	    "diskscsi-trial2\tep\t16\t4\t8\tSPLIT\t3\t1\ta&b\t2\tx\\ty\tnone\tno"
	    "\t\tscsi\t\n", "rows, one per trial");
	xmldef_free(&d);

	write_file(path, "<s><scenario><experiment name='a' trials='1'>\n<cluster/>"
	    "<app name='ep' runs='1'/>\n</experiment></scenario></s>\n");
	is_long(xmldef_read(&d, path, &err), -1, "an error");
	want = xasprintf("%s:2: <cluster> has no <topology>", path);
	is_str(buf_str(&err), want, "its message");
	free(want);
	ok(d.n == 0 && d.v == NULL && d.path == NULL, "nothing kept");
	xmldef_free(&d);

	unlink(path);
	buf_free(&out);
	buf_free(&err);
	return done();
}
