#!/bin/bash
# Every stage of vsp-sweep's pipelines is checked: a vsp-virt ls that
# cannot reach a PM stops the sweep before anything runs (issue 11, item 3).
# tier: real (a whole sweep)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE -r 1"
sed -i "s|^libvirt_uri = .*|libvirt_uri = qemu+unix:///system?socket=$d/no-such-socket|" "$d/conf/vsp.params"
sweep "$d"
is "$?" 2 "the sweep fails"
is "$(grep '^vsp-sweep' "$d/make.out")" \
	"vsp-sweep: could not list the VMs an earlier run left behind" \
	"  at once, saying why"
is "$(ls "$d/results/t" 2>/dev/null)" "" "  before any experiment"
done_testing
