#!/bin/bash
# PM addresses in vsp.nodes: libvirt_uri's {addr}, the addr of physical
# rows, and vsp-mon monitoring a PM at its address (one collector per
# machine, named as the PM).
# tier: real (sadc collectors)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
trap 'kill_collectors; rm_tmp' EXIT
d=$data/virt

mkdir -p "$tmp/hosts" "$tmp/conf"
cp -r "$d/conf/." "$tmp/conf/"
printf 'node082 10.78.0.11\nnode083\n' >"$tmp/conf/vsp.nodes"
sed -i "s|^libvirt_uri = .*|libvirt_uri = test://$tmp/hosts/{addr}.xml|" "$tmp/conf/vsp.params"
for h in 10.78.0.11 node083; do
	cat >"$tmp/hosts/$h.xml" <<XML
<node><cpu><mhz>2000</mhz><model>x86_64</model><active>12</active><nodes>1</nodes>
<sockets>1</sockets><cores>12</cores><threads>1</threads></cpu><memory>33554432</memory></node>
XML
done

vsp-gen -C "$tmp/conf" -a ep -n 24 -c 12 -i 12 -p NONE | vsp-place -C "$tmp/conf" >"$tmp/vms.tsv"
run vsp-virt up -C "$tmp/conf" "$tmp/vms.tsv"
is "$rc: $err" "0: " "up with a PM address"
is "$(printf '%s\n' "$out" | cut -f10,14 | tail -n +2)" \
	"node082	test://$tmp/hosts/10.78.0.11.xml
node083	test://$tmp/hosts/node083.xml" "{addr}: the vsp.nodes address, else the name"

vsp-gen -C "$tmp/conf" -a ep -n 8 -c 4 -i -1 -p NONE | vsp-place -C "$tmp/conf" >"$tmp/phys.tsv"
run vsp-virt up -C "$tmp/conf" "$tmp/phys.tsv"
is "$rc: $(printf '%s\n' "$out" | cut -f10,16,17 | tail -n +2)" "0: node082	physical	10.78.0.11
node083	physical	node083" "physical rows: addr is where the PM is reached"
sed -i 's/^libvirt_uri = .*/libvirt_uri = qemu+ssh:\/\/{host}\/system/' "$tmp/conf/vsp.params"
fails 2 "vsp-virt: $tmp/conf/vsp.params:2: libvirt_uri \"qemu+ssh://{host}/system\" has an unknown placeholder (known: {node} {addr})" \
	vsp-virt up -C "$tmp/conf" "$tmp/vms.tsv"

# vsp-mon: the nodefile of a physical run lists PM addresses, -m the PM
# names; one collector per PM, named as the PM (here this machine, whose
# address "localhost" vsp-mon runs sadc at without SSH).
mkconf "$tmp/mconf"
printf 'pm01 localhost\npm02 10.78.0.12\n' >"$tmp/mconf/vsp.nodes"
mkdir "$tmp/run"
printf 'localhost\nlocalhost\n' >"$tmp/run/nodefile"
run vsp-mon start -C "$tmp/mconf" -d "$tmp/run" -n "$tmp/run/nodefile" -m pm01
is "$rc: $err" "0: " "start on a PM given by address"
is "$(cut -f1-4 "$tmp/run/mon/state")" "host	addr	kind	state
pm01	localhost	pm	started" "one collector per PM, named as the PM, at its address"
sleep 2
run vsp-mon stop -C "$tmp/mconf" -d "$tmp/run"
is "$rc: $err" "0: " "stop"
is "$(check_series "$tmp/run/mon/pm01.tsv" pm01 pm)" ok "the PM's series, under its name"
done_testing
