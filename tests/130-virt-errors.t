#!/bin/bash
# vsp-virt: every bad input, setting and template, with its message and status.
. "$(dirname "$0")/lib.sh"
d=$data/virt
v=$d/vms-pstrat.tsv
usage="usage: vsp-virt up [-C dir] [file]
       vsp-virt down [-C dir] [file]
       vsp-virt xml [-C dir] [-o dir] [file]
       vsp-virt ls [-C dir]
       vsp-virt hosts | dhcp [-C dir]
       vsp-virt net [-C dir] [-o dir | -d]
       vsp-virt image [-C dir] [-c] [-n name] file"
fails 2 "$usage" vsp-virt
fails 2 "$usage" vsp-virt -h
fails 2 "$usage" vsp-virt up -h
fails 2 "vsp-virt: unknown command \"frob\"
$usage" vsp-virt frob
fails 2 "$usage" vsp-virt ls -C "$d/conf" extra
fails 2 "$usage" vsp-virt up -o dir -C "$d/conf"
fails 2 "vsp-virt: $tmp/none: No such file or directory" vsp-virt up -C "$d/conf" "$tmp/none"

# Bad rows: nothing is defined, status 2, the line named.
h='exp\tvm\tnode\tslot\tvcpus\tpin\n'
row() { printf "$h$1" >"$tmp/in"; }
bad() {	# bad ROWS MESSAGE [COMMAND]
	row "$1"
	fails 2 "vsp-virt: $tmp/in:$2" vsp-virt "${3:-up}" -C "$d/conf" "$tmp/in"
}
cut -f1-12 "$v" >"$tmp/nopin"
fails 2 "vsp-virt: $tmp/nopin:1: missing column \"pin\"" vsp-virt up -C "$d/conf" "$tmp/nopin"
bad 'e\tv1\tnodeX\t0\t1\t0\n' "2: node \"nodeX\" is not in $d/conf/vsp.nodes"
bad 'e\tv1\tnode082\tx\t1\t0\n' '2: slot "x" is not an integer (0 to 65535)'
bad 'e\tv1\tnode082\t0\t13\t0\n' '2: vcpus "13" is out of range (1 to 12)'
bad 'e\tv1\tnode082\t0\t2\t0\n' '2: pin "0" has 1 cpusets for 2 vcpus'
bad 'e\tv1\tnode082\t0\t1\t12\n' '2: pin "12" names core 12 but a PM has 12 cores'
bad 'e\tv1\tnode082\t0\t1\t0-x\n' '2: pin "0-x": cpuset "0-x" is malformed'
bad 'e\tv 1\tnode082\t0\t1\t0\n' '2: vm "v 1" is not a domain name (A-Z a-z 0-9 . _ -)'
bad 'e\tv1\tnode082\t0\t1\t0\ne\tv1\tnode082\t1\t1\t1\n' '3: vm "v1" on "node082" is listed twice in experiment "e"'
bad 'e\tv1\tnode082\t0\t1\t0\te\n' '2: expected 6 fields, got more'
bad 'e\tv1\tnode082\t300\t1\t0\n' '2: class B address 172.16.82.301 of slot 300 is past .253 (.254 is the PM)'
bad 'e\tv1\tnode082\t0\t2\t0\n' '2: pin "0" has 1 cpusets for 2 vcpus' xml
h='exp\tvm\tnode\tslot\tvcpus\tpin\tnetwork\tdisk\tinfiniband\n'
bad 'e\tv1\tnode082\t0\t1\t0\tnone\t\t\n' '2: network "none" is not virtio, vhost or sr-iov'
bad 'e\tv1\tnode082\t0\t1\t0\t\tsata\t\n' '2: disk "sata" is not ide, scsi or virtio'
bad 'e\tv1\tnode082\t0\t1\t0\t\t\tmaybe\n' '2: infiniband "maybe" is not yes or no'
row 'e\tv1\tnode082\t0\t1\t0\t\t\tyes\n'
fails 2 "vsp-virt: $d/conf/hardware.params: an InfiniBand VF needs \"ib_bus\" in [Hardware]" \
	vsp-virt xml -C "$d/conf" "$tmp/in"
h='exp\tvm\tnode\tslot\tvcpus\tpin\n'
row 'e/x\tv1\tnode082\t0\t1\t0\n'
fails 2 "vsp-virt: $tmp/in:2: exp \"e/x\" is not a file name" vsp-virt xml -C "$d/conf" -o "$tmp/xo" "$tmp/in"
# up and down refuse the exp ids xml refuses (a folder, a uuid seed)
for cmd in up down xml; do
	bad '../../etc/x\tv1\tnode082\t0\t1\t0\n' '2: exp "../../etc/x" is not a file name' $cmd
	bad 'a;b\tv1\tnode082\t0\t1\t0\n' '2: exp "a;b" is not a file name' $cmd
	bad 'a\\tb\tv1\tnode082\t0\t1\t0\n' "2: exp \"a	b\" is not a file name" $cmd
done
# xml -o: a bad row that may be the experiment's leaves none of its files
row 'a\tv1\tnode082\t0\t1\t0\na\tv2\tnode082\t1\t1\t1\\q\n'
fails 2 "vsp-virt: $tmp/in:3: unknown escape \"\\q\"" vsp-virt xml -C "$d/conf" -o "$tmp/xo2" "$tmp/in"
is "$(ls -A "$tmp/xo2")" "" "xml -o: no file of the failed experiment"
run vsp-virt up -C "$d/conf" "$tmp/in"
is "$rc:$out" "2:$(printf 'exp\tvm\tnode\tslot\tvcpus\tpin\turi\tuuid\tstate\taddr')" \
	"up: nothing done for an experiment a bad row may belong to"
# the experiment before a bad one is whole
row 'a\tv1\tnode082\t0\t1\t0\nb\tv1\tnodeX\t0\t1\t0\n'
run vsp-virt up -C "$d/conf" "$tmp/in"
is "$rc: $(printf '%s\n' "$out" | cut -f1,9 | tr '\t\n' ' ;')" "2: exp state;a running;" \
	"rows of the experiment before a bad row are printed"

# Bad settings and templates.
conf() {	# conf LINE...: a config folder without libvirt_uri, plus lines
	rm -rf "$tmp/c"
	cp -r "$d/conf" "$tmp/c"
	sed -i '/^libvirt_uri/d' "$tmp/c/vsp.params"
	printf '%s\n' "$@" >>"$tmp/c/vsp.params"
}
setting() {	# setting LINE MESSAGE
	conf "$1"
	fails 2 "vsp-virt: $tmp/c/vsp.params:6: $2" vsp-virt up -C "$tmp/c" "$v"
}
setting 'vm_ready = ping' 'vm_ready "ping" is not running, tcp:PORT, console:MARKER or ssh'
setting 'vm_ready = tcp:0' 'vm_ready "tcp:0" needs a port 1-65535'
setting 'vm_ready = console:x' 'vm_ready "console:x" needs vm_console_log'
conf
sed -i 's/^vm_disk_mode = fixed/vm_disk_mode = thin/' "$tmp/c/vsp.params"
fails 2 "vsp-virt: $tmp/c/vsp.params:5: vm_disk_mode \"thin\" is not overlay, copy, shared or fixed" \
	vsp-virt up -C "$tmp/c" "$v"
setting 'vm_disk = a/b.img' 'vm_disk "a/b.img" is not a file name (A-Z a-z 0-9 . _ -)'
setting 'xml_disk_drivertype = q cow' 'xml_disk_drivertype "q cow" is not a format name (raw, qcow2, ...)'
setting 'repo_pool = vsp-{vm}' 'repo_pool "vsp-{vm}" has an unknown placeholder (known: {node} {addr})'
setting 'vm_cmdline = root=/dev/vda name={host}' 'vm_cmdline "root=/dev/vda name={host}" has an unknown placeholder (known: {vm} {exp} {node} {addr} {slot})'
setting 'network_source = wifi' 'network_source "wifi" is not libvirt-bridge, external-bridge, sriov or none'
setting 'net_class = A' 'net_class "A" is not B or C'
setting 'dhcp_b_prefix = 172' 'dhcp_b_prefix "172" is not two octets (172.16)'
setting 'dhcp_c_prefix = 192.168.300' 'dhcp_c_prefix "192.168.300" is not three octets (192.168.3)'
setting 'net_mac_prefix = 00:16:36' 'net_mac_prefix "00:16:36" is not four octets (00:16:36:ff)'
setting 'libvirt_uri = qemu+ssh://{host}/system' 'libvirt_uri "qemu+ssh://{host}/system" has an unknown placeholder (known: {node} {addr})'
setting 'vm_console_log = /x/{bad}' 'vm_console_log "/x/{bad}" has an unknown placeholder (known: {vm} {exp} {node} {addr} {slot})'
setting 'overcommit = maybe' 'overcommit "maybe" is not yes or no'
setting 'vm_ready_timeout = -1' 'vm_ready_timeout "-1" is out of range (0 to 86400)'
conf
printf 'node1\nfoo1\n' >"$tmp/c/vsp.nodes"
fails 2 "vsp-virt: $tmp/c/vsp.nodes: nodes \"node1\" and \"foo1\" both have number 1 (from trailing digits, else the line): addresses would collide" \
	vsp-virt hosts -C "$tmp/c"
printf 'node300\n' >"$tmp/c/vsp.nodes"
fails 2 "vsp-virt: $tmp/c/vsp.nodes: node \"node300\" ends in a number above 255 (addresses and MACs need 0-255)" \
	vsp-virt hosts -C "$tmp/c"

conf 'vm_infiniband = yes'
fails 2 "vsp-virt: $tmp/c/hardware.params: an InfiniBand VF needs \"ib_bus\" in [Hardware]" \
	vsp-virt xml -C "$tmp/c" "$v"
printf 'ib_bus = 0x3g\n' >>"$tmp/c/hardware.params"
fails 2 "vsp-virt: $tmp/c/hardware.params:5: ib_bus \"0x3g\" is not a number 0 to 255" \
	vsp-virt xml -C "$tmp/c" "$v"
sed -i 's/0x3g/3/' "$tmp/c/hardware.params"
printf 'ib_slot_start = 0\nib_device_start = 0\nib_vfs = 1\n' >>"$tmp/c/hardware.params"
fails 2 "vsp-virt: $v:3: slot 1 has no InfiniBand VF (ib_vfs is 1)" \
	vsp-virt xml -C "$tmp/c" "$v"

template() {	# template TEXT MESSAGE
	conf
	printf "$1" >"$tmp/c/domain.xml"
	fails 2 "vsp-virt: $tmp/c/domain.xml:$2" vsp-virt xml -C "$tmp/c" "$v"
}
template '<domain>\n<os>\n</domain>\n' '4: Premature end of data in tag domain line 1'
template '' '1: Document is empty'
template '<dom><os/><devices/></dom>\n' '1: the root element is not <domain>'
template '<domain>\n <os/>\n</domain>\n' '1: <domain> has no <devices> element'
template '<domain>\n <devices/>\n</domain>\n' '1: <domain> has no <os> element'
conf
rm -f "$tmp/c/domain.xml"
VSP_SHARE=$tmp/noshare fails 2 "vsp-virt: $tmp/noshare/domain.xml: No such file or directory" \
	vsp-virt xml -C "$tmp/c" "$v"

# Unreachable URIs: up and down fail with libvirt's reason, exit 1.
conf 'libvirt_uri = test:///nonexistent/{node}.xml'
head -3 "$v" >"$tmp/two"
fails 1 "vsp-virt: $tmp/two:2: kvm-pbs082-01 on node082: cannot connect to test:///nonexistent/node082.xml: XML error: failed to parse xml document '/nonexistent/node082.xml'
vsp-virt: $tmp/two:3: kvm-pbs082-02 on node082: cannot connect to test:///nonexistent/node082.xml: XML error: failed to parse xml document '/nonexistent/node082.xml'
vsp-virt: experiment ep-NONE failed: no domain was defined" vsp-virt up -C "$tmp/c" "$tmp/two"
fails 1 "vsp-virt: $tmp/two:2: kvm-pbs082-01 on node082: cannot connect to test:///nonexistent/node082.xml: XML error: failed to parse xml document '/nonexistent/node082.xml'
vsp-virt: $tmp/two:3: kvm-pbs082-02 on node082: cannot connect to test:///nonexistent/node082.xml: XML error: failed to parse xml document '/nonexistent/node082.xml'" \
	vsp-virt down -C "$tmp/c" "$tmp/two"
is "$out" "$(head -1 "$tmp/two")	uri	uuid	state	addr" "down prints no row it could not remove"
printf 'node082\n' >"$tmp/c/vsp.nodes"
fails 1 "vsp-virt: node082: cannot connect to test:///nonexistent/node082.xml: XML error: failed to parse xml document '/nonexistent/node082.xml'" \
	vsp-virt ls -C "$tmp/c"

# image: bad operands and names, before any PM is reached.
fails 2 "$usage" vsp-virt image -C "$d/conf"
fails 2 "$usage" vsp-virt image -C "$d/conf" a b
fails 2 "vsp-virt: $tmp/none.img: No such file or directory" vsp-virt image -C "$d/conf" "$tmp/none.img"
fails 2 "vsp-virt: $tmp: not a regular file" vsp-virt image -C "$d/conf" "$tmp"
: >"$tmp/x.img"
fails 2 'vsp-virt: image name "../x.img" is not a file name (A-Z a-z 0-9 . _ -)' \
	vsp-virt image -n ../x.img -C "$d/conf" "$tmp/x.img"
conf 'vm_disk ='
fails 2 "vsp-virt: $tmp/c/vsp.params:6: vm_disk is empty: name the image with -n" \
	vsp-virt image -C "$tmp/c" "$tmp/x.img"
done_testing
