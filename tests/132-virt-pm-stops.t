#!/bin/bash
# tier: real
# A PM whose libvirtd stops answering after vsp-virt connected (SIGSTOP:
# a hung daemon, a dead link): libvirt's keepalive closes the connection
# within about libvirt_timeout seconds, so up fails that PM with a message
# and rolls back what it can, instead of hanging on its next call.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-libvirtd.sh"
. "$top/tests/lib-tinyvm.sh"
cont() { [ -n "${lpid:-}" ] && kill -CONT "$lpid" 2>/dev/null; }
trap 'cont; libvirtd_stop; rm_tmp' EXIT
libvirtd_start
tinyvm_build "$tmp" || { echo "Bail out! no cloud kernel to boot a VM"; exit 1; }
lpid=$(cat "$tmp/libvirt/libvirtd.pid")

prefix=vspk$$
conf=$tmp/conf
tinyvm_conf "$conf" qemu:///system 1
cat >>"$conf/vsp.params" <<PARAMS
libvirt_timeout = 5
vm_ready = console:never-printed
vm_ready_timeout = 20
vm_shutdown_timeout = 0
PARAMS
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nk\tk\t1\t1\t0\tNONE\t1\t0\n' |
	vsp-place -C "$conf" >"$tmp/vms.tsv"

timeout 120 vsp-virt up -C "$conf" "$tmp/vms.tsv" >"$tmp/up.out" 2>"$tmp/up.err" &
up=$!
for _ in $(seq 300); do
	[ -n "$(virsh -q -c qemu:///system list --name 2>/dev/null)" ] && break
	sleep 0.1
done
is "$(virsh -q -c qemu:///system list --name)" "$prefix-localhost-01" "the VM runs, up waits for it"
# its kernel prints: started, up is in its wait for the marker
for _ in $(seq 300); do [ -s "$tmp/$prefix-localhost-01.log" ] && break; sleep 0.1; done
kill -STOP "$lpid"
wait $up
rc=$?
cont
is "$rc" 1 "up fails (not killed by timeout: 124)"
vm="$tmp/vms.tsv:2: $prefix-localhost-01 on localhost"
is "$(sed 's/localhost: cannot [a-z ]*: /localhost: CALL: /' "$tmp/up.err")" \
	"vsp-virt: $vm: CALL: internal error: connection closed due to keepalive timeout
vsp-virt: $vm: rollback failed, left defined: internal error: client socket is closed
vsp-virt: experiment k failed: 0 of 1 domains made by this call destroyed and undefined" \
	"the lost PM is named, its VM left for the next up's leftover check"
done_testing
