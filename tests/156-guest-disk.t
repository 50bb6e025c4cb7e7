#!/bin/bash
# tier: real
# vsp-guest -d: the guest as a root file system image (ext4, or qcow2 by
# qemu-img) with a loader that boots root=/dev/vda; put on a PM by
# vsp-virt image and booted by up from a qcow2 overlay on libvirtd+QEMU.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-libvirtd.sh"
. "$top/tests/lib-tinyvm.sh"
g=$top/share/vsp/vsp-guest
prefix=vspg$$
v() { virsh -q -c qemu:///system "$@"; }
cleanup() {
	local d
	for d in $(v list --all --name | grep "^$prefix-"); do
		v destroy "$d" >/dev/null 2>&1
		v undefine "$d" >/dev/null 2>&1
	done
	v pool-destroy "$prefix-pma" >/dev/null 2>&1
	v pool-undefine "$prefix-pma" >/dev/null 2>&1
	libvirtd_stop
	rm_tmp
}
trap cleanup EXIT
chmod 755 "$tmp"

run "$g" -o "$tmp/x" -d btrfs
is "$rc: $(printf '%s\n' "$err" | head -2)" "2: usage: vsp-guest [-o DIR] [-k KERNEL] [-a AUTHORIZED_KEYS] [-H HOST]...
                 [-C CONF] [-f FILE]... [-d ext4 | qcow2]" "-d takes ext4 or qcow2"

run "$g" -o "$tmp/e" -H vm1 -d ext4
is "$rc: $err: $out" "0: : $tmp/e" "builds with -d ext4"
is "$(ls "$tmp/e" | tr '\n' ' ')" "disk.img host_key.pub initrd.gz known_hosts loader.gz vmlinuz vsp.params " \
	"the disk, its loader and the initramfs guest"
is "$(grep -E '^(vm_initrd|vm_cmdline|vm_disk|xml_disk_drivertype) ' "$tmp/e/vsp.params")" \
	"vm_initrd = $tmp/e/loader.gz
vm_cmdline = console=ttyS0 panic=-1 no_timer_check root=/dev/vda
vm_disk = disk.img
xml_disk_drivertype = raw" "vsp.params boots the disk"
is "$(file -b "$tmp/e/disk.img" | cut -d' ' -f1-4)" "Linux rev 1.0 ext4" "disk.img is an ext4 file system"
is "$(debugfs -R 'ls -p /' "$tmp/e/disk.img" 2>/dev/null | grep -c -E '/(init|usr|etc)/')" 3 \
	"holding the guest's tree"
mkdir "$tmp/loader"
(cd "$tmp/loader" && zcat "$tmp/e/loader.gz" | cpio -id 2>/dev/null)
is "$(tr '\n' ' ' <"$tmp/loader/etc/modules")" \
	"virtio_ring.ko virtio.ko virtio_pci_modern_dev.ko virtio_pci_legacy_dev.ko virtio_pci.ko virtio_blk.ko " \
	"the loader loads virtio_blk, each module after what it needs"
is "$(grep -c 'switch_root /newroot /init' "$tmp/loader/init")" 1 "and switches to the disk's /init"

run "$g" -o "$tmp/q" -H vm1 -d qcow2
is "$rc" 0 "builds with -d qcow2"
is "$(qemu-img info --output=json "$tmp/q/disk.qcow2" | grep -o '"format": "[a-z0-9]*"' | head -1)" \
	'"format": "qcow2"' "disk.qcow2 is qcow2"
is "$(grep -E '^(vm_disk|xml_disk_drivertype) ' "$tmp/q/vsp.params" | tr '\n' ' ')" \
	"vm_disk = disk.qcow2 xml_disk_drivertype = qcow2 " "named in vsp.params"

# Boot it: no network here, so the guest's init on the disk says it waits
# for a DHCP lease, which shows it runs from /dev/vda.
libvirtd_start || { echo "Bail out! libvirtd with QEMU does not start"; exit 1; }
conf=$tmp/conf
disk_conf "$conf" qemu:///system
echo pma >"$conf/vsp.nodes"
grep -v -E '^(#|vm_ready|ssh_|vm_known_hosts|vm_shutdown_timeout)' "$tmp/q/vsp.params" >>"$conf/vsp.params"
cat >>"$conf/vsp.params" <<PARAMS
vm_console_log = $tmp/{vm}.log
vm_ready = console:vsp-guest: no DHCP lease yet
PARAMS
run vsp-virt image -C "$conf" "$tmp/q/disk.qcow2"
is "$rc: $(printf '%s\n' "$out" | cut -f4,6 | tail -1)" "0: disk.qcow2	sent" "vsp-virt image puts it on the PM"
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\ng\tt\t1\t1\t0\tNONE\t1\t0\n' |
	vsp-place -C "$conf" >"$tmp/g.tsv"
run vsp-virt up -C "$conf" "$tmp/g.tsv"
is "$rc: $err" "0: " "up boots it from an overlay of the disk"
printf '%s\n' "$out" >"$tmp/up.tsv"
is "$(qemu-img info -U "$tmp/repo/pma/$prefix-pma-01.qcow2" | grep '^virtual size')" \
	"$(qemu-img info "$tmp/q/disk.qcow2" | grep '^virtual size')" "the overlay has the image's size"
is "$(tr -d '\r' <"$tmp/$prefix-pma-01.log" | grep -c 'EXT4-fs (vda): mounted')" 1 \
	"the loader mounts /dev/vda"
is "$(tr -d '\r' <"$tmp/$prefix-pma-01.log" | grep -c 'insmod .* failed')" 0 \
	"the guest loads no module twice"
run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $(ls "$tmp/repo/pma" | tr '\n' ' ')" "0: disk.qcow2 disk.qcow2.sha256 " "down leaves the image alone"
done_testing
