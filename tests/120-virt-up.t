#!/bin/bash
# tier: real
# vsp-virt up, down and ls on libvirt's test driver.
. "$(dirname "$0")/lib.sh"
d=$data/virt
cp -r "$top/share/examples/conf" "$tmp/ex"
ex=$tmp/ex
mkapp "$ex" x

# The example sweep: every experiment up in one stream (each one connects
# afresh, and test:///default starts empty each time), then down.
vsp-gen -C "$ex" -a x -n 4 | vsp-place -C "$ex" >"$tmp/vms.tsv"
run vsp-virt up -C "$ex" "$tmp/vms.tsv"
is "$rc: $err" "0: " "up of the whole example sweep"
printf '%s\n' "$out" >"$tmp/up.tsv"
same "$tmp/up.tsv" "$d/example-up.tsv" "up adds uri uuid state addr"
vsp-virt down -C "$ex" <"$tmp/up.tsv" >"$tmp/down.tsv"
is "$?" 0 "down of the sweep"
same "$tmp/down.tsv" "$d/example-down.tsv" "down says gone, keeps addr"
vsp-virt down -C "$ex" <"$tmp/down.tsv" >"$tmp/down2.tsv"
is "$?" 0 "down twice"
same "$tmp/down2.tsv" "$d/example-down.tsv" "down twice says the same"
run vsp-virt down -C "$ex" "$tmp/vms.tsv"
is "$rc: $(printf '%s\n' "$out" | cut -f15 | sed -n 2p)" \
	"0: $(cut -f15 "$d/example-up.tsv" | sed -n 2p)" \
	"down of vsp-place's rows: uuid from exp and vm"

# The physical cluster (idf -1): nothing to define, rows pass through.
vsp-gen -C "$d/conf" -a ep -n 8 -c 4 -i -1 -p NONE | vsp-place -C "$d/conf" >"$tmp/phys.tsv"
run vsp-virt up -C "$d/conf" "$tmp/phys.tsv"
is "$rc: $(printf '%s\n' "$out" | cut -f9,10,14- | tr '\t\n' ',;')" \
	"0: vm,node,uri,uuid,state,addr;,node082,,,physical,node082;,node083,,,physical,node083;" \
	"physical rows: state physical, addr the node"
run vsp-virt down -C "$d/conf" "$tmp/phys.tsv"
is "$rc: $(printf '%s\n' "$out" | cut -f16 | tail -1)" "0: physical" "down passes them too"

# A test host per PM with a running vsp domain of experiment "old", a
# foreign domain and 4 CPUs (test:///path gives each connection its own).
host() {	# host FILE CPUS NAME UUID NODE VCPUS
	cat >"$1" <<XML
<node>
  <cpu><mhz>2000</mhz><model>x86_64</model><active>$2</active><nodes>1</nodes>
    <sockets>1</sockets><cores>$2</cores><threads>1</threads></cpu>
  <memory>33554432</memory>
  <domain type='test'><name>$3</name><uuid>$4</uuid>
    <memory>1048576</memory><vcpu>$6</vcpu><os><type>hvm</type></os>
    <metadata><vsp:vm xmlns:vsp="urn:vsp:vm:1"><vsp:exp>old</vsp:exp>
      <vsp:app>ep</vsp:app><vsp:vm>$3</vsp:vm><vsp:node>$5</vsp:node>
      <vsp:slot>0</vsp:slot><vsp:vcpus>$6</vsp:vcpus><vsp:pin></vsp:pin>
      <vsp:addr>172.16.82.1</vsp:addr></vsp:vm></metadata>
  </domain>
  <domain type='test'><name>foreign</name><memory>1024</memory><os><type>hvm</type></os></domain>
</node>
XML
}
mkdir -p "$tmp/hosts"
uuid() {	# uuid EXP/VM: what vsp gives a VM (tests/unit/test-uuid5 checks it)
	printf 'exp\tvm\tnode\n%s\t%s\tnode082\n' "${1%%/*}" "${1#*/}" \
		| vsp-virt down -C "$d/conf" | cut -f5 | tail -1
}
for n in 082 083 084 085; do
	host "$tmp/hosts/node$n.xml" 12 "kvm-pbs$n-09" "$(uuid old/kvm-pbs$n-09)" "node$n" 2
done
cp -r "$d/conf" "$tmp/conf"
sed -i "s|^libvirt_uri = .*|libvirt_uri = test://$tmp/hosts/{node}.xml|" "$tmp/conf/vsp.params"

run vsp-virt ls -C "$tmp/conf"
is "$rc: $err" "0: " "ls"
is "$(printf '%s\n' "$out" | cut -f1,2,9,10,14,16,17 | tr '\t\n' ' ;')" \
"exp app vm node uri state addr;old ep kvm-pbs082-09 node082 test://$tmp/hosts/node082.xml running 172.16.82.1;\
old ep kvm-pbs083-09 node083 test://$tmp/hosts/node083.xml running 172.16.82.1;\
old ep kvm-pbs084-09 node084 test://$tmp/hosts/node084.xml running 172.16.82.1;\
old ep kvm-pbs085-09 node085 test://$tmp/hosts/node085.xml running 172.16.82.1;" \
	"ls lists vsp's domains on every PM by their metadata, not the foreign one"
vsp-virt ls -C "$tmp/conf" | vsp-virt down -C "$tmp/conf" >"$tmp/lsdown.tsv"
is "$?" 0 "ls | down"
is "$(cut -f9,16 "$tmp/lsdown.tsv" | tr '\t\n' ' ;')" \
	"vm state;kvm-pbs082-09 gone;kvm-pbs083-09 gone;kvm-pbs084-09 gone;kvm-pbs085-09 gone;" \
	"ls | down destroys and undefines them"
sed 's/^old\t/new\t/' <(vsp-virt ls -C "$tmp/conf") | cut -f1-14 >"$tmp/other.tsv"
fails 1 "vsp-virt: $tmp/other.tsv:2: kvm-pbs082-09 on node082: the domain of that name has uuid $(uuid old/kvm-pbs082-09), not $(uuid new/kvm-pbs082-09): not vsp's for experiment new, left alone
vsp-virt: $tmp/other.tsv:3: kvm-pbs083-09 on node083: the domain of that name has uuid $(uuid old/kvm-pbs083-09), not $(uuid new/kvm-pbs083-09): not vsp's for experiment new, left alone
vsp-virt: $tmp/other.tsv:4: kvm-pbs084-09 on node084: the domain of that name has uuid $(uuid old/kvm-pbs084-09), not $(uuid new/kvm-pbs084-09): not vsp's for experiment new, left alone
vsp-virt: $tmp/other.tsv:5: kvm-pbs085-09 on node085: the domain of that name has uuid $(uuid old/kvm-pbs085-09), not $(uuid new/kvm-pbs085-09): not vsp's for experiment new, left alone" \
	vsp-virt down -C "$tmp/conf" "$tmp/other.tsv"
is "$(printf '%s\n' "$out" | wc -l)" 1 "down prints no row of an experiment it failed on"

# Capacity: node082 runs 12 vcpus of experiment "old" already.
host "$tmp/hosts/node082.xml" 12 kvm-pbs082-09 "$(uuid old/kvm-pbs082-09)" node082 12
vsp-gen -C "$d/conf" -a ep -n 16 -c 4 -i 8 -p BAL-ONE | vsp-place -C "$d/conf" >"$tmp/exp.tsv"
fails 1 "vsp-virt: $tmp/exp.tsv:2: kvm-pbs082-01 on node082: 8 vcpus of this experiment and 12 of running vsp domains (kvm-pbs082-09) exceed the 12 cores of node082 (overcommit=no)
vsp-virt: $tmp/exp.tsv:3: kvm-pbs082-02 on node082: 8 vcpus of this experiment and 12 of running vsp domains (kvm-pbs082-09) exceed the 12 cores of node082 (overcommit=no)
vsp-virt: experiment ep-nc16-cpv4-idf8-bal-one failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/conf" "$tmp/exp.tsv"
is "$out" "$(head -1 "$tmp/exp.tsv")	uri	uuid	state	addr" "up prints only the header"
cp -r "$tmp/conf" "$tmp/over"
echo overcommit = yes >>"$tmp/over/vsp.params"
run vsp-virt up -C "$tmp/over" "$tmp/exp.tsv"
is "$rc: $err" "0: " "overcommit = yes lets it run"

# One PM's URI fails: the VMs made on the others are rolled back.
rm "$tmp/hosts/node083.xml"
run vsp-virt up -C "$tmp/over" "$tmp/exp.tsv"
is "$rc" 1 "up fails when a PM cannot be reached"
is "$err" \
"vsp-virt: $tmp/exp.tsv:4: kvm-pbs083-01 on node083: cannot connect to test://$tmp/hosts/node083.xml: XML error: failed to parse xml document '$tmp/hosts/node083.xml'
vsp-virt: $tmp/exp.tsv:5: kvm-pbs083-02 on node083: cannot connect to test://$tmp/hosts/node083.xml: XML error: failed to parse xml document '$tmp/hosts/node083.xml'
vsp-virt: experiment ep-nc16-cpv4-idf8-bal-one failed: 2 of 2 domains made by this call destroyed and undefined" \
	"naming the PM's VMs; the other PM's two domains are rolled back"

# Fewer CPUs on the host than hardware.params says.
host "$tmp/hosts/node083.xml" 4 kvm-pbs083-09 "$(uuid old/kvm-pbs083-09)" node083 1
fails 1 "vsp-virt: $tmp/exp.tsv:5: kvm-pbs083-02 on node083: pin names core 9 but test://$tmp/hosts/node083.xml has 4 CPUs
vsp-virt: experiment ep-nc16-cpv4-idf8-bal-one failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/over" "$tmp/exp.tsv"

# Not ready in time: a TCP port that nobody listens on.
cp -r "$d/conf" "$tmp/tcp"
printf 'vm_ready = tcp:9\nvm_ready_timeout = 0\ndhcp_b_prefix = 127.0\n' >>"$tmp/tcp/vsp.params"
vsp-gen -C "$d/conf" -a ep -n 4 -c 2 -i 0 -p GREEDY | vsp-place -C "$d/conf" >"$tmp/small.tsv"
fails 1 "vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: not ready after 0 s (vm_ready=tcp:9)
vsp-virt: $tmp/small.tsv:3: kvm-pbs082-02 on node082: not ready after 0 s (vm_ready=tcp:9)
vsp-virt: experiment ep-nc4-cpv2-idf0-greedy failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/tcp" "$tmp/small.tsv"

# ssh: not ready while the port is closed, and the timeout says so.
cp -r "$d/conf" "$tmp/ssh"
printf 'vm_ready = ssh\nssh_port = 9\nvm_ready_timeout = 0\ndhcp_b_prefix = 127.0\n' >>"$tmp/ssh/vsp.params"
fails 1 "vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: not ready after 0 s (vm_ready=ssh): 127.0.82.1 port 9 is not open
vsp-virt: $tmp/small.tsv:3: kvm-pbs082-02 on node082: not ready after 0 s (vm_ready=ssh): 127.0.82.2 port 9 is not open
vsp-virt: experiment ep-nc4-cpv2-idf0-greedy failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/ssh" "$tmp/small.tsv"

# ssh: ready when a login works with the host key of vm_known_hosts (not
# ssh_known_hosts, which has a wrong one here); a wrong key fails at once.
mkdir -p /run/sshd
for k in hk hk_other uk; do ssh-keygen -q -t ed25519 -N '' -f "$tmp/$k"; done
sport=$((20000 + ($$ + 7) % 20000))
while [ -n "$(ss -Hltn "sport = :$sport")" ]; do sport=$((sport + 1)); done
/usr/sbin/sshd -f /dev/null -o Port=$sport -o ListenAddress=127.0.82.1 \
	-o ListenAddress=127.0.82.2 -o HostKey="$tmp/hk" -o StrictModes=no \
	-o AuthorizedKeysFile="$tmp/uk.pub" -o PidFile="$tmp/sshd.pid"
for _ in $(seq 50); do [ -s "$tmp/sshd.pid" ] && break; sleep 0.1; done
sshd_pid=$(cat "$tmp/sshd.pid")
trap 'kill $sshd_pid 2>/dev/null; rm_tmp' EXIT
is "$([ -n "$sshd_pid" ] && echo yes)" yes "sshd on the VMs' loopback addresses"
for k in hk hk_other; do
	for a in 127.0.82.1 127.0.82.2; do echo "[$a]:$sport $(cut -d' ' -f1,2 "$tmp/$k.pub")"; done >"$tmp/kh_$k"
done
cp -r "$d/conf" "$tmp/sshok"
printf 'vm_ready = ssh\nssh_port = %s\nssh_key = %s\nvm_known_hosts = %s\nssh_known_hosts = %s\nvm_ready_timeout = 30\ndhcp_b_prefix = 127.0\n' \
	"$sport" "$tmp/uk" "$tmp/kh_hk" "$tmp/kh_hk_other" >>"$tmp/sshok/vsp.params"
run vsp-virt up -C "$tmp/sshok" "$tmp/small.tsv"
is "$rc: $err$(printf '%s\n' "$out" | cut -f16,17 | tail -n +2 | tr '\t\n' ' ;')" \
	"0: running 127.0.82.1;running 127.0.82.2;" "ssh: ready when a login works, host key of vm_known_hosts"
sed -i "s|^vm_known_hosts = .*|vm_known_hosts = $tmp/kh_hk_other|" "$tmp/sshok/vsp.params"
fails 1 "vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: ssh: 127.0.82.1: host key does not match $tmp/kh_hk_other (changed key or an attack): refused
vsp-virt: experiment ep-nc4-cpv2-idf0-greedy failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/sshok" "$tmp/small.tsv"
sed -i "s|^vm_known_hosts = .*|vm_known_hosts = $tmp/kh_hk|; s|^ssh_key = .*|ssh_key = $tmp/hk_other|" "$tmp/sshok/vsp.params"
run vsp-virt up -C "$tmp/sshok" "$tmp/small.tsv"
is "$rc: $(head -1 <<<"$err" | sed "s/ failed: .*/ failed/")" \
	"1: vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: ssh: 127.0.82.1: authentication as $(id -un) failed" \
	"a refused login fails at once too"
kill $sshd_pid

# Ready when the TCP port answers: listeners on the VMs' addresses.
port=$((20000 + $$ % 20000))
mkdir -p "$tmp/www"
busybox httpd -f -h "$tmp/www" -p "127.0.82.1:$port" &
l1=$!
busybox httpd -f -h "$tmp/www" -p "127.0.82.2:$port" &
l2=$!
trap 'kill $l1 $l2 $sshd_pid 2>/dev/null; rm_tmp' EXIT
for a in 127.0.82.1 127.0.82.2; do
	for _ in $(seq 50); do (exec 3<>"/dev/tcp/$a/$port") 2>/dev/null && break; sleep 0.1; done
done
cp -r "$d/conf" "$tmp/tcpok"
printf 'vm_ready = tcp:%s\nvm_ready_timeout = 10\ndhcp_b_prefix = 127.0\n' "$port" >>"$tmp/tcpok/vsp.params"
run vsp-virt up -C "$tmp/tcpok" "$tmp/small.tsv"
is "$rc: $err$(printf '%s\n' "$out" | cut -f16,17 | tail -n +2 | tr '\t\n' ' ;')" \
	"0: running 127.0.82.1;running 127.0.82.2;" "tcp: ready when the port on addr answers"
kill $l1 $l2

# The console marker of an older boot does not count: the file goes first.
cp -r "$d/conf" "$tmp/con"
printf 'vm_ready = console:READY\nvm_console_log = %s/{vm}.log\nvm_ready_timeout = 0\n' "$tmp" >>"$tmp/con/vsp.params"
echo READY >"$tmp/kvm-pbs082-01.log"
echo READY >"$tmp/kvm-pbs082-02.log"
fails 1 "vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: not ready after 0 s (vm_ready=console:READY)
vsp-virt: $tmp/small.tsv:3: kvm-pbs082-02 on node082: not ready after 0 s (vm_ready=console:READY)
vsp-virt: experiment ep-nc4-cpv2-idf0-greedy failed: 2 of 2 domains made by this call destroyed and undefined" \
	vsp-virt up -C "$tmp/con" "$tmp/small.tsv"
is "$(ls "$tmp"/kvm-pbs082-0*.log 2>/dev/null)" "" "the old console files were removed"

# A signal while waiting rolls back too.
sed -i 's/^vm_ready_timeout = 0/vm_ready_timeout = 60/' "$tmp/tcp/vsp.params"
vsp-virt up -C "$tmp/tcp" "$tmp/small.tsv" >"$tmp/.out" 2>"$tmp/.err" &
pid=$!
sleep 1	# usually waiting by then; either way the signal must roll back
kill -TERM $pid
wait $pid
is "$?: $(sed 's/before it was defined/before it was ready/; s/failed: .*/failed: .../' "$tmp/.err")" \
"1: vsp-virt: $tmp/small.tsv:2: kvm-pbs082-01 on node082: interrupted (signal 15) before it was ready
vsp-virt: $tmp/small.tsv:3: kvm-pbs082-02 on node082: interrupted (signal 15) before it was ready
vsp-virt: experiment ep-nc4-cpv2-idf0-greedy failed: ..." \
	"SIGTERM while waiting: rollback, exit 1"

# A failed experiment ends the stream: the ones before it are whole.
cat "$tmp/small.tsv" <(tail -n +2 "$tmp/exp.tsv") >"$tmp/two.tsv"
run vsp-virt up -C "$tmp/over" "$tmp/two.tsv"
is "$rc: $(printf '%s\n' "$out" | cut -f1 | uniq -c | awk '{ print $1, $2 }' | tr '\n' ';')" \
	"1: 1 exp;2 ep-nc4-cpv2-idf0-greedy;" "rows of the experiment before the failed one"
done_testing
