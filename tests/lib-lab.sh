# Sourced by tests that need a virtual-cluster lab
# (share/examples/vcluster/lab): a network namespace with a private
# libvirtd, PM namespaces with sshd and slurmd, a multi-node Slurm.
# lab_up DIR [PMS] makes it and sources its lab.env (LAB_NS, LAB_PMS,
# LAB_KEY, LAB_KNOWN_HOSTS, SLURM_CONF, lab_pm_addr_N); a lab that cannot
# start bails out with one line. lab_run [PM] CMD... runs in the lab (or a
# PM); lab_down stops and deletes it (call it from the EXIT trap).
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
}

lab_run() {
	"$lab" run "$lab_dir" "$@"
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
