#!/bin/bash
# tier: real
# vsp-virt image and the VMs' disks on a real libvirtd with QEMU. Two PMs
# (pma, pmb) reach the one local libvirtd, each with its own storage pool:
# the image goes to both, checked, and is not sent again; a corrupted
# upload and a full store fail that PM and leave nothing behind; VMs boot
# from fresh qcow2 overlays, know their names, and a file one experiment
# writes is gone in the next; down leaves no overlay.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-libvirtd.sh"
. "$top/tests/lib-tinyvm.sh"
prefix=vspi$$
v() { virsh -q -c qemu:///system "$@"; }
cleanup() {
	local d p
	for d in $(v list --all --name | grep "^$prefix-"); do
		v destroy "$d" >/dev/null 2>&1
		v undefine "$d" >/dev/null 2>&1
	done
	for p in $(v pool-list --all --name | grep "^$prefix-"); do
		v pool-destroy "$p" >/dev/null 2>&1
		v pool-undefine "$p" >/dev/null 2>&1
	done
	mountpoint -q "$tmp/repo/pmc" && umount "$tmp/repo/pmc"
	libvirtd_stop
	rm_tmp
}
trap cleanup EXIT
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the guest from here

libvirtd_start || { echo "Bail out! libvirtd with QEMU does not start"; exit 1; }
tinydisk_build "$tmp/g" ||
	{ echo "Bail out! no cloud kernel or virtio_blk module to boot a disk guest"; exit 1; }

conf=$tmp/conf
diskguest_conf "$conf" qemu:///system
printf 'pma\npmb\n' >"$conf/vsp.nodes"
echo "vm_console_log = $tmp/log/{exp}-{vm}.log" >>"$conf/vsp.params"
mkdir -p "$tmp/log"

# Distribute: sent to both PMs, read back and checked, then marked with a
# checksum file that sha256sum -c reads on the PM.
sum=$(sha256sum <"$tmp/g/root.img" | cut -d' ' -f1)
run vsp-virt image -C "$conf" "$tmp/g/root.img"
is "$rc" 0 "image sends the image to both PMs"
is "$out" "node	uri	pool	image	sha256	state
pma	qemu:///system	$prefix-pma	disk.img	$sum	sent
pmb	qemu:///system	$prefix-pmb	disk.img	$sum	sent" "one row per PM: sent"
is "$(printf '%s\n' "$err" | grep -c '^vsp-virt: pm[ab]: sending disk.img 100% of 16 MiB$')" 2 \
	"a progress line on stderr for each PM"
is "$(printf '%s\n' "$err" | grep -c '^vsp-virt: pm[ab]: checking disk.img 100% of 16 MiB$')" 2 \
	"and for reading each copy back"
is "$(cd "$tmp/repo/pmb" && sha256sum -c disk.img.sha256)" "disk.img: OK" \
	"the checksum file beside the image is sha256sum's"
run vsp-virt image -C "$conf" "$tmp/g/root.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;pma present;pmb present;" "a rerun finds the image on both PMs"
is "$(printf '%s\n' "$err" | grep -c -e sending -e checking)" 0 "and sends nothing"
run vsp-virt image -c -C "$conf" "$tmp/g/root.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;pma checked;pmb checked;" "-c reads every copy back and checks it"

# Another image by name; a copy damaged on the PM is found by -c and sent again.
# rand FILE: 3 MiB of random bytes; the bytes this test overwrites with X
# (7 and 1000) are Y, so the damage is never a no-op (1 in 256 each).
rand() {
	head -c 3145728 /dev/urandom >"$1"
	printf Y | dd of="$1" bs=1 seek=7 conv=notrunc status=none
	printf Y | dd of="$1" bs=1 seek=1000 conv=notrunc status=none
}
rand "$tmp/other.img"
osum=$(sha256sum <"$tmp/other.img" | cut -d' ' -f1)
run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f4,6 | tail -n +2 | tr '\t\n' ' ;')" \
	"0: other.img sent;other.img sent;" "-n names the volume"
printf 'X' | dd of="$tmp/repo/pmb/other.img" bs=1 seek=1000 conv=notrunc status=none
bad=$(sha256sum <"$tmp/repo/pmb/other.img" | cut -d' ' -f1)
run vsp-virt image -c -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;pma checked;pmb sent;" "-c finds the damaged copy and sends it again"
is "$(printf '%s\n' "$err" | grep -v '%')" \
	"vsp-virt: pmb: other.img in storage pool $prefix-pmb has sha256 $bad, not $osum: sending it again" \
	"saying so"
cmp -s "$tmp/repo/pmb/other.img" "$tmp/other.img"
is "$?" 0 "the copy is whole again"

# A corrupted upload (VSP_IMAGE_HOOK damages pmb's copy before the check)
# fails that PM; its copy and checksum file are deleted.
rand "$tmp/other.img"
osum=$(sha256sum <"$tmp/other.img" | cut -d' ' -f1)
cat >"$tmp/hook" <<'HOOK'
#!/bin/sh
[ "$1" = pmb ] && printf 'X' | dd of="$2" bs=1 seek=7 conv=notrunc status=none
exit 0
HOOK
chmod +x "$tmp/hook"
{ head -c 7 "$tmp/other.img"; printf X; tail -c +9 "$tmp/other.img"; } >"$tmp/want"
bad=$(sha256sum <"$tmp/want" | cut -d' ' -f1)
VSP_IMAGE_HOOK=$tmp/hook run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"1: node state;pma sent;" "a corrupted upload fails that PM (the other is sent)"
is "$(printf '%s\n' "$err" | grep -v '%')" \
	"vsp-virt: pmb: other.img on qemu:///system: other.img arrived corrupted in storage pool $prefix-pmb: sha256 $bad there, $osum here; deleted" \
	"the checksum finds it"
is "$(ls "$tmp/repo/pmb" | tr '\n' ' ')" "disk.img disk.img.sha256 " \
	"nothing of it is left on that PM"
run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;pma present;pmb sent;" "a rerun sends it only where it is missing"

# Interrupted (SIGTERM while pma's copy is read back): nothing is left
# there that up would take, and the next run sends it again.
head -c 3145728 /dev/urandom >"$tmp/other.img"
printf '#!/bin/sh\n[ "$1" = pma ] && kill -TERM $PPID\nexit 0\n' >"$tmp/hook"
VSP_IMAGE_HOOK=$tmp/hook run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" "1: node state;" \
	"a signal stops image"
is "$(printf '%s\n' "$err" | grep -v '%')" \
	"vsp-virt: pma: other.img on qemu:///system: interrupted (signal 15) while checking other.img
vsp-virt: interrupted (signal 15)" "saying where"
is "$(ls "$tmp/repo/pma" | tr '\n' ' ')" "disk.img disk.img.sha256 " \
	"the interrupted copy is deleted, with its old checksum file"
run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;pma sent;pmb sent;" "the next run sends it to both"

# Interrupted while sending (SIGTERM once a quarter is sent): what arrived
# stays with a marker naming the image, and the next run goes on from it.
# One PM only: 128 MiB (enough to be cut before it ends) is the slowest
# part here.
cp -r "$conf" "$tmp/one"
echo pma >"$tmp/one/vsp.nodes"
head -c 134217728 /dev/urandom >"$tmp/big.img"
vsp-virt image -n big.img -C "$tmp/one" "$tmp/big.img" >"$tmp/cut.out" 2>"$tmp/cut.err" &
pid=$!
for _ in $(seq 600); do grep -q 'sending big.img 25%' "$tmp/cut.err" && break; sleep 0.05; done
kill -TERM $pid
wait $pid
is "$?: $(grep -v '%' "$tmp/cut.err")" "1: vsp-virt: pma: big.img on qemu:///system: interrupted (signal 15) while sending big.img; what arrived stays: a rerun resumes the upload
vsp-virt: interrupted (signal 15)" "a signal while sending keeps what arrived"
is "$(ls "$tmp/repo/pma" | grep big | tr '\n' ' ')" "big.img big.img.part " \
	"the partial image and its marker, no checksum file"
run vsp-virt image -n big.img -C "$tmp/one" "$tmp/big.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;'): $(printf '%s\n' "$err" | grep -v '%' | sed 's/at [1-9][0-9]* MiB/at N MiB/')" \
	"0: node state;pma sent;: vsp-virt: pma: big.img: resuming the upload at N MiB" \
	"the next run resumes where the upload stopped"
cmp -s "$tmp/big.img" "$tmp/repo/pma/big.img"
is "$?: $(ls "$tmp/repo/pma" | grep -c 'big.img.part')" "0: 0" "whole, read back and checked, no marker left"
for f in big.img big.img.sha256; do v vol-delete "$f" --pool "$prefix-pma" >/dev/null; done
rm -f "$tmp/big.img"

# Where what arrived ends. partial MARKER-FILE: pma's mid.img as an upload
# of mid.img cut after 8 of libvirt's messages of 262,120 bytes leaves it:
# 2 MiB less 192 bytes, whose allocation (whole 4 KiB blocks) is 2 MiB,
# with a marker naming the file given.
rand "$tmp/mid.img"
partial() {
	head -c $((8 * 262120)) "$tmp/mid.img" >"$tmp/repo/pma/mid.img"
	truncate -s 3M "$tmp/repo/pma/mid.img"
	printf '%s  mid.img\n' "$(sha256sum <"$1" | cut -c1-64)" >"$tmp/repo/pma/mid.img.part"
}
resumed() {	# resumed TEST SAID: sent, saying SAID, and whole
	local f whole
	run vsp-virt image -n mid.img -C "$tmp/one" "$tmp/mid.img"
	cmp -s "$tmp/mid.img" "$tmp/repo/pma/mid.img" && whole=whole
	is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;'): $(printf '%s\n' "$err" | grep -v '%'): $whole" \
		"0: node state;pma sent;: $2: whole" "$1"
	for f in mid.img mid.img.sha256 mid.img.part; do
		v vol-delete "$f" --pool "$prefix-pma" >/dev/null 2>&1
	done
}
partial "$tmp/other.img"
resumed "another image under that name is sent from the start" ""
partial "$tmp/mid.img"
resumed "a resume reads back where what arrived ends (not at its allocation)" \
	"vsp-virt: pma: mid.img: resuming the upload at 1 MiB"
partial "$tmp/mid.img"
fallocate -l 3M "$tmp/repo/pma/mid.img"
resumed "  nor where a file system allocated ahead of it" \
	"vsp-virt: pma: mid.img: resuming the upload at 1 MiB"
rm -f "$tmp/mid.img"

# A sparse image: only its data travels and takes room on the PMs.
truncate -s 64M "$tmp/sparse.img"
head -c 65536 /dev/urandom | dd of="$tmp/sparse.img" bs=65536 seek=300 conv=notrunc status=none
run vsp-virt image -n sparse.img -C "$conf" "$tmp/sparse.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" "0: node state;pma sent;pmb sent;" \
	"a sparse image is sent"
cmp -s "$tmp/sparse.img" "$tmp/repo/pmb/sparse.img"
is "$?" 0 "whole"
is "$([ "$(du -k "$tmp/repo/pmb/sparse.img" | cut -f1)" -lt 1024 ] && echo sparse)" sparse \
	"and sparse on the PM (holes sent as holes)"
v vol-delete sparse.img --pool "$prefix-pma" >/dev/null
v vol-delete sparse.img.sha256 --pool "$prefix-pma" >/dev/null
v vol-delete sparse.img --pool "$prefix-pmb" >/dev/null
v vol-delete sparse.img.sha256 --pool "$prefix-pmb" >/dev/null

# A full store: pmc's pool folder is a 2 MiB tmpfs; nothing is sent there.
cp -r "$conf" "$tmp/full"
printf 'pma\npmc\n' >"$tmp/full/vsp.nodes"
mkdir -p "$tmp/repo/pmc"
if mount -t tmpfs -o size=2m tmpfs "$tmp/repo/pmc" 2>/dev/null; then
	run vsp-virt image -n other.img -C "$tmp/full" "$tmp/other.img"
	is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
		"1: node state;pma present;" "a full store fails that PM"
	is "$(printf '%s\n' "$err" | grep -v '%')" \
		"vsp-virt: pmc: other.img on qemu:///system: storage pool $prefix-pmc has 2 MiB free; other.img needs 3 MiB: nothing sent" \
		"saying how much is free and needed"
	is "$(ls -A "$tmp/repo/pmc" | wc -l)" 0 "and leaves nothing there"
	# An upload cut at 1 MiB of 3 (the image, its marker), then the store
	# filled up: the rest does not fit, and what arrived stays.
	head -c 1048576 "$tmp/other.img" >"$tmp/repo/pmc/other.img"
	truncate -s 3M "$tmp/repo/pmc/other.img"
	printf '%s  other.img\n' "$(sha256sum <"$tmp/other.img" | cut -c1-64)" \
		>"$tmp/repo/pmc/other.img.part"
	run vsp-virt image -n other.img -C "$tmp/full" "$tmp/other.img"
	is "$rc: $(printf '%s\n' "$err" | grep -v '%')" \
		"1: vsp-virt: pmc: other.img on qemu:///system: storage pool $prefix-pmc has 0 MiB free; the rest of other.img needs 2 MiB: nothing sent; what arrived stays" \
		"a resumed upload checks the free space again"
	is "$(ls -A "$tmp/repo/pmc" | tr '\n' ' ')" "other.img other.img.part " "  and keeps what arrived"
	rm -f "$tmp/repo/pmc/other.img" "$tmp/repo/pmc/other.img.part"
	# A write the PM refuses (the partial image made immutable): libvirt's
	# reason, not "no error" (virStreamFree cleared it).
	v vol-delete other.img --pool "$prefix-pma" >/dev/null
	v vol-delete other.img.sha256 --pool "$prefix-pma" >/dev/null
	head -c 1048576 "$tmp/other.img" >"$tmp/repo/pma/other.img"
	truncate -s 3M "$tmp/repo/pma/other.img"
	if chattr +i "$tmp/repo/pma/other.img" 2>/dev/null; then
		printf '%s  other.img\n' "$(sha256sum <"$tmp/other.img" | cut -c1-64)" \
			>"$tmp/repo/pma/other.img.part"
		run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
		chattr -i "$tmp/repo/pma/other.img"
		is "$rc: $(printf '%s\n' "$err" | grep -v '%')" "1: vsp-virt: pma: other.img: resuming the upload at 1 MiB
vsp-virt: pma: other.img on qemu:///system: sending other.img failed: Unable to open stream for '$tmp/repo/pma/other.img': Operation not permitted; what arrived stays: a rerun resumes the upload" \
			"an upload the PM refuses says why"
		run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
		is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
			"0: node state;pma sent;pmb present;" "  and a rerun, allowed to write, ends it"
	else
		echo "ok - # SKIP chattr +i does not work here"
	fi
else
	echo "ok - # SKIP cannot mount a tmpfs here"
fi

# Failures of up before any VM: no store, no image, an unfinished upload.
placed() {	# placed EXP NC IDF
	printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\n%s\tt\t%s\t1\t%s\tNONE\t1\t0\n' "$1" "$2" "$3" |
		vsp-place -C "$conf"
}
placed e0 2 1 >"$tmp/e0.tsv"
cp -r "$conf" "$tmp/c"
sed -i "s/^repo_pool = .*/repo_pool = $prefix-none-{node}/" "$tmp/c/vsp.params"
run vsp-virt up -C "$tmp/c" "$tmp/e0.tsv"
is "$rc: $(printf '%s\n' "$err" | head -1)" \
	"1: vsp-virt: $tmp/e0.tsv:2: $prefix-pma-01 on pma: no image store: storage pool $prefix-none-pma is not defined on qemu:///system (vsp-virt image makes it)" \
	"up without a store"
cp -r "$conf" "$tmp/c2"
echo "vm_disk = none.img" >>"$tmp/c2/vsp.params"
run vsp-virt up -C "$tmp/c2" "$tmp/e0.tsv"
is "$rc: $(printf '%s\n' "$err" | head -1)" \
	"1: vsp-virt: $tmp/e0.tsv:2: $prefix-pma-01 on pma: no image none.img in storage pool $prefix-pma on qemu:///system (vsp-virt image puts it there)" \
	"up without the image"
sed -i 's/^vm_disk = none.img/vm_disk = other.img/' "$tmp/c2/vsp.params"
v vol-delete other.img.sha256 --pool "$prefix-pmb" >/dev/null
run vsp-virt up -C "$tmp/c2" "$tmp/e0.tsv"
is "$rc: $(printf '%s\n' "$err" | head -1)" \
	"1: vsp-virt: $tmp/e0.tsv:3: $prefix-pmb-01 on pmb: image other.img in storage pool $prefix-pmb on qemu:///system has no other.img.sha256: its upload did not finish (run vsp-virt image again)" \
	"up refuses an image whose upload did not finish"
is "$(v list --all --name | grep -c "^$prefix-")" 0 "no domain is left"
is "$(ls "$tmp/repo/pma" "$tmp/repo/pmb" | grep -c qcow2)" 0 "no overlay is left"

# Experiment 1: 2 VMs per PM, each on its own overlay of the image.
logs() { cat "$tmp"/log/"$1"-*.log | tr -d '\r' | grep '^vsp-' | sort; }
placed e1 4 2 >"$tmp/e1.tsv"
run vsp-virt up -C "$conf" "$tmp/e1.tsv"
is "$rc: $err" "0: " "up of 2 VMs on each PM from overlays"
printf '%s\n' "$out" >"$tmp/up1.tsv"
is "$(cut -f16 "$tmp/up1.tsv" | tail -n +2 | tr '\n' ' ')" "running running running running " \
	"all four run"
is "$(ls "$tmp/repo/pma" "$tmp/repo/pmb" | grep qcow2 | tr '\n' ' ')" \
	"$prefix-pma-01.qcow2 $prefix-pma-02.qcow2 $prefix-pmb-01.qcow2 $prefix-pmb-02.qcow2 " \
	"one overlay per VM in its PM's pool"
is "$(qemu-img info -U --output=json "$tmp/repo/pmb/$prefix-pmb-02.qcow2" | grep -o '"backing-filename": "[^"]*"')" \
	"\"backing-filename\": \"$tmp/repo/pmb/disk.img\"" "backed by the PM's image"
is "$(v dumpxml "$prefix-pma-01" | grep -o "<source pool='[^']*' volume='[^']*'")" \
	"<source pool='$prefix-pma' volume='$prefix-pma-01.qcow2'" "the domain's disk is that volume"
is "$(logs e1 | grep vsp-name)" \
	"vsp-name serial=$prefix-pma-01 cmdline=$prefix-pma-01
vsp-name serial=$prefix-pma-02 cmdline=$prefix-pma-02
vsp-name serial=$prefix-pmb-01 cmdline=$prefix-pmb-01
vsp-name serial=$prefix-pmb-02 cmdline=$prefix-pmb-02" \
	"each guest reads its name from SMBIOS and from its kernel command line"
is "$(logs e1 | grep -c 'vsp-marker absent')" 4 "no guest finds a marker on its fresh disk"
# Another image of that name is not put under running overlays.
head -c 1048576 /dev/urandom >"$tmp/new.img"
run vsp-virt image -C "$conf" "$tmp/new.img"
is "$rc: $(printf '%s\n' "$err" | grep -v '%')" \
	"1: vsp-virt: pma: disk.img on qemu:///system: disk.img in storage pool $prefix-pma is not $tmp/new.img, but the disks $prefix-pma-01.qcow2 $prefix-pma-02.qcow2 are backed by it: vsp-virt down their VMs first
vsp-virt: pmb: disk.img on qemu:///system: disk.img in storage pool $prefix-pmb is not $tmp/new.img, but the disks $prefix-pmb-01.qcow2 $prefix-pmb-02.qcow2 are backed by it: vsp-virt down their VMs first" \
	"a different image is not put under running VMs' overlays"
# The marker is real: a VM started again on the same overlay finds it.
: >"$tmp/log/e1-$prefix-pma-01.log"
v destroy "$prefix-pma-01" >/dev/null && v start "$prefix-pma-01" >/dev/null
for _ in $(seq 300); do grep -q vsp-ready "$tmp/log/e1-$prefix-pma-01.log" && break; sleep 1; done
is "$(tr -d '\r' <"$tmp/log/e1-$prefix-pma-01.log" | grep vsp-marker)" "vsp-marker found $prefix-pma-01" \
	"a restart on the same overlay finds the marker it wrote"
run vsp-virt down -C "$conf" "$tmp/up1.tsv"
is "$rc: $err" "0: " "down"
is "$(ls "$tmp/repo/pma" "$tmp/repo/pmb" | grep -c qcow2)" 0 "no overlay is left after down"
is "$(ls "$tmp/repo/pmb" | tr '\n' ' ')" "disk.img disk.img.sha256 other.img " \
	"the images stay (other.img without its checksum file, as the test left it)"

# Experiment 2 on the same VM names: fresh disks, no marker. A leftover
# volume of a crashed up is replaced.
v vol-create-as "$prefix-pma" "$prefix-pma-01.qcow2" 1M >/dev/null
placed e2 2 1 >"$tmp/e2.tsv"
run vsp-virt up -C "$conf" "$tmp/e2.tsv"
is "$rc: $err" "0: " "up of experiment 2 (over a leftover volume)"
printf '%s\n' "$out" >"$tmp/up2.tsv"
is "$(logs e2 | grep vsp-marker)" "vsp-marker absent
vsp-marker absent" "the file written in experiment 1 is absent in experiment 2"
run vsp-virt down -C "$conf" "$tmp/up2.tsv"
is "$rc: $err" "0: " "down of experiment 2"

# shared: both PMs' VMs boot from the image itself, read-only.
cp -r "$conf" "$tmp/sh"
echo "vm_disk_mode = shared" >>"$tmp/sh/vsp.params"
run vsp-virt up -C "$tmp/sh" "$tmp/e2.tsv"
is "$rc: $err" "0: " "up with vm_disk_mode=shared"
printf '%s\n' "$out" >"$tmp/up3.tsv"
is "$(logs e2 | grep vsp-marker)" "vsp-marker absent
vsp-marker absent
vsp-marker read-only
vsp-marker read-only" "the guests cannot write to the image"
is "$(ls "$tmp/repo/pma" "$tmp/repo/pmb" | grep -c "^$prefix-")" 0 "no volume is made"
run vsp-virt down -C "$tmp/sh" "$tmp/up3.tsv"
is "$rc: $err" "0: " "down of the shared experiment"

# copy: a full copy per VM; pmc's store holds the image (sparse) but not
# two copies (allocated whole), so the experiment fails and pma's copies
# are deleted too.
if mountpoint -q "$tmp/repo/pmc"; then
	umount "$tmp/repo/pmc"
	mount -t tmpfs -o size=20m tmpfs "$tmp/repo/pmc"
	run vsp-virt image -C "$tmp/full" "$tmp/g/root.img"
	is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
		"0: node state;pma present;pmc sent;" "the image fits in pmc's store"
	echo "vm_disk_mode = copy" >>"$tmp/full/vsp.params"
	printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\ne3\tt\t4\t1\t2\tNONE\t1\t0\n' |
		vsp-place -C "$tmp/full" >"$tmp/e3.tsv"
	run vsp-virt up -C "$tmp/full" "$tmp/e3.tsv"
	is "$rc" 1 "up with copies that do not fit fails"
	is "$(printf '%s\n' "$err" | sed -n '1p;$p' | sed 's/has [0-9]* MiB free/has N MiB free/')" \
		"vsp-virt: $tmp/e3.tsv:4: $prefix-pmc-01 on pmc: storage pool $prefix-pmc on qemu:///system has N MiB free; 2 copies of disk.img need 32 MiB (vm_disk_mode=copy)
vsp-virt: experiment e3 failed: 2 of 2 domains made by this call destroyed and undefined, 2 of 2 disks deleted" \
		"naming the PM, and rolling back pma's domains and copies"
	is "$(ls "$tmp/repo/pma" | grep -c "^$prefix-")" 0 "no copy is left"
	is "$(v list --all --name | grep -c "^$prefix-")" 0 "no domain is left"
else
	echo "ok - # SKIP cannot mount a tmpfs here"
fi
done_testing
