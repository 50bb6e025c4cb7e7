/* lib/expid: readable, stable, file-name-safe experiment ids. */
#include "buf.h"
#include "expid.h"
#include "tap.h"

static void
base(const char *app, long nc, long cpv, long idf, enum pstrat ps, long first,
    const char *want)
{
	struct request rq = { nc, cpv, idf, ps, first };
	struct buf b = { 0 };

	expid_base(&b, app, &rq);
	is_buf(&b, want, want);
}

static void
extra(const char *name, const char *value, const char *want)
{
	struct buf b = { 0 };

	expid_extra(&b, name, value);
	is_buf(&b, want, want);
}

int
main(void)
{
	struct buf a = { 0 }, b = { 0 };

	base("npb-ep", 24, 2, 4, PS_BAL_ONE, 0, "npb-ep-nc24-cpv2-idf4-bal-one");
	base("ep", 12, 12, 0, PS_BAL_SET, 0, "ep-nc12-cpv12-idf0-bal-set");
	base("ep", 8, 4, -1, PS_NONE, 0, "ep-nc8-cpv4-phys");
	base("ep", 8, 4, -1, PS_NONE, 3, "ep-nc8-cpv4-phys-first3");
	base("ep", 16, 4, 8, PS_GREEDY, 3, "ep-nc16-cpv4-idf8-greedy-first3");
	base("ep", 2, 2, 0, PS_SPLIT, 0, "ep-nc2-cpv2-idf0-split");
	base("ep", 1, 1, 0, PS_NONE, 0, "ep-nc1-cpv1-idf0-none");

	extra("args", "300", "-args300");
	extra("net", "vhost", "-netvhost");
	extra("v", "a.b_c", "-va.b_c");
	/* unsafe bytes and - (the separator) become _, then an FNV-1a hash
	 * of the value (computed independently) keeps ids apart */
	extra("args", "a b", "-argsa_b_10a3f9f2");
	extra("args", "a_b", "-argsa_b");
	extra("args", "a/b", "-argsa_b_3a8e75c1");
	extra("n", "sr-iov", "-nsr_iov_d093c90b");
	extra("n", "", "-n_811c9dc5");

	expid_extra(&a, "x", "a b");
	expid_extra(&b, "x", "a/b");
	ok(strcmp(buf_str(&a), buf_str(&b)) != 0,
	    "values that differ in unsafe bytes give different ids");
	buf_free(&a);
	buf_free(&b);
	return done();
}
