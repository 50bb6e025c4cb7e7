#!/bin/bash
# tier: real
# The virtual-cluster lab (share/examples/vcluster/lab): its own network
# namespace with a private libvirtd, two PM namespaces with sshd (host keys
# checked) and slurmd, a multi-node Slurm; down (and an interrupted up)
# leaves no process, namespace or mount behind.
# tier: real (namespaces, libvirtd, sshd, Slurm)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
trap 'lab_down; rm_tmp' EXIT

fails 2 "usage: lab up DIR [PMS] | lab down DIR | lab run DIR [PM] CMD... | lab route DIR PM NET" "$lab" up
fails 2 "usage: lab up DIR [PMS] | lab down DIR | lab run DIR [PM] CMD... | lab route DIR PM NET" "$lab" route "$tmp" pm01
fails 1 "lab: $tmp is not a lab that is up" "$lab" route "$tmp" pm01 10.79.0.0/24
fails 1 "lab: PMS \"x\" is not a number from 1 to 99" "$lab" up "$tmp/x" x
fails 1 "lab: $tmp is not a lab (no $tmp/pids)" "$lab" down "$tmp"

lab_up "$tmp/lab" 2
is "$LAB_PMS" "pm01 pm02" "two PMs"
is "$(lab_run virsh -q -c qemu:///system list --all --name)$(lab_run pm01 virsh -q -c qemu:///system net-list --all --name)" \
	"" "the lab's libvirtds start empty (none of the machine's domains or networks)"
is "$(lab_run sinfo -h -N -o '%N %t' | sort)" "head idle
pm01 idle
pm02 idle" "Slurm: the head node and one slurmd per PM, idle"
is "$(lab_run srun -N2 -w pm01,pm02 sh -c 'echo $(hostname) $(ip -4 -o addr show eth0 | awk "{print \$4}")' | sort)" \
	"pm01 10.78.0.11/24
pm02 10.78.0.12/24" "a job spans the PM namespaces"

ssh_pm() {
	local kh=$1 addr=$2
	shift 2
	lab_run ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes \
		-o UserKnownHostsFile="$kh" -o GlobalKnownHostsFile=/dev/null \
		-i "$LAB_KEY" "root@$addr" "$@"
}
is "$(ssh_pm "$LAB_KNOWN_HOSTS" "$lab_pm_addr_1" hostname)" pm01 "ssh to pm01, host key checked"
is "$(ssh_pm "$LAB_KNOWN_HOSTS" "$lab_pm_addr_2" hostname)" pm02 "ssh to pm02, host key checked"
sed "s|^$lab_pm_addr_1 .*|$lab_pm_addr_1 $(cut -d' ' -f2,3 <"$LAB_KNOWN_HOSTS" | tail -1)|" \
	"$LAB_KNOWN_HOSTS" >"$tmp/wrong_hosts"
ssh_pm "$tmp/wrong_hosts" "$lab_pm_addr_1" true
is "$?" 255 "a wrong host key is refused"

uri="qemu+libssh2://root@$lab_pm_addr_1/system?keyfile=$LAB_KEY&known_hosts=$LAB_KNOWN_HOSTS&sshauth=privkey"
lab_run virsh -q -c "$uri" net-define /dev/stdin >/dev/null <<XML
<network><name>labnet</name><forward mode='open'/><bridge name='labnet0'/>
<ip address='10.79.0.1' netmask='255.255.255.0'/></network>
XML
is "$?" 0 "pm01's libvirtd through its sshd (libssh2, host key checked)"
lab_run virsh -q -c "$uri" net-start labnet >/dev/null
is "$(lab_run pm01 ip -o link show labnet0 | wc -l)" 1 "pm01's libvirtd makes its bridges in pm01"
is "$(lab_run ip -o link show labnet0 2>/dev/null | wc -l)" 0 "... not on the head node"
is "$(ip -o link show labnet0 2>/dev/null | wc -l)" 0 "... nor on the machine"
is "$(lab_run pm02 virsh -q -c qemu:///system net-list --all --name | grep -cx labnet)" 0 \
	"pm02 has a libvirtd of its own"
is "$(lab_run virsh -q -c qemu:///system net-list --all --name | grep -cx labnet)" 0 \
	"... and so has the head node"
is "$(virsh -q -c qemu:///system net-list --all --name 2>/dev/null | grep -cx labnet)" 0 \
	"a system libvirtd (if any) does not see the lab's network"
fails 1 "lab: pm03 is not a PM of the lab (pm01 pm02)" "$lab" route "$lab_dir" pm03 10.79.0.0/24
run "$lab" route "$lab_dir" pm01 10.79.0.0/24
is "$rc: $err$out" "0: " "lab route: pm01's VM network via pm01"
is "$(lab_run ip route show 10.79.0.0/24; lab_run pm02 ip route show 10.79.0.0/24; lab_run pm01 ip route show 10.79.0.0/24)" \
	"10.79.0.0/24 via $lab_pm_addr_1 dev labbr 
10.79.0.0/24 via $lab_pm_addr_1 dev eth0 
10.79.0.0/24 dev labnet0 proto kernel scope link src 10.79.0.1 linkdown " "... on the head and on pm02; pm01 has it on its bridge"
is "$(lab_run timeout 10 bash -c 'echo >/dev/tcp/10.79.0.1/53' 2>&1; echo $?)" 0 \
	"the head reaches pm01's VM network (its dnsmasq) through pm01"
is "$(lab_run pm02 timeout 10 bash -c 'echo >/dev/tcp/10.79.0.1/53' 2>&1; echo $?)" 0 \
	"... and so does pm02"
wrong="qemu+libssh2://root@$lab_pm_addr_1/system?keyfile=$LAB_KEY&known_hosts=$tmp/wrong_hosts&sshauth=privkey"
lab_run virsh -q -c "$wrong" net-list --name >/dev/null 2>&1
is "$?" 1 "... refused with a wrong host key"

pids=$(awk '{ print $2 }' "$tmp/lab/pids")
ns=$(cat "$tmp/lab/netns")
lab_down
is "$(lab_pids_left "$pids")" "" "down stops every daemon it started"
is "$(lab_ns_left "$ns")" "" "down deletes every namespace"
is "$(grep -rl labnet /etc/libvirt /var/lib/libvirt /run/libvirt 2>/dev/null)" "" \
	"the machine's libvirt folders never saw the lab's network"
is "$([ -e "$tmp/lab" ] && echo there)" "" "down deletes the lab's folder"

# An interrupted up cleans up after itself.
"$lab" up "$tmp/lab2" 2 >"$tmp/up2.out" 2>&1 &
up=$!
for _ in $(seq 100); do [ -s "$tmp/lab2/holder" ] && grep -q sshd-pm01 "$tmp/lab2/pids" 2>/dev/null && break; sleep 0.1; done
pids=$(awk '{ print $2 }' "$tmp/lab2/pids" 2>/dev/null)
ns=$(cat "$tmp/lab2/netns" 2>/dev/null)
kill -TERM "$up"	# a background job ignores INT
wait "$up"
is "$?" 1 "an interrupted up fails"
is "$(tail -1 "$tmp/up2.out")" "lab: interrupted" "... saying so"
is "$(lab_pids_left "$pids")$(lab_ns_left "$ns")" "" "... and leaves nothing behind"
is "$([ -e "$tmp/lab2" ] && echo there)" "" "... not even its folder"
done_testing
