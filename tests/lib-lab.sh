# Sourced by tests that need a virtual-cluster lab
# (share/examples/vcluster/lab): a network namespace with a private
# libvirtd, PM namespaces with sshd and slurmd, a multi-node Slurm.
# lab_up DIR [PMS] makes it and sources its lab.env (LAB_NS, LAB_PMS,
# LAB_KEY, LAB_KNOWN_HOSTS, SLURM_CONF, lab_pm_addr_N); a lab that cannot
# start bails out with one line. lab_run [PM] CMD... runs in the lab (or a
# PM); lab_down stops and deletes it (call it from the EXIT trap).
# For QEMU VMs of vsp-guest's guest in the lab: lab_vm_conf, lab_guest,
# lab_vms_up, guest_ssh; step NAME prints the seconds since the start.
lab="$top/share/examples/vcluster/lab"
lab_dir=

lab_up() {
	case $0 in *.t) need_real_tier "a lab" ;; esac
	# Killed (a timeout): still run the caller's EXIT trap, which downs us.
	trap 'exit 143' TERM INT HUP
	lab_dir=$1
	if ! "$lab" up "$1" "${2:-2}" >"$tmp/lab.out" 2>&1; then
		lab_dir=
		echo "Bail out! $(tail -1 "$tmp/lab.out")"
		exit 1
	fi
	. "$1/lab.env"
	lab_t0=$(date +%s)
}

lab_run() {
	"$lab" run "$lab_dir" "$@"
}

step() { echo "# $(( $(date +%s) - lab_t0 )) s: $*"; }

# lab_vm_conf CONF PREFIX URI NODE...: a config folder for QEMU VMs of the
# guest (PMs of 2 cores, VMs PREFIX-<pm>-NN on 10.213.*, libvirt_uri URI,
# a bridge network) on the nodes NODE (vsp.nodes lines); tests add their
# own settings to CONF/vsp.params.
lab_vm_conf() {
	local conf=$1 prefix=$2 uri=$3
	shift 3
	mkdir -p "$conf"
	printf '[Hardware]\ncores = 2\nsockets = 1\nmem = 2\n' >"$conf/hardware.params"
	printf '%s\n' "$@" >"$conf/vsp.nodes"
	cat >"$conf/vsp.params" <<PARAMS
libvirt_uri = $uri
xml_domain_type = qemu
vm_prefix = $prefix
vm_mem_base = 128
vm_mem_core = 64
vm_console_log = $tmp/{vm}.log
vm_ready_timeout = 240
network_source = libvirt-bridge
net_forward = open
net_bridge = ${prefix}br
net_name_bridge_create = $prefix-net
dhcp_b_prefix = 10.213
mon_pms = no
ssh_timeout = 60
PARAMS
}

# lab_guest CONF [ARG...]: vsp-guest's guest in $tmp/guest for CONF's VMs
# (root logs in with the lab's key; ARGs: more of vsp-guest's options),
# its settings added to CONF/vsp.params; sets rc, out and err (run).
lab_guest() {
	local conf=$1
	shift
	run "$top/share/vsp/vsp-guest" -o "$tmp/guest" -C "$conf" -a "$LAB_KEY.pub" "$@"
	[ "$rc" -ne 0 ] || cat "$tmp/guest/vsp.params" >>"$conf/vsp.params"
}

# lab_vms_up CONF: vsp-virt up of one experiment of 2 processes, 1 core
# each, BAL-ONE (a VM on each PM; vsp-place's rows in $tmp/vms.tsv); sets
# rc, out and err (run); up's rows in $tmp/up.tsv.
lab_vms_up() {
	printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\ne1\tapp\t2\t1\t1\tBAL-ONE\t1\t0\n' |
		vsp-place -C "$1" >"$tmp/vms.tsv"
	run lab_run vsp-virt up -C "$1" "$tmp/vms.tsv"
	printf '%s\n' "$out" >"$tmp/up.tsv"
}

# guest_ssh ADDR CMD...: CMD in the lab's VM at ADDR, from the head, as
# root, its host key checked against the guest's ($tmp/guest/known_hosts).
guest_ssh() {
	local addr=$1
	shift
	lab_run ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes \
		-o UserKnownHostsFile="$tmp/guest/known_hosts" \
		-o GlobalKnownHostsFile=/dev/null -i "$LAB_KEY" "root@$addr" "$@"
}

lab_down() {
	[ -n "$lab_dir" ] && [ -d "$lab_dir" ] && "$lab" down "$lab_dir"
	lab_dir=
}

# After a lab is down: lab_pids_left PIDS and lab_ns_left NAMESPACES print
# those of the list (its pids and netns files, read before down) that are
# still there: daemons still running (not zombies), namespaces not deleted.
lab_pids_left() {
	local p s
	for p in $1; do
		s=$(ps -o stat= -p "$p") && [ "${s#Z}" = "$s" ] && printf ' %s' "$p"
	done
}
lab_ns_left() {
	local n
	for n in $1; do [ -e "/run/netns/$n" ] && printf ' %s' "$n"; done
}
