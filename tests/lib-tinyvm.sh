# tinyvm_build DIR: a VM that boots in seconds under QEMU's software
# emulation: sets kernel (the cloud kernel of /boot) and writes DIR/initrd.gz,
# a busybox initramfs that prints "vsp-ready cpus=N" on its console, then
# idles until destroyed. 1 if there is no kernel.
tinyvm_build() {
	local d=$1
	kernel=$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | tail -1)
	[ -r "$kernel" ] || return 1
	mkdir -p "$d/root/bin" "$d/root/proc" "$d/root/sys" "$d/root/dev"
	cp /bin/busybox "$d/root/bin/"
	cat >"$d/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
echo "vsp-ready cpus=$(grep -c ^processor /proc/cpuinfo)"
while :; do sleep 60; done
INIT
	chmod +x "$d/root/init"
	(cd "$d/root" && find . | cpio -o -H newc 2>/dev/null | gzip) >"$d/initrd.gz"
}

# tinydisk_build DIR: a guest on a disk. Sets kernel (as tinyvm_build) and
# writes DIR/loader.gz, an initramfs that loads virtio_blk and switches to
# root=/dev/vda, and DIR/root.img, an ext4 root file system whose init
# prints the VM's name from SMBIOS and the kernel command line, says whether
# /marker (written by an earlier boot of this disk) exists, writes it, and
# prints "vsp-ready". 1 if there is no kernel or module.
tinydisk_build() {
	local d=$1 kver m
	kernel=$(ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | tail -1)
	[ -r "$kernel" ] || return 1
	kver=${kernel##*/vmlinuz-}
	mkdir -p "$d/loader/bin" "$d/loader/proc" "$d/loader/sys" "$d/loader/dev" \
		"$d/loader/root" "$d/loader/mod" "$d/disk/bin" "$d/disk/sbin" \
		"$d/disk/proc" "$d/disk/sys" "$d/disk/dev"
	cp /bin/busybox "$d/loader/bin/"
	cp /bin/busybox "$d/disk/bin/"
	for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev \
		virtio_pci virtio_blk; do
		find "/lib/modules/$kver" -name "$m.ko*" | head -1 | while read -r f; do
			case $f in
			*.xz) xz -dc "$f" >"$d/loader/mod/$m.ko" ;;
			*) cp "$f" "$d/loader/mod/$m.ko" ;;
			esac
		done
		[ -s "$d/loader/mod/$m.ko" ] || return 1
		echo "$m" >>"$d/loader/mod/order"
	done
	cat >"$d/loader/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev
while read -r m; do insmod "/mod/$m.ko"; done </mod/order
for _ in $(seq 100); do [ -b /dev/vda ] && break; sleep 0.1; done
mount -t ext4 -o rw /dev/vda /root || mount -t ext4 -o ro /dev/vda /root
umount /proc
exec switch_root /root /sbin/init
INIT
	cat >"$d/disk/sbin/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "vsp-name serial=$(cat /sys/class/dmi/id/product_serial) cmdline=$(sed 's/.*vsp.name=\([^ ]*\).*/\1/' /proc/cmdline)"
if [ -e /marker ]; then echo "vsp-marker found $(cat /marker)"; else echo "vsp-marker absent"; fi
(cat /sys/class/dmi/id/product_serial >/marker && sync) 2>/dev/null || echo "vsp-marker read-only"
echo "vsp-ready"
while :; do sleep 60; done
INIT
	chmod +x "$d/loader/init" "$d/disk/sbin/init"
	(cd "$d/loader" && find . | cpio -o -H newc 2>/dev/null | gzip) >"$d/loader.gz"
	rm -f "$d/root.img"
	mkfs.ext4 -q -F -d "$d/disk" "$d/root.img" 16M >/dev/null
}

# qemu_conf DIR URI: DIR/vsp.params (made anew) for test VMs under QEMU's
# software emulation, reached at URI, named $prefix-..., with 128 MiB and
# 64 more a core; the test appends its own settings.
qemu_conf() {
	mkdir -p "$1"
	cat >"$1/vsp.params" <<PARAMS
libvirt_uri = $2
xml_domain_type = qemu
vm_prefix = $prefix
vm_mem_base = 128
vm_mem_core = 64
PARAMS
}

# tinyvm_conf DIR URI SOCKETS: qemu_conf for the VMs of tinyvm_build in
# $tmp (the kernel and its initramfs booted directly, no disk, no network,
# the console in $tmp/{vm}.log) on one PM, localhost, of 2 cores in
# SOCKETS sockets, and DIR/domain.xml; the test adds when a VM is ready
# and how long it waits.
tinyvm_conf() {
	qemu_conf "$1" "$2"
	printf '[Hardware]\ncores = 2\nsockets = %s\nmem = 2\n' "$3" >"$1/hardware.params"
	echo localhost >"$1/vsp.nodes"
	cat >>"$1/vsp.params" <<PARAMS
network_source = none
vm_console_log = $tmp/{vm}.log
repo_root = $tmp/repo
vm_disk_mode = fixed
PARAMS
	cat >"$1/domain.xml" <<XML
<domain type='qemu'>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>$kernel</kernel>
    <initrd>$tmp/initrd.gz</initrd>
    <cmdline>console=ttyS0 panic=-1 no_timer_check quiet</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <serial type='file'><target port='0'/></serial>
  </devices>
</domain>
XML
}

# disk_conf DIR URI: qemu_conf with a PM of 2 cores (DIR/hardware.params),
# VM disks in a pool $prefix-{node} at $tmp/repo/{node}, no network, and
# 300 s to boot (no time to shut down).
disk_conf() {
	qemu_conf "$1" "$2"
	printf '[Hardware]\ncores = 2\nsockets = 1\nmem = 2\n' >"$1/hardware.params"
	cat >>"$1/vsp.params" <<PARAMS
repo_root = $tmp/repo
repo_pool = $prefix-{node}
network_source = none
vm_ready_timeout = 300
vm_shutdown_timeout = 0
PARAMS
}

# diskguest_conf DIR URI: disk_conf for the guest of tinydisk_build in
# $tmp/g (its kernel, loader and command line, ready at "vsp-ready"), and
# DIR/domain.xml with its disk and serial console.
diskguest_conf() {
	disk_conf "$1" "$2"
	cat >>"$1/vsp.params" <<PARAMS
vm_ready = console:vsp-ready
vm_kernel = $kernel
vm_initrd = $tmp/g/loader.gz
vm_cmdline = console=ttyS0 panic=-1 no_timer_check root=/dev/vda vsp.name={vm}
PARAMS
	cat >"$1/domain.xml" <<'XML'
<domain type='qemu'>
  <os><type arch='x86_64'>hvm</type></os>
  <features><acpi/><apic/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <disk type='file' device='disk'><target dev='vda' bus='virtio'/></disk>
    <serial type='file'><target port='0'/></serial>
  </devices>
</domain>
XML
}
