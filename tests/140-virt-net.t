#!/bin/bash
# vsp-virt hosts, dhcp and net: setup files from the addressing scheme.
. "$(dirname "$0")/lib.sh"
d=$data/virt/net

for what in hosts dhcp net; do
	run vsp-virt $what -C "$d/conf"
	is "$rc: $err" "0: " "$what runs"
	printf '%s\n' "$out" >"$tmp/$what"
	same "$tmp/$what" "$d/$what.out" "$what output"
done
cp -r "$d/conf" "$tmp/c"
printf 'net_class = C\ndhcp_c_start = 20\ndhcp_c_step = 10\n' >>"$tmp/c/vsp.params"
vsp-virt hosts -C "$tmp/c" >"$tmp/hosts-c"
same "$tmp/hosts-c" "$d/hosts-c.out" "class C: PM line + 1, VMs start + step * index + slot"
vsp-virt dhcp -C "$tmp/c" | sed -n 4,8p >"$tmp/dhcp-c"
same "$tmp/dhcp-c" "$d/dhcp-c.out" "class C subnet"
for src in external-bridge sriov; do
	cp -r "$d/conf" "$tmp/$src"
	echo "network_source = $src" >>"$tmp/$src/vsp.params"
	run vsp-virt net -C "$tmp/$src" -o "$tmp/$src/out"
	is "$rc: $err$out" "0: " "net -o for $src"
	is "$(ls "$tmp/$src/out" | tr '\n' ' ')" "node082.xml node200.xml " "one file per PM"
	same "$tmp/$src/out/node200.xml" "$d/$src.xml" "$src network"
done
# net_forward: open needs no firewall rules and names no device; route and
# nat forward to net_dev; anything else is refused.
for fwd in open route; do
	cp -r "$d/conf" "$tmp/$fwd"
	echo "net_forward = $fwd" >>"$tmp/$fwd/vsp.params"
	run vsp-virt net -C "$tmp/$fwd"
	is "$rc: $err" "0: " "net with net_forward=$fwd"
	is "$(printf '%s\n' "$out" | grep -c '<forward')" 2 "one forward per PM ($fwd)"
	printf '%s\n' "$out" | grep -v '<forward' >"$tmp/$fwd/rest"
	grep -v '<forward' "$d/net.out" >"$tmp/$fwd/rest-nat"
	same "$tmp/$fwd/rest" "$tmp/$fwd/rest-nat" "only the forward element differs ($fwd)"
done
is "$(vsp-virt net -C "$tmp/open" | grep '<forward' | sort -u)" '  <forward mode="open"/>' \
	"open: no device"
is "$(vsp-virt net -C "$tmp/route" | grep '<forward' | sort -u)" '  <forward mode="route" dev="eth0"/>' \
	"route: through net_dev"
sed -i "s/^net_forward = open/net_forward = bridge/" "$tmp/open/vsp.params"
fails 2 "vsp-virt: $tmp/open/vsp.params:4: net_forward \"bridge\" is not nat, route or open" \
	vsp-virt net -C "$tmp/open"
# net_shared: one network for PMs that share a libvirtd (the lab): every
# candidate VM of every PM, the range from the lowest to the highest
# address (whatever the order of vsp.nodes), the bridge at the router.
cp -r "$d/conf" "$tmp/shared"
echo "net_shared = yes" >>"$tmp/shared/vsp.params"
printf 'node200\nnode082\n' >"$tmp/shared/vsp.nodes"
run vsp-virt net -C "$tmp/shared" -o "$tmp/shared/out"
is "$rc: $err" "0: " "net with net_shared=yes"
same "$tmp/shared/out/node082.xml" "$d/shared.xml" "one network with every candidate VM"
same "$tmp/shared/out/node200.xml" "$d/shared.xml" "... the same on every PM"
cp -r "$d/conf" "$tmp/m"
printf 'node099\nnode100\nnode159\nnode160\n' >"$tmp/m/vsp.nodes"
is "$(vsp-virt dhcp -C "$tmp/m" | awk '/ethernet/ { print $3 }' | sed -n '1~2p' | tr '\n' ' ')" \
	"00:16:36:ff:99:01; 00:16:36:ff:0a:01; 00:16:36:ff:9f:01; 00:16:36:ff:a0:01; " \
	"MAC octets: 99 as digits, 100-255 the octets with a hex letter"
echo "network_source = none" >>"$tmp/c/vsp.params"
fails 2 "vsp-virt: $tmp/c/vsp.params:7: network_source \"none\" has no libvirt network (libvirt-bridge, external-bridge, sriov)" \
	vsp-virt net -C "$tmp/c"
# net -d defines, starts and autostarts each PM's network through libvirt;
# one that exists already is left as it is.
cp -r "$d/conf" "$tmp/d"
echo "libvirt_uri = test://$tmp/{node}.xml" >>"$tmp/d/vsp.params"
printf '<node><cpu><active>2</active><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads></cpu><memory>4194304</memory>%s</node>\n' \
	"" >"$tmp/node082.xml"
printf '<node><cpu><active>2</active><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>1</threads></cpu><memory>4194304</memory>%s</node>\n' \
	"<network><name>vsp-libvirt-bridge</name><bridge name='br9'/></network>" >"$tmp/node200.xml"
run vsp-virt net -d -C "$tmp/d"
is "$rc: $err" "0: " "net -d"
is "$out" "node	uri	network	state
node082	test://$tmp/node082.xml	vsp-libvirt-bridge	defined
node200	test://$tmp/node200.xml	vsp-libvirt-bridge	existing" "net -d: defined, or existing"
rm "$tmp/node200.xml"
fails 1 "vsp-virt: node200: network vsp-libvirt-bridge on test://$tmp/node200.xml: XML error: failed to parse xml document '$tmp/node200.xml'" \
	vsp-virt net -d -C "$tmp/d"
is "$out" "node	uri	network	state
node082	test://$tmp/node082.xml	vsp-libvirt-bridge	defined" "the PMs that worked are listed"
run vsp-virt net -d -o "$tmp/x" -C "$tmp/d"
is "$rc" 2 "net -d and -o together is a usage error"

cp -r "$d/conf" "$tmp/e"
sed -i 's/^vm_name = .*/vm_name = {exp}-{slot}/' "$tmp/e/vsp.params"
fails 2 "vsp-virt: $tmp/e/vsp.params:3: vm_name \"{exp}-{slot}\" names VMs per experiment; setup files need names without {exp} and {app}" \
	vsp-virt hosts -C "$tmp/e"
done_testing
