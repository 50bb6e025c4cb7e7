#!/bin/bash
# vsp-guest builds the guest from this machine's packages: what goes into
# the initramfs, the known_hosts and vsp.params it writes, bad usage.
# (tests/610 boots it.)
. "$(dirname "$0")/lib.sh"
g=$top/share/vsp/vsp-guest
ssh-keygen -q -t ed25519 -N '' -f "$tmp/key"

run "$g" -o "$tmp/guest" -a "$tmp/key.pub" -H vm1 -H 10.9.0.1 -f "$top/bin/vsp-gen" -f "$data/virt"
is "$rc: $err: $out" "0: : $tmp/guest" "builds, printing the folder"
is "$(ls "$tmp/guest")" "host_key.pub
initrd.gz
known_hosts
vmlinuz
vsp.params" "the guest's files, no temporary left"
key=$(cat "$tmp/guest/host_key.pub")
is "$(cut -d' ' -f1 <<<"$key")" ssh-ed25519 "an ed25519 host key"
is "$(cat "$tmp/guest/known_hosts")" "vm1 $key
10.9.0.1 $key" "known_hosts: the key under each -H"
is "$(cat "$tmp/guest/vsp.params")" "# the guest of vsp-guest (vsp(7), GUEST)
vm_kernel = $tmp/guest/vmlinuz
vm_initrd = $tmp/guest/initrd.gz
vm_cmdline = console=ttyS0 panic=-1 no_timer_check
vm_disk =
vm_shutdown_timeout = 0
vm_ready = ssh
ssh_user = root
vm_known_hosts = $tmp/guest/known_hosts
ssh_key = $tmp/key" "vsp.params: the settings of the guest"
kver=$(ls /boot/vmlinuz-*-cloud-amd64 | sort -V | tail -1)
same "$tmp/guest/vmlinuz" "$kver" "the newest cloud kernel"

mkdir "$tmp/root"
(cd "$tmp/root" && zcat "$tmp/guest/initrd.gz" | cpio -id 2>/dev/null)
for f in init bin/busybox usr/sbin/dropbear usr/lib/sysstat/sadc usr/bin/time usr/bin/perl \
	usr/lib/sftp-server usr/bin/nohup etc/udhcpc.script usr/bin/dbclient usr/bin/ssh; do
	is "$([ -x "$tmp/root/$f" ] && echo yes)" yes "$f is in, executable"
done
is "$(cat "$tmp/root/etc/modules")" "virtio_ring.ko
virtio.ko
virtio_pci_modern_dev.ko
virtio_pci_legacy_dev.ko
virtio_pci.ko
failover.ko
net_failover.ko
virtio_net.ko" "virtio network modules, each after what it needs"
for m in $(cat "$tmp/root/etc/modules"); do
	is "$(file -b "$tmp/root/lib/modules/$m" | cut -d, -f1)" "ELF 64-bit LSB relocatable" "$m is a module"
done
guests=$(dropbearkey -y -f "$tmp/root/root/.ssh/id_dropbear" | awk '/^ssh-/ { print $1, $2 }')
is "$(cat "$tmp/root/root/.ssh/authorized_keys")" "$(cat "$tmp/key.pub")
$guests vsp-guest" "root's authorized keys: -a and the guests' own key"
is "$(stat -c %a "$tmp/root/root/.ssh/authorized_keys" "$tmp/root/root/.ssh/id_dropbear" | tr '\n' ' ')" \
	"600 600 " "... private, as is the guests' key"
is "$(readlink "$tmp/root/usr/bin/ssh")" dbclient "ssh in the guest is dropbear's dbclient"
same "$tmp/root/root/.ssh/known_hosts" "$tmp/guest/known_hosts" "the guest checks host keys with the same known_hosts"
is "$(dropbearkey -y -f "$tmp/root/etc/dropbear/dropbear_ed25519_host_key" | awk '/^ssh-/ { print $1, $2 }')" \
	"$key" "dropbear's host key is the one in known_hosts"
is "$(grep -c '^root:' "$tmp/root/etc/passwd")" 1 "a root account"
missing=
for bin in usr/sbin/dropbear usr/bin/dbclient usr/lib/sysstat/sadc usr/bin/time usr/bin/perl "$top/bin/vsp-gen"; do
	for lib in $(ldd "/${bin#/}" | awk '/=> \// { print $3 } /^\t\// { print $1 }'); do
		[ -e "$tmp/root$lib" ] || missing="$missing $lib"
	done
done
is "$missing" "" "every library ldd lists is in"
same "$tmp/root$top/bin/vsp-gen" "$top/bin/vsp-gen" "-f FILE: at its own path"
is "$(cd "$data/virt" && find . | sort | md5sum)" "$(cd "$tmp/root$data/virt" && find . | sort | md5sum)" \
	"-f FOLDER: all of it"

# -C: every candidate VM of the configuration, by name and address.
mkdir "$tmp/conf"
printf '[Hardware]\ncores = 2\nsockets = 1\nmem = 2\n' >"$tmp/conf/hardware.params"
printf 'pm3\npm4\n' >"$tmp/conf/vsp.nodes"
echo 'vm_prefix = g' >"$tmp/conf/vsp.params"
run "$g" -o "$tmp/g2" -C "$tmp/conf"
is "$rc" 0 "-C conf"
is "$(cut -d' ' -f1 "$tmp/g2/known_hosts" | tr '\n' ' ')" \
	"g-pm3-01 172.16.3.1 g-pm3-02 172.16.3.2 g-pm4-01 172.16.4.1 g-pm4-02 172.16.4.2 " \
	"known_hosts: each candidate VM's name and address"
mkdir "$tmp/root2"
(cd "$tmp/root2" && zcat "$tmp/g2/initrd.gz" | cpio -id 2>/dev/null)
is "$(cat "$tmp/root2/etc/hosts")" "127.0.0.1	localhost
$(vsp-virt hosts -C "$tmp/conf")" "the guest's /etc/hosts: the PMs and candidate VMs"
is "$(cat "$tmp/root/etc/hosts")" "127.0.0.1	localhost" "... without -C, localhost only"
is "$(grep -c '^ssh_key' "$tmp/g2/vsp.params")" 0 "no -a: no ssh_key"
run "$g" -o "$tmp/g3"
is "$rc: $err" "0: vsp-guest: no -H or -C: $tmp/g3/known_hosts is empty; add lines \"HOST $(cat "$tmp/g3/host_key.pub")\"" \
	"no hosts: an empty known_hosts, said"

fails 2 "vsp-guest: $tmp/nokernel: no such kernel" "$g" -o "$tmp/x" -k "$tmp/nokernel"
fails 2 "vsp-guest: $tmp/nokey.pub: cannot read" "$g" -o "$tmp/x" -a "$tmp/nokey.pub"
fails 2 "vsp-guest: bin/vsp-gen: give an absolute path" "$g" -o "$tmp/x" -f bin/vsp-gen
fails 2 "vsp-guest: $tmp/nofile: no such file" "$g" -o "$tmp/x" -f "$tmp/nofile"
is "$(ls -A "$tmp/x" 2>/dev/null)" "" "a failed build leaves nothing"
run "$g" -x
is "$rc $(head -1 <<<"$err")" "2 Illegal option -x" "an unknown option"
run "$g" extra
is "$rc $(head -1 <<<"$err" | cut -c1-16)" "2 usage: vsp-guest" "operands: usage"
echo 'net_class = D' >>"$tmp/conf/vsp.params"
run "$g" -o "$tmp/g4" -C "$tmp/conf"
is "$rc $(tail -1 <<<"$err")" "1 vsp-guest: vsp-virt hosts -C $tmp/conf failed" "-C with a bad configuration"
done_testing
