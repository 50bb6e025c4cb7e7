#!/bin/bash
# vsp-virt xml: direct kernel boot (vm_kernel, vm_initrd, vm_cmdline) and
# no disk (vm_disk empty), as the tiny VMs of the real-QEMU sweep use.
. "$(dirname "$0")/lib.sh"
d=$data/virt
cp -r "$d/conf" "$tmp/conf"
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nk\tep\t2\t2\t0\tBAL-ONE\t1\t0\n' \
	| vsp-place -C "$tmp/conf" >"$tmp/one.tsv"
vsp-virt xml -C "$tmp/conf" <"$tmp/one.tsv" >"$tmp/disk.xml"
is "$(grep -c '<disk ' "$tmp/disk.xml"):$(grep -c '<kernel>' "$tmp/disk.xml"):$(grep -c '<boot ' "$tmp/disk.xml")" \
	"1:0:1" "by default: the disk image and boot from it"
cat >>"$tmp/conf/vsp.params" <<'P'
vm_disk =
vm_kernel = /boot/vmlinuz-test
vm_initrd = /tmp/initrd.gz
vm_cmdline = console=ttyS0 panic=-1
P
run vsp-virt xml -C "$tmp/conf" "$tmp/one.tsv"
is "$rc" 0 "xml with a kernel"
is "$(printf '%s\n' "$out" | sed -n '/<os>/,/<\/os>/p' | tr -d ' \n')" \
	"<os><typearch=\"x86_64\">hvm</type><smbiosmode=\"sysinfo\"/><kernel>/boot/vmlinuz-test</kernel><initrd>/tmp/initrd.gz</initrd><cmdline>console=ttyS0panic=-1</cmdline></os>" \
	"<os> boots the kernel, no <boot>"
is "$(printf '%s\n' "$out" | grep -c '<disk ')" 0 "vm_disk empty: no disk"
sed -i '/^vm_initrd/d; /^vm_cmdline/d' "$tmp/conf/vsp.params"
run vsp-virt xml -C "$tmp/conf" "$tmp/one.tsv"
is "$(printf '%s\n' "$out" | sed -n '/<os>/,/<\/os>/p' | tr -d ' \n')" \
	"<os><typearch=\"x86_64\">hvm</type><smbiosmode=\"sysinfo\"/><kernel>/boot/vmlinuz-test</kernel></os>" \
	"a kernel alone"
done_testing
