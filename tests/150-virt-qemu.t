#!/bin/bash
# vsp-virt on a real libvirtd with QEMU (software emulation): two tiny VMs
# pinned by BAL-ONE boot to their console marker, the pinning is read back
# through libvirt, down removes them; a VM that cannot start rolls back.
# tier: real (libvirtd with QEMU booting VMs)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-libvirtd.sh"
. "$top/tests/lib-tinyvm.sh"
trap 'libvirtd_stop; rm_tmp' EXIT
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the kernel from here

libvirtd_start

tinyvm_build "$tmp"
is "$?" 0 "a cloud kernel is installed ($kernel) and an initramfs made"

prefix=vspt$$
conf=$tmp/conf
tinyvm_conf "$conf" qemu:///system 2
cat >>"$conf/vsp.params" <<PARAMS
vm_ready = console:vsp-ready
vm_ready_timeout = 120
vm_shutdown_timeout = 1
PARAMS

printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nqemu-bal-one\tqemu\t2\t1\t0\tBAL-ONE\t1\t0\n' \
	| vsp-place -C "$conf" >"$tmp/vms.tsv"
is "$(cut -f9,10,13 "$tmp/vms.tsv" | tail -n +2 | tr '\t\n' ' ;')" \
	"$prefix-localhost-01 localhost 0;$prefix-localhost-02 localhost 1;" \
	"BAL-ONE puts the two VMs on cores 0 and 1"

run vsp-virt up -C "$conf" "$tmp/vms.tsv"
is "$rc: $err" "0: " "up boots both VMs"
printf '%s\n' "$out" >"$tmp/up.tsv"
is "$(cut -f9,14,16 "$tmp/up.tsv" | tail -n +2 | tr '\t\n' ' ;')" \
	"$prefix-localhost-01 qemu:///system running;$prefix-localhost-02 qemu:///system running;" \
	"up prints uri and state"
uuid() {	# uuid EXP/VM: what vsp gives a VM (tests/unit/test-uuid5 checks it)
	printf 'exp\tvm\tnode\n%s\t%s\tnode082\n' "${1%%/*}" "${1#*/}" \
		| vsp-virt down -C "$data/virt/conf" | cut -f5 | tail -1
}
is "$(cut -f15 "$tmp/up.tsv" | tail -n +2 | tr '\n' ' ')" \
	"$(uuid qemu-bal-one/$prefix-localhost-01) $(uuid qemu-bal-one/$prefix-localhost-02) " \
	"uuids are uuid5 of exp/vm"
is "$(grep -h -o 'vsp-ready cpus=[0-9]*' "$tmp/$prefix-localhost-01.log" "$tmp/$prefix-localhost-02.log" | tr '\n' ' ')" \
	"vsp-ready cpus=1 vsp-ready cpus=1 " "both guests reached their marker"
is "$(virsh -c qemu:///system vcpupin "$prefix-localhost-01" --live | awk '$1 == "0" { print $2 }')" 0 \
	"libvirt pins vcpu 0 of VM 1 to core 0"
is "$(virsh -c qemu:///system vcpupin "$prefix-localhost-02" --live | awk '$1 == "0" { print $2 }')" 1 \
	"libvirt pins vcpu 0 of VM 2 to core 1"
is "$(virsh -c qemu:///system domuuid "$prefix-localhost-02")" "$(cut -f15 "$tmp/up.tsv" | tail -1)" \
	"the domain has the uuid up printed"

# ls finds them by their metadata; a second up of the same VMs is refused.
is "$(vsp-virt ls -C "$conf" | cut -f1,9,16 | tr '\t\n' ' ;')" \
	"exp vm state;qemu-bal-one $prefix-localhost-01 running;qemu-bal-one $prefix-localhost-02 running;" \
	"ls lists vsp's domains from their metadata"
run vsp-virt up -C "$conf" "$tmp/vms.tsv"
is "$rc" 1 "up of VMs that are defined already fails"
is "$(printf '%s\n' "$err" | grep -c 'is already defined')" 2 "naming each VM"
is "$(virsh -c qemu:///system domstate "$prefix-localhost-01")" running \
	"and leaves the domains it did not make alone"

# Another experiment on the same PM would overfill its two cores.
sed "s/qemu-bal-one/qemu-other/; s/$prefix-localhost/$prefix-other/" "$tmp/vms.tsv" >"$tmp/other.tsv"
run vsp-virt up -C "$conf" "$tmp/other.tsv"
is "$rc" 1 "up on a PM that is busy with another experiment fails"
is "$(printf '%s\n' "$err" | head -1)" \
	"vsp-virt: $tmp/other.tsv:2: $prefix-other-01 on localhost: 2 vcpus of this experiment and 2 of running vsp domains ($prefix-localhost-01 $prefix-localhost-02) exceed the 2 cores of localhost (overcommit=no)" \
	"naming the domains that hold the cores"

run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $err" "0: " "down removes both"
is "$(cut -f16 "$tmp/.out" | tail -n +2 | tr '\n' ' ')" "gone gone " "down says gone"
is "$(virsh -c qemu:///system list --all --name | grep -c "^$prefix-")" 0 \
	"nothing is left defined"
run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $err" "0: " "down twice is fine"

# Rollback: the template gets a disk (vm_disk_mode=fixed: the files are
# made outside vsp); only VM 1's image exists, so VM 2
# cannot start and VM 1, which started, is destroyed and undefined.
sed -i "s|<devices>|<devices><disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk>|" \
	"$conf/domain.xml"
mkdir -p "$tmp/repo/localhost/$prefix-localhost-01"
truncate -s 1M "$tmp/repo/localhost/$prefix-localhost-01/disk.img"
run vsp-virt up -C "$conf" "$tmp/vms.tsv"
is "$rc" 1 "up fails when a VM cannot start"
is "$out" "$(head -1 "$tmp/up.tsv")" "and prints no row of the experiment"
is "$(printf '%s\n' "$err" | sed -n '1s/: cannot start: .*/: cannot start/p;$p')" \
"vsp-virt: $tmp/vms.tsv:3: $prefix-localhost-02 on localhost: cannot start
vsp-virt: experiment qemu-bal-one failed: 2 of 2 domains made by this call destroyed and undefined" \
	"naming the VM and the rollback"
is "$(virsh -c qemu:///system list --all --name | grep -c "^$prefix-")" 0 \
	"nothing is left defined after the rollback"
done_testing
