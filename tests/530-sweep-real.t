#!/bin/bash
# The same sweep on the embedded default and on real parts, changing only
# vsp.params: libvirtd with QEMU booting tiny VMs (direct kernel boot,
# ready at their console marker) and a single-node Slurm through its
# Torque wrappers. Both give the same executions.
# tier: real (libvirtd with QEMU and Slurm)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
. "$top/tests/lib-libvirtd.sh"
. "$top/tests/lib-tinyvm.sh"
. "$top/tests/slurm.sh"
trap 'slurm_stop; libvirtd_stop; rm_tmp' EXIT
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the initrd from here

libvirtd_start
tinyvm_build "$tmp"
is "$?" 0 "a tiny VM to boot"
slurm_start
is "$?" 0 "Slurm with its Torque wrappers runs"

sw="-a t -n 2 -c 2 -i 0 -p NONE,BAL-ONE -r 2"
sweep_setup "$tmp/default" "$sw"
sweep "$tmp/default"
is "$?" 0 "the sweep on the embedded default"

d=$tmp/real
sweep_setup "$d" "$sw"
prefix=vsps$$
qemu_conf "$d/conf" qemu:///system
cat >>"$d/conf/vsp.params" <<PARAMS
vm_disk =
vm_kernel = $kernel
vm_initrd = $tmp/initrd.gz
vm_cmdline = console=ttyS0 panic=-1 no_timer_check quiet
vm_console_log = $d/{vm}.log
vm_ready = console:vsp-ready
vm_ready_timeout = 120
vm_shutdown_timeout = 1
network_source = none
batch = torque
torque_nodes_file = $d/torque-nodes
torque_reload = true
mon = no
results = $d/results
PARAMS
sweep "$d"
is "$?" 0 "the same sweep on libvirtd+QEMU and Slurm"
tail -5 "$d/make.out" | sed 's/^/# /'
grep -q 'did not start' "$d/make.out" && tail -n 5 "$d"/$prefix-*.log | sed 's/^/# console: /'
same <(sweep_executions "$d") <(sweep_executions "$tmp/default") "the same executions"
is "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "job") c = i; next } { print ($c ~ /^local-/) }' \
	"$d"/results/t/*/run-001/submitted.tsv | sort -u)" 0 "the runs went through the batch system"
is "$(grep -l vsp-ready "$d"/$prefix-*.log 2>/dev/null | wc -l)" 1 "the VM (one name, reused by both experiments) booted"
is "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["pstrat"], $c["pin"], $c["state"] }' \
	"$d"/results/t/t-nc2-cpv2-idf0-bal-one/up.tsv)" \
	"BAL-ONE 0;1 running" "the pinning libvirt applied"
is "$(virsh -q -c qemu:///system list --all --name | grep "^$prefix" )" "" "no VM left"

# An experiment that did not stop its VM (its down step failed): the next
# one, with the same VM name, removes it before its up.
first=$(awk -F'\t' 'NR == 2 { print $2 }' "$d/results/.sweep/order.tsv")
second=$(awk -F'\t' 'NR == 3 { print $2 }' "$d/results/.sweep/order.tsv")
rm -rf "$d/results"
echo "down:$first" >"$d/failat"
sweep "$d" -k
rc=$?
grep 'vsp-sweep: \[\|vsp-virt' "$d/make.out" | sed 's/^/# /'
is "$rc:$(ls -d "$d"/results/t/*/DONE 2>/dev/null | sed 's|.*/\(t-[^/]*\)/DONE|\1|')" \
	"2:$second" "a failed down: the next experiment still runs"
rm -f "$d/failat"
is "$(virsh -q -c qemu:///system list --all --name | grep "^$prefix" )" "" "  and no VM is left"
done_testing
