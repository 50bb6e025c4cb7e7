/* lib/vmname: the vm_name pattern. */
#include <string.h>

#include "buf.h"
#include "vmname.h"
#include "tap.h"

static const struct vmname_vars vars = {
	"kvm", "ep-nc16-cpv4-idf8-bal-one", "ep", "node082", 0, 1
};

static void
good(const char *pattern, const struct vmname_vars *v, const char *want)
{
	struct buf b = { 0 };
	char err[256];

	buf_adds(&b, "x:");
	if (ok(vmname(&b, pattern, v, err, sizeof err) == 0, pattern))
		is_str(buf_str(&b), want, pattern);
	else
		printf("# %s\n", err);
	buf_free(&b);
}

static void
bad(const char *pattern, const struct vmname_vars *v, const char *want)
{
	struct buf b = { 0 };
	char err[512];

	if (ok(vmname(&b, pattern, v, err, sizeof err) == -1, pattern))
		is_str(err, want, pattern);
	buf_free(&b);
}

/* The template filled in for a slot gives what vmname gives. */
static void
filled(const char *pattern, long slot)
{
	struct vmname_vars v = vars;
	struct buf t = { 0 }, want = { 0 };
	char err[256], out[256];
	size_t n;

	v.slot = slot;
	vmname(&want, pattern, &v, err, sizeof err);
	if (ok(vmname_template(&t, pattern, &v, err, sizeof err) == 0, pattern)) {
		n = vmname_fill(out, t.s, t.len, slot);
		out[n] = '\0';
		is_str(out, buf_str(&want), pattern);
	}
	buf_free(&t);
	buf_free(&want);
}

int
main(void)
{
	struct vmname_vars v = vars;

	good("{prefix}-{node}-{slot1}", &vars, "x:kvm-node082-02");
	good("{prefix}-pbs{suffix}-{slot1}", &vars, "x:kvm-pbs082-02");
	good("{exp}.{slot}", &vars, "x:ep-nc16-cpv4-idf8-bal-one.1");
	good("{app}_{index}", &vars, "x:ep_0");
	good("plain", &vars, "x:plain");
	v.slot = 99;
	v.index = 11;
	good("{node}-{slot1}-{index}", &v, "x:node082-100-11");
	v.node = "head";
	good("vm{suffix}-{slot}", &v, "x:vm-99");
	bad("{prefix}-{nodes}", &vars, "vm_name \"{prefix}-{nodes}\" has an "
	    "unknown placeholder (known: {prefix} {exp} {app} {node} {suffix} "
	    "{index} {slot} {slot1})");
	bad("{prefix", &vars, "vm_name \"{prefix\" has an unknown placeholder "
	    "(known: {prefix} {exp} {app} {node} {suffix} {index} {slot} {slot1})");
	bad("", &vars, "vm_name \"\" gives an empty name");
	v = vars;
	v.prefix = "";
	bad("{prefix}", &v, "vm_name \"{prefix}\" gives an empty name");
	bad("{prefix} {slot}", &vars, "vm name \"kvm 1\" has a character other "
	    "than A-Z a-z 0-9 . _ -");
	bad("a/b", &vars, "vm name \"a/b\" has a character other than A-Z a-z "
	    "0-9 . _ -");
	{
		static char big[1 << 20];

		memset(big, 'p', sizeof big - 1);
		v = vars;
		v.prefix = big;
		bad("{prefix}-{slot}", &v, "vm name \"pppppppppppppppppppppppppppp"
		    "pppppppppppp...\" is longer than 255 characters");
	}
	filled("{prefix}-{node}-{slot1}", 1);
	filled("{prefix}-{node}-{slot1}", 8);
	filled("{prefix}-{node}-{slot1}", 123);
	filled("{slot}x{slot1}{slot}", 0);
	filled("{exp}.{slot}", 40);
	filled("plain", 3);
	{
		struct buf b = { 0 };
		char err[256];

		v = vars;
		v.node = "n\001";
		ok(vmname_template(&b, "{node}-{slot}", &v, err, sizeof err) == -1,
		    "a mark byte in a value is not a placeholder's");
		buf_free(&b);
		buf_adds(&b, "=");
		buf_addlong(&b, 0);
		buf_addc(&b, ' ');
		buf_addlong(&b, -42);
		buf_addc(&b, ' ');
		buf_addlong(&b, 9223372036854775807L);
		is_str(buf_str(&b), "=0 -42 9223372036854775807", "buf_addlong");
		buf_free(&b);
	}
	return done();
}
