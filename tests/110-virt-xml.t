#!/bin/bash
# vsp-virt xml: domain XML of every pstrat and network source, as expected.
. "$(dirname "$0")/lib.sh"
d=$data/virt

run vsp-virt xml -C "$d/conf" -o "$tmp/xml" "$d/vms-pstrat.tsv"
is "$rc: $err$out" "0: " "xml -o writes the files quietly"
is "$(cd "$tmp/xml" && find . -type f | sort | tr '\n' ' ')" \
	"$(cd "$d/xml-pstrat" && find . -type f | sort | tr '\n' ' ')" \
	"one file per VM under its experiment"
for f in $(cd "$d/xml-pstrat" && find . -type f | sort); do
	same "$tmp/xml/$f" "$d/xml-pstrat/$f" "xml $f"
done
vsp-virt xml -C "$d/conf" <"$d/vms-pstrat.tsv" >"$tmp/all.xml"
is "$(grep -c '^<domain ' "$tmp/all.xml")" 20 "without -o every domain goes to stdout"
same "$tmp/all.xml" <(for e in NONE GREEDY BAL-ONE BAL-SET SPLIT; do
	cat "$d/xml-pstrat/ep-$e"/kvm-pbs08{2,3}-0{1,2}.xml; done) "in input order"

# The network sources and addressing options, on one VM of 4 vcpus.
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nnet\tep\t4\t4\t0\tBAL-ONE\t1\t1\n' \
	| vsp-place -C "$d/conf" >"$tmp/one.tsv"
for v in libvirt-bridge external-bridge sriov none vhost-no class-c; do
	cp -r "$d/conf" "$tmp/conf-$v"
	case $v in
	vhost-no) echo net_vhost = no ;;
	class-c) echo net_class = C ;;
	*) echo "network_source = $v" ;;
	esac >>"$tmp/conf-$v/vsp.params"
	vsp-virt xml -C "$tmp/conf-$v" <"$tmp/one.tsv" >"$tmp/$v.xml"
	same "$tmp/$v.xml" "$d/xml-net/$v.xml" "network $v"
done
run vsp-virt up -C "$tmp/conf-class-c" "$tmp/one.tsv"
is "$(cut -f16,17 "$tmp/.out" | tail -1)" "running	192.168.3.30" \
	"class C: address start + step * PM index + slot"

# InfiniBand: one VF per VM by the original's numbering (VF = start + slot,
# 8 functions per PCI slot).
cp -r "$d/conf" "$tmp/ib"
printf 'ib_bus = 0x03\nib_slot_start = 0\nib_device_start = 1\nib_vfs = 8\n' >>"$tmp/ib/hardware.params"
echo 'vm_infiniband = yes' >>"$tmp/ib/vsp.params"
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\nib\tep\t8\t1\t0\tBAL-ONE\t1\t0\n' \
	| vsp-place -C "$tmp/ib" >"$tmp/ib.tsv"
vsp-virt xml -C "$tmp/ib" "$tmp/ib.tsv" >"$tmp/ib.xml"
is "$(grep -o 'slot="[^"]*" function="[^"]*"' "$tmp/ib.xml" | sed -n '1p;7p;8p' | tr '\n' ' ')" \
	'slot="0x00" function="0x1" slot="0x00" function="0x7" slot="0x01" function="0x0" ' \
	"VFs of slots 0, 6 and 7 as the original's vectors"
awk '/<name>kvm-pbs082-01</,/<\/domain>/' "$tmp/ib.xml" | sed -n '/<hostdev/,/<\/hostdev>/p' >"$tmp/hostdev"
same "$tmp/hostdev" "$d/xml-net/infiniband-hostdev.xml" "the hostdev element"

# The original's vector V2 (kvm-pbs082-01-expected.xml): technology from
# the experiment's network, disk and infiniband columns.
cp -r "$d/conf" "$tmp/v2"
printf 'network_source = external-bridge\nnet_name_bridge_use = vespa-external-bridge\n' >>"$tmp/v2/vsp.params"
vsp-gen -C "$tmp/v2" -a parpac -n 16 -c 4 -i 8 -p BAL-ONE -x network=vhost,virtio,sr-iov \
	-x disk=scsi,ide -x infiniband=no | vsp-place -C "$tmp/v2" >"$tmp/v2.tsv"
run vsp-virt xml -C "$tmp/v2" -o "$tmp/v2x" "$tmp/v2.tsv"
is "$rc: $err" "0: " "xml with technology columns"
v2=$tmp/v2x/parpac-nc16-cpv4-idf8-bal-one-networkvhost-diskscsi-infinibandno/kvm-pbs082-01.xml
is "$(grep -E '<name>|<memory |<vcpu>|<vcpu |vcpupin|network=|mac address|model type|driver name="vhost|source file|target dev' "$v2" | sed 's/^ *//')" \
'<name>kvm-pbs082-01</name>
<memory unit="KiB">4194304</memory>
<vcpu placement="static">4</vcpu>
<vcpupin vcpu="0" cpuset="0"/>
<vcpupin vcpu="1" cpuset="1"/>
<vcpupin vcpu="2" cpuset="2"/>
<vcpupin vcpu="3" cpuset="3"/>
<source file="/home/giacomo/vms/node082/kvm-pbs082-01/disk.img"/>
<target dev="vda" bus="scsi"/>
<source network="vespa-external-bridge"/>
<mac address="00:16:36:ff:82:01"/>
<model type="virtio"/>
<driver name="vhost"/>' "V2: name, memory, pinning, disk, network as the original"
v=$tmp/v2x/parpac-nc16-cpv4-idf8-bal-one-networkvirtio-diskide-infinibandno/kvm-pbs083-02.xml
is "$(grep -E 'vcpupin vcpu="0"|<driver name="qemu"/>|target dev|mac address' "$v" | sed 's/^ *//' | tr '\n' ' ')" \
	'<vcpupin vcpu="0" cpuset="6"/> <target dev="vda" bus="ide"/> <mac address="00:16:36:ff:83:02"/> <driver name="qemu"/> ' \
	"network virtio: driver qemu; disk ide"
v=$(ls "$tmp"/v2x/*-networksr_iov_*-diskscsi-*/kvm-pbs082-01.xml)
is "$(sed -n '/<interface/,/<\/interface>/p' "$v" | sed 's/^ *//' | tr -d '\n')" \
	'<interface type="network"><source network="vsp-sriov"/><mac address="00:16:36:ff:82:01"/></interface>' \
	"network sr-iov: the SR-IOV network, no model or driver"

# A template in the config folder wins over the shared one.
cp -r "$d/conf" "$tmp/own"
cat >"$tmp/own/domain.xml" <<'XML'
<domain type='xen'><!-- ours -->
  <os><type>hvm</type></os>
  <cputune><shares>2048</shares></cputune>
  <metadata><other xmlns="urn:x">kept</other></metadata>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
XML
echo xml_domain_type = qemu >>"$tmp/own/vsp.params"
vsp-virt xml -C "$tmp/own" <"$tmp/one.tsv" >"$tmp/own.xml"
same "$tmp/own.xml" "$d/xml-net/own-template.xml" "the config folder's template, with what vsp does not own kept"

# vm_disk_mode: the disk is a volume of the PM's pool (repo_pool).
disk() {	# disk MODE [SETTING]: the <disk> of the VM, on one line
	rm -rf "$tmp/dm"
	cp -r "$d/conf" "$tmp/dm"
	sed -i "s/^vm_disk_mode = .*/vm_disk_mode = $1/" "$tmp/dm/vsp.params"
	[ -z "${2:-}" ] || echo "$2" >>"$tmp/dm/vsp.params"
	vsp-virt xml -C "$tmp/dm" <"$tmp/one.tsv" | sed -n '/<disk /,/<\/disk>/p' | sed 's/^ *//' | tr -d '\n'
}
is "$(disk overlay)" '<disk type="volume" device="disk"><driver name="qemu" type="qcow2"/><source pool="vsp-node083" volume="kvm-pbs083-01.qcow2"/><target dev="vda" bus="virtio"/></disk>' \
	"overlay: the VM's qcow2 volume in the PM's pool"
is "$(disk copy 'xml_disk_drivertype = qcow2')" '<disk type="volume" device="disk"><driver name="qemu" type="qcow2"/><source pool="vsp-node083" volume="kvm-pbs083-01.qcow2"/><target dev="vda" bus="virtio"/></disk>' \
	"copy: the VM's volume, named by the image's format"
is "$(disk copy)" '<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="vsp-node083" volume="kvm-pbs083-01.raw"/><target dev="vda" bus="virtio"/></disk>' \
	"copy of a raw image"
is "$(disk shared 'repo_pool = img-{node}')" '<disk type="volume" device="disk"><driver name="qemu" type="raw"/><source pool="img-node083" volume="disk.img"/><target dev="vda" bus="virtio"/><readonly/></disk>' \
	"shared: the image itself, read-only"
is "$(disk fixed)" '<disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/home/giacomo/vms/node083/kvm-pbs083-01/disk.img"/><target dev="vda" bus="virtio"/></disk>' \
	"fixed: the original's file"
is "$(disk overlay 'vm_disk =')" "" "no vm_disk: no disk"
done_testing
