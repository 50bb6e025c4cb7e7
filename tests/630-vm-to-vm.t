#!/bin/bash
# tier: real
# VMs on different PMs reach each other: in a lab with 2 PMs, each with
# its own libvirtd (reached over qemu+libssh2), vsp-virt net -d gives each
# PM its own /24 (pm01 net_forward=route, with libvirt's firewall rules;
# pm02 open), the lab routes each PM's /24 via that PM on the head and on
# the other PM (as vsp(7), NETWORKS asks of a real cluster), and a VM on
# pm01 logs into the VM on pm02 over SSH with the guest's known host key
# (dbclient, the guest's ssh), and back; a host key that does not match is
# refused from VM to VM too.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
trap 'lab_down; rm_tmp' EXIT
# libvirt's own libssh2 sessions, not vsp's memory (tests/lsan-libssh2.supp)
export LSAN_OPTIONS="suppressions=$top/tests/lsan-libssh2.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the guest from here

# route: libvirt puts its forwarding rules in with iptables (make deps)
command -v iptables >/dev/null || { echo "Bail out! iptables is not installed (make deps)"; exit 1; }
lab_up "$tmp/lab" 2
prefix=vv$$
conf=$tmp/conf
lab_vm_conf "$conf" "$prefix" \
	"qemu+libssh2://root@{addr}/system?keyfile=$LAB_KEY&known_hosts=$LAB_KNOWN_HOSTS&sshauth=privkey" \
	"pm01 $lab_pm_addr_1" "pm02 $lab_pm_addr_2"

lab_guest "$conf"
is "$rc: $err" "0: " "vsp-guest builds the guest"

# Route mode on pm01, open on pm02: net -d with net_forward=route on both,
# pm02's network removed, then net -d (open) keeps pm01's and makes pm02's.
mkdir -p "$tmp/route"
cp "$conf"/* "$tmp/route/"
sed -i 's/^net_forward = open$/net_forward = route/' "$tmp/route/vsp.params"
step net; run lab_run vsp-virt net -d -C "$tmp/route"
is "$rc: $err" "0: " "net -d (route): each PM's own network, through its libvirtd"
lab_run pm02 virsh -q -c qemu:///system net-destroy "$prefix-net" >/dev/null &&
	lab_run pm02 virsh -q -c qemu:///system net-undefine "$prefix-net" >/dev/null
run lab_run vsp-virt net -d -C "$conf"
is "$rc: $(cut -f1,4 <<<"$out" | tr '\t\n' ' ;')" "0: node state;pm01 existing;pm02 defined;" \
	"net -d (open): pm01's route network kept, pm02's made"
for k in 1 2; do
	is "$(lab_run pm0$k virsh -q -c qemu:///system net-dumpxml "$prefix-net" | grep '<ip ' | sed 's/^ *//')" \
		"<ip address='10.213.$k.254' netmask='255.255.255.0'>" "pm0$k: its /24, the PM at .254"
done
is "$(lab_run pm01 virsh -q -c qemu:///system net-dumpxml "$prefix-net" | grep '<forward' | sed 's/^ *//')" \
	"<forward dev='eth0' mode='route'>" "pm01: route mode, through eth0"
is "$(lab_run pm02 virsh -q -c qemu:///system net-dumpxml "$prefix-net" | grep '<forward' | sed 's/^ *//')" \
	"<forward mode='open'/>" "pm02: open mode"
# route: libvirt lets only the subnet through between the bridge and eth0
is "$(lab_run pm01 iptables -S LIBVIRT_FWO | grep -c -- "-s 10.213.1.0/24 -i ${prefix}br -o eth0 -j ACCEPT")" 1 \
	"pm01: its firewall forwards the VMs' subnet to eth0"
is "$(lab_run pm02 iptables -S | grep -c -- "${prefix}br")" 0 "pm02: no firewall rule for its VMs"
# PM k's VMs are 10.213.k.0/24 (vsp-virt hosts): routed via PM k elsewhere.
for k in 1 2; do
	run "$lab" route "$lab_dir" pm0$k 10.213.$k.0/24
	is "$rc: $err" "0: " "lab route: pm0$k's VMs via pm0$k"
done
is "$(lab_run pm01 ip route show 10.213.2.0/24)" "10.213.2.0/24 via $lab_pm_addr_2 dev eth0 " \
	"pm01 routes pm02's VMs via pm02"
is "$(lab_run ip route show 10.213.1.0/24)" "10.213.1.0/24 via $lab_pm_addr_1 dev labbr " \
	"the head routes pm01's VMs via pm01"

step up; lab_vms_up "$conf"
is "$rc: $err" "0: " "up: a VM on each PM, each ready over SSH"
is "$(cut -f9,10,16,17 "$tmp/up.tsv" | tail -n +2 | tr '\t\n' ' ;')" \
	"$prefix-pm01-01 pm01 running 10.213.1.1;$prefix-pm02-01 pm02 running 10.213.2.1;" \
	"one VM on pm01, one on pm02"

is "$(guest_ssh 10.213.1.1 'ip -4 -o addr show eth0 | awk "{ print \$4 }"; ip route')" \
	"10.213.1.1/24
default via 10.213.1.254 dev eth0 
10.213.1.0/24 dev eth0 scope link  src 10.213.1.1 " "the VM on pm01: its /24, pm01 its router"
# From VM to VM, across the PMs, with the guest's ssh (dbclient): its
# own key, the host key from its known_hosts.
step vm-to-vm
for pair in "1 2" "2 1"; do
	set -- $pair
	run guest_ssh 10.213.$1.1 "ssh -T root@10.213.$2.1 'echo \$(hostname) \$(cat /run/address)' </dev/null"
	is "$rc: $out" "0: $prefix-pm0$2-01 10.213.$2.1" "the VM on pm0$1 logs into the VM on pm0$2"
done
run guest_ssh 10.213.1.1 "ssh -T root@$prefix-pm02-01 hostname </dev/null"
is "$rc: $out" "0: $prefix-pm02-01" "... also by name (the guest's /etc/hosts)"
is "$(guest_ssh 10.213.2.1 'traceroute -n -q 1 -w 5 10.213.1.1 2>/dev/null | awk "NR > 1 { print \$2 }"')" \
	"10.213.2.254
$lab_pm_addr_1
10.213.1.1" "... through pm02, then pm01"

# A host key that does not match, in the VM's own known_hosts: refused.
# (dbclient's message goes through a file: all of it, whenever the
# session from the head ends)
run guest_ssh 10.213.1.1 "sed -i 's|^10.213.2.1 .*|10.213.2.1 $(cut -d' ' -f1,2 "$LAB_KEY.pub")|' /root/.ssh/known_hosts &&
	{ ssh -T root@10.213.2.1 hostname </dev/null 2>/tmp/why; st=\$?; cat /tmp/why; exit \$st; }"
is "$rc" 1 "a wrong host key from VM to VM fails"
why='ssh-ed25519 host key mismatch for 10.213.2.1 !'
grep -qF "$why" <<<"$out" || printf '%s\n' "$out" "$err" | sed 's/^/# /'
is "$(grep -cF "$why" <<<"$out")" 1 "... saying why"

step down; run lab_run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $err" "0: " "down"
for k in 1 2; do
	is "$(lab_run pm0$k virsh -q -c qemu:///system list --all --name | grep -c "^$prefix")" 0 \
		"no domain left on pm0$k"
done
step end; done_testing
