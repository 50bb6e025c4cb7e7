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
