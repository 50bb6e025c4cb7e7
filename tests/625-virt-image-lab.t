#!/bin/bash
# tier: real
# vsp-virt image and overlays over SSH in the lab: two PM namespaces, each
# reached by qemu+libssh2 with its host key checked, get the image through
# libvirt's own connection (no scp, no rsync); a VM per PM boots from an
# overlay made over that connection; a PM whose host key is unknown fails
# alone, before anything is sent.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
. "$top/tests/lib-tinyvm.sh"
trap 'lab_down; rm_tmp' EXIT
# libvirt's own libssh2 sessions, not vsp's memory (tests/lsan-libssh2.supp)
export LSAN_OPTIONS="suppressions=$top/tests/lsan-libssh2.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the guest from here

tinydisk_build "$tmp/g" ||
	{ echo "Bail out! no cloud kernel or virtio_blk module to boot a disk guest"; exit 1; }
lab_up "$tmp/lab" 2
prefix=vli$$
conf=$tmp/conf
diskguest_conf "$conf" \
	"qemu+libssh2://root@{node}/system?keyfile=$LAB_KEY&known_hosts=$LAB_KNOWN_HOSTS&sshauth=privkey"
printf '%s\n%s\n' "$lab_pm_addr_1" "$lab_pm_addr_2" >"$conf/vsp.nodes"
echo "vm_console_log = $tmp/{vm}.log" >>"$conf/vsp.params"
a=$lab_pm_addr_1 b=$lab_pm_addr_2
sum=$(sha256sum <"$tmp/g/root.img" | cut -d' ' -f1)

run lab_run vsp-virt image -C "$conf" "$tmp/g/root.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,4-6 | tr '\t\n' ' ;')" \
	"0: node image sha256 state;$a disk.img $sum sent;$b disk.img $sum sent;" \
	"image sends the image to both PMs over SSH"
is "$(cd "$tmp/repo/$b" && sha256sum -c disk.img.sha256)" "disk.img: OK" "whole on the PM"
run lab_run vsp-virt image -C "$conf" "$tmp/g/root.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" \
	"0: node state;$a present;$b present;" "a rerun sends nothing"

# One VM per PM, from overlays made over the same connections.
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nl\tt\t2\t1\t1\tNONE\t1\t0\n' |
	vsp-place -C "$conf" >"$tmp/l.tsv"
run lab_run vsp-virt up -C "$conf" "$tmp/l.tsv"
is "$rc: $err" "0: " "up over SSH"
printf '%s\n' "$out" >"$tmp/up.tsv"
is "$(cat "$tmp"/$prefix-*.log | tr -d '\r' | grep vsp-name | sort)" \
	"vsp-name serial=$prefix-$a-01 cmdline=$prefix-$a-01
vsp-name serial=$prefix-$b-01 cmdline=$prefix-$b-01" "each VM boots from its overlay and knows its name"
is "$(ls "$tmp/repo/$a" "$tmp/repo/$b" | grep -c qcow2)" 2 "one overlay per VM"
run lab_run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $err" "0: " "down over SSH"
is "$(ls "$tmp/repo/$a" "$tmp/repo/$b" | grep -c qcow2)" 0 "no overlay is left"

# A PM whose host key is not known is not sent anything.
grep -v "^$b " "$LAB_KNOWN_HOSTS" >"$tmp/known_hosts"
sed "s|known_hosts=$LAB_KNOWN_HOSTS|known_hosts=$tmp/known_hosts|" "$conf/vsp.params" >"$tmp/p"
mv "$tmp/p" "$conf/vsp.params"
head -c 1048576 /dev/urandom >"$tmp/other.img"
run lab_run vsp-virt image -n other.img -C "$conf" "$tmp/other.img"
is "$rc: $(printf '%s\n' "$out" | cut -f1,6 | tr '\t\n' ' ;')" "1: node state;$a sent;" \
	"an unknown host key fails that PM"
is "$(printf '%s\n' "$err" | grep -v '%' | grep -c "^vsp-virt: $b: other.img on qemu+libssh2://root@$b/system.*: cannot connect to ")" 1 \
	"saying it cannot connect"
is "$(ls "$tmp/repo/$b" | tr '\n' ' ')" "disk.img disk.img.sha256 " "and nothing reaches it"
# up with its rows on stdin: the unknown key fails that PM, no question is
# asked on stdout or read from stdin (libvirt's default auth would)
lab_run vsp-virt up -C "$conf" <"$tmp/l.tsv" >"$tmp/up2.out" 2>"$tmp/up2.err"
is "$?: $(tail -n +2 "$tmp/up2.out")" "1: " "up fails on the unknown host key, prints no row"
is "$(grep -c "on $b: cannot connect to qemu+libssh2://root@$b/system" "$tmp/up2.err"):$(cat "$tmp/up2.err" "$tmp/up2.out" | grep -ci 'accept\|(y/n)')" \
	"1:0" "naming the PM, asking nothing"
done_testing
