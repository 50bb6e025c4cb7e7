#!/bin/bash
# A fresh machine: the Makefile asks pkg-config nothing before `deps` has
# run, and tools run from the build tree find the tree's templates.
. "$(dirname "$0")/lib.sh"

# A pkg-config that records every call; -dev packages' .pc files hidden.
mkdir "$tmp/probe"
cat >"$tmp/probe/pkg-config" <<PROBE
#!/bin/sh
echo "\$*" >>"$tmp/pkg-config.calls"
exit 1
PROBE
chmod +x "$tmp/probe/pkg-config"
probe() { PATH="$tmp/probe:$PATH" PKG_CONFIG_PATH=/nonexistent PKG_CONFIG_LIBDIR=/nonexistent "$@"; }

run probe make -n -C "$top" deps
is "$rc" 0 "make -n deps works without pkg-config"
is "$(cat "$tmp/pkg-config.calls" 2>/dev/null)" "" "make -n deps calls no pkg-config"
run probe make -n -C "$top" clean
is "$(cat "$tmp/pkg-config.calls" 2>/dev/null)" "" "parsing the Makefile calls no pkg-config"
run probe make -n -C "$top" -W lib/conf.c all
is "$(grep -c -- '--cflags libvirt libxml-2.0 libssh2' "$tmp/pkg-config.calls" 2>/dev/null)" 1 \
	"a build asks pkg-config once per name (and the probe sees it)"

# With deps among the goals, every object waits for it.
run make -pn -C "$top" deps all
is "$(printf '%s\n' "$out" | grep -c '^\.build-flags: FORCE | deps$')" 1 "the flags stamp waits for deps"

# bin/vsp-virt without VSP_SHARE and without make install.
conf=$top/share/examples/conf
vsp-gen -C "$conf" -a cpubench -n 2 -c 1 | vsp-place -C "$conf" >"$tmp/vms.tsv"
run env -u VSP_SHARE "$top/bin/vsp-virt" xml -C "$conf" <"$tmp/vms.tsv"
is "$rc: $err" "0: " "vsp-virt xml from the build tree finds domain.xml"
is "$(printf '%s\n' "$out" | grep -c '<domain type=')" "$(($(wc -l <"$tmp/vms.tsv") - 1))" "one domain per VM"
done_testing
