#!/bin/bash
# tier: real
# The guest of vsp-guest on real QEMU VMs in the lab (a network namespace
# with a private libvirtd, which both PMs share): vsp-virt net -d gives
# every candidate VM a DHCP entry on one network (net_shared), each VM
# boots with that address and its name, up waits for an SSH
# login with the guest's host key, vsp-mon runs sadc inside the VMs; a
# wrong host key fails up, naming the VM, and the rollback leaves no domain.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
trap 'lab_down; rm_tmp' EXIT
chmod 755 "$tmp"	# QEMU runs as libvirt-qemu and reads the guest from here

lab_up "$tmp/lab" 1
prefix=vg$$
conf=$tmp/conf
lab_vm_conf "$conf" "$prefix" qemu:///system pm01 pm02
printf 'net_shared = yes\nrepo_root = %s\n' "$tmp/repo" >>"$conf/vsp.params"

# a user file under /tmp ($tmp) stays visible in the guest
printf '#!/bin/sh\necho user file\n' >"$tmp/app"
chmod 755 "$tmp/app"
lab_guest "$conf" -f "$tmp/app"
is "$rc: $err" "0: " "vsp-guest builds the guest"
key=$(cat "$tmp/guest/host_key.pub")
is "$(cat "$tmp/guest/known_hosts")" "$prefix-pm01-01 $key
10.213.1.1 $key
$prefix-pm01-02 $key
10.213.1.2 $key
$prefix-pm02-01 $key
10.213.2.1 $key
$prefix-pm02-02 $key
10.213.2.2 $key" "known_hosts: the host key under every candidate VM's name and address"

run lab_run vsp-virt net -d -C "$conf"
is "$rc: $err" "0: " "net -d in the lab"
is "$(printf '%s\n' "$out" | cut -f1,3,4 | tail -n +2 | tr '\t\n' ' ;')" \
	"pm01 $prefix-net defined;pm02 $prefix-net existing;" "... defines the network once for both PMs"
is "$(lab_run virsh -q -c qemu:///system net-dumpxml "$prefix-net" | grep -c "<host mac=")" 4 \
	"one DHCP host entry per candidate VM"

step up; lab_vms_up "$conf"
is "$rc: $err" "0: " "up with vm_ready=ssh"
is "$(cut -f9,16,17 "$tmp/up.tsv" | tail -n +2 | tr '\t\n' ' ;')" \
	"$prefix-pm01-01 running 10.213.1.1;$prefix-pm02-01 running 10.213.2.1;" \
	"a VM on each PM running, with the addresses of their DHCP entries"

for k in 1 2; do
	is "$(guest_ssh 10.213.$k.1 'echo $(hostname) $(ip -4 -o addr show eth0 | awk "{ print \$4 }") $(nproc)')" \
		"$prefix-pm0$k-01 10.213.$k.1/16 1" \
		"VM on pm0$k: its name and address from DHCP, one vcpu"
done
is "$(guest_ssh 10.213.1.1 '/usr/bin/time -f %C true 2>&1')" "true" "GNU time in the guest"
is "$(guest_ssh 10.213.1.1 "$tmp/app")" "user file" "a user's file under /tmp runs in the guest"
is "$(guest_ssh 10.213.1.1 "ping -c 1 -W 5 $prefix-pm02-01 >/dev/null && echo reached")" reached \
	"a VM reaches the other by name (the guest's /etc/hosts)"
# GNU parallel's --sshlogin: its remote workers run with the guest's perl.
sshcmd="ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$tmp/guest/known_hosts -o GlobalKnownHostsFile=/dev/null -i $LAB_KEY"
is "$(lab_run parallel --ssh "$sshcmd" -S 1/root@10.213.1.1,1/root@10.213.2.1 -j1 \
	'echo {} $(hostname)' ::: a b | sort | awk '{ print $2 }' | sort -u | tr '\n' ' ')" \
	"$prefix-pm01-01 $prefix-pm02-01 " "GNU parallel --sshlogin runs jobs in both VMs"

# vsp-mon: sadc inside each VM (host keys of vm_known_hosts), its data
# copied over SFTP, and on the PM (host key of ssh_known_hosts).
mkdir "$tmp/run"
printf 'ssh_known_hosts = %s\n' "$LAB_KNOWN_HOSTS" >>"$conf/vsp.params"
step mon; run lab_run vsp-mon start -C "$conf" -d "$tmp/run" -t "$tmp/up.tsv" "$lab_pm_addr_1:pm"
is "$rc: $err" "0: " "vsp-mon start in the VMs and on the PM"
sleep 3
run lab_run vsp-mon stop -C "$conf" -d "$tmp/run"
is "$rc: $err" "0: " "vsp-mon stop"
is "$(cut -f1-4 "$tmp/run/mon/state" | tr '\t\n' ' ;')" \
	"host addr kind state;$prefix-pm01-01 10.213.1.1 vm done;$prefix-pm02-01 10.213.2.1 vm done;$lab_pm_addr_1 $lab_pm_addr_1 pm done;" \
	"both VMs and the PM monitored"
is "$(awk -F'\t' '$4 == "cpu_idle" { print $3, $5 }' "$tmp/run/mon/$lab_pm_addr_1.tsv" | sort -u | tr '\n' ';')" \
	"$({ seq -f 'pm %g' 0 $(($(nproc) - 1)); echo pm all; } | sort -u | tr '\n' ';')" \
	"the PM's series: kind pm, the machine's CPUs"
for k in 1 2; do
	vm=$prefix-pm0$k-01
	is "$(LC_ALL=C sadf -d "$tmp/run/mon/$vm.sa" -- -u | awk -F';' 'NR == 2 { print $1 }')" "$vm" \
		"VM $k: sadc ran inside the VM (its host name in the data)"
	is "$(awk -F'\t' '$4 == "cpu_idle" { print $2, $3, $5 }' "$tmp/run/mon/$vm.tsv" | sort -u | tr '\n' ';')" \
		"$vm vm 0;$vm vm all;" "VM $k: a series of kind vm with the VM's one CPU"
done

step down; run lab_run vsp-virt down -C "$conf" "$tmp/up.tsv"
is "$rc: $err" "0: " "down"

# A host key that is not the guest's: up fails at once, naming the VM, and
# the rollback leaves no domain.
awk -v key="$(cut -d' ' -f1,2 "$LAB_KEY.pub")" '{ print $1, key }' "$tmp/guest/known_hosts" >"$tmp/wrong_hosts"
cp -r "$conf" "$tmp/wrong"
sed -i "s|^vm_known_hosts = .*|vm_known_hosts = $tmp/wrong_hosts|" "$tmp/wrong/vsp.params"
printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\ne2\tapp\t1\t1\t0\tNONE\t1\t0\n' |
	vsp-place -C "$tmp/wrong" >"$tmp/vms2.tsv"
step wrong; run lab_run vsp-virt up -C "$tmp/wrong" "$tmp/vms2.tsv"
is "$rc: $err" "1: vsp-virt: $tmp/vms2.tsv:2: $prefix-pm01-01 on pm01: ssh: 10.213.1.1: host key does not match $tmp/wrong_hosts (changed key or an attack): refused
vsp-virt: experiment e2 failed: 1 of 1 domains made by this call destroyed and undefined" \
	"a wrong host key fails up, naming the VM; the rollback undoes it"
is "$(lab_run virsh -q -c qemu:///system list --all --name | grep -c "^$prefix")" 0 "no domain is left"
step end; done_testing
