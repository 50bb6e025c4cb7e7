#!/bin/bash
# The virtual cluster for real: the vcluster example (run-vcluster) on a
# small sweep through Slurm in a lab of 2 PMs: a physical baseline across
# both PMs, 2 VMs spread over both, unpinned and BAL-ONE. Every run's workers
# ran inside the experiment's VMs (host name and boot id; never the
# machine), started from the run's first VM (cpubench-ssh -r), VM and PM
# series exist for every run, the pinning libvirt reports equals pin, a
# wrong host key is refused, and nothing the example started is left
# afterwards. VCLUSTER_BATCH=local or torque runs the same
# test on those backends.
# tier: real (a lab, QEMU VMs, Slurm: a whole sweep)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"	# lab_pids_left, lab_ns_left (its lab is the example's)
trap 'rm_tmp' EXIT
ex=$top/share/examples/vcluster
res=$tmp/results

# Before each down: the pinning libvirt reports for every VM (virsh
# vcpupin through the PM's sshd), as "vm pin" with vsp's ";" between vcpus.
cat >"$tmp/hook" <<'HOOK'
#!/bin/bash
[ "$1" = down ] || exit 0
up=$(ls "$HOOK_RESULTS"/*/"$2"/up.tsv 2>/dev/null) || exit 0
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["vm"] != "" { print $c["vm"], $c["uri"] }' "$up" |
while read -r vm uri; do
	pin=$(virsh -q -c "$uri" vcpupin "$vm" | awk '{ printf "%s%s", (NR > 1 ? ";" : ""), $2 }')
	echo "$vm $pin"
done >"$HOOK_RESULTS/pin-$2.txt"
HOOK
chmod +x "$tmp/hook"

mkdir -p "$res"
# Under make SAN=1: libvirt's libssh2 transport (qemu+libssh2) can leave
# libssh2's and OpenSSL's allocations behind at exit, now and then; those
# are not vsp's (tests/310 checks vsp-mon's own SSH for leaks).
printf 'leak:libssh2.so\n' >"$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
ps -eo pid= | awk '{ print $1 }' | sort >"$tmp/pids.before"
HOOK_RESULTS=$res VSP_SWEEP_HOOK=$tmp/hook VCLUSTER_KEEP=1 VCLUSTER_MOPS=80 \
	VCLUSTER_SWEEP="-a cpubench -n 2 -c 1 -i -1,1 -p NONE,BAL-ONE -r 1" \
	bash "$ex/run-vcluster" "$res" >"$tmp/out" 2>&1
st=$?
is "$st" 0 "run-vcluster: the sweep and its report"
[ "$st" -eq 0 ] || tail -20 "$tmp/out" | sed 's/^/# /'
work=$(cat "$res/.work" 2>/dev/null)
labdir=$work/lab
if ! [ -f "$labdir/lab.env" ]; then
	echo "Bail out! the lab is gone: $(tail -1 "$tmp/out")"
	exit 1
fi
. "$labdir/lab.env"
# KEEP=1: the lab's daemon, libvirt and QEMU logs, the VMs' consoles and
# the configuration stay in $tmp/lab (down deletes the lab's folder).
keep_lab() {
	local h
	mkdir -p "$tmp/lab"
	cp -a "$labdir/log" "$work/console" "$work/conf" "$tmp/lab/" 2>/dev/null
	for h in head $LAB_PMS; do
		cp -a "$labdir/$h/libvirt/log" "$tmp/lab/libvirt-$h" 2>/dev/null
	done
}
lab_down() {
	if [ -d "$labdir" ]; then
		[ -z "${KEEP:-}" ] || keep_lab
		"$ex/lab" down "$labdir"
	fi
	rm -rf "$work"
}
trap 'lab_down; rm_tmp' EXIT

exps="cpubench-nc2-cpv1-idf1-bal-one cpubench-nc2-cpv1-idf1-none cpubench-nc2-cpv1-phys"
is "$(cd "$res/cpubench" && ls -d cpubench-*/DONE | tr '\n' ' ')" \
	"$(for e in $exps; do printf '%s/DONE ' "$e"; done)" "every experiment done"
host=$(hostname)
boot=$(cat /proc/sys/kernel/random/boot_id)
for e in $exps; do
	d=$res/cpubench/$e
	r=$d/run-001
	# The hosts the workers should have run on: the VMs (name and address
	# from up.tsv), or the PMs for the physical run.
	want=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print ($c["vm"] != "" ? $c["vm"] : $c["node"]) }' "$d/up.tsv" | sort)
	got=$(awk '$1 == "worker:" { print $3 }' "$r/stdout" | sort)
	is "$got" "$want" "$e: one worker on each of its hosts (by host name)"
	is "$(awk -v h="$host" '$1 == "worker:" && $3 == h' "$r/stdout")" "" \
		"$e: no worker ran as the machine"
	# cpubench-ssh -r: the first host of the nodefile started every worker
	# (its SSH login, from $SSH_CLIENT, in each worker's output)
	first=$(awk 'NF { print $1; exit }' "$r/nodefile")
	is "$(awk '$1 == "from:" { print $2 }' "$r"/workers/* | sort | uniq -c | sed 's/^ *//')" \
		"$(awk '$1 == "worker:"' "$r/stdout" | wc -l) $first" \
		"$e: every worker started from the first host ($first), none from the head"
	nboot=$(awk '$1 == "worker:" { print $5 }' "$r/stdout" | sort -u | wc -l)
	if [ "$e" = cpubench-nc2-cpv1-phys ]; then
		is "$(awk '$1 == "worker:" { print $5 }' "$r/stdout" | sort -u)" "$boot" \
			"$e: the PMs are namespaces of this machine (its boot id)"
	else
		is "$nboot" 2 "$e: two boot ids, one per VM"
		is "$(awk -v b="$boot" '$1 == "worker:" && $5 == b' "$r/stdout")" "" \
			"$e: no worker ran on this machine's kernel"
		# no pin (NONE): every vcpu may run on any of the PM's 2 cores
		is "$(sort "$res/pin-$e.txt")" \
			"$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
				{ p = $c["pin"]; if (p == "") for (i = 0; i < $c["vcpus"]; i++) p = p (i ? ";" : "") "0-1"
				  print $c["vm"], p }' "$d/up.tsv" | sort)" \
			"$e: the pinning libvirt reports is pin"
	fi
	# Series: one per VM (named by its name, from the run's hosts.tsv)
	# and one per PM of the experiment.
	vms=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["vm"] != "" { print $c["vm"] }' "$d/up.tsv" | sort)
	pms=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["node"] }' "$d/up.tsv" | sort -u)
	is "$(awk -F'\t' 'FNR == 2 { print $3, $2 }' "$r"/mon/*.tsv | sort)" \
		"$( { for v in $vms; do echo "vm $v"; done; for p in $pms; do echo "pm $p"; done; } | sort)" \
		"$e: a series for every VM and PM"
	# A run shorter than two of sadc's 1 s samples may have none in its
	# window: its CPU is then unknown (empty, never 0). The physical run
	# is about that short here (no QEMU); the VMs' take 3-5 s (80 M).
	m=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ pm = $c["cpu_pm_mean"] != "" || $c["elapsed_s"] < 2
		  print $c["status"], pm, ($c["throughput_mops"] != "") }' "$d/metrics.tsv")
	is "$m" "ok 1 1" "$e: metrics with PM CPU (unless the run was shorter than 2 s) and the cluster's throughput"
	[ "$m" = "ok 1 1" ] ||
		{ cut -f1-4 "$r/mon/state"; cat "$r/mon.log" "$r/job.log"; tail -5 "$r/stderr"; awk -F'\t' '{ print $NF }' "$d/metrics.tsv"; } |
		sed 's/^/# /'
	if [ "$e" != cpubench-nc2-cpv1-phys ]; then
		is "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			{ print ($c["cpu_vm_mean"] != "" || $c["elapsed_s"] < 2) }' "$d/metrics.tsv")" 1 \
			"$e: VM CPU in the metrics (unless the run was shorter than 2 s)"
	fi
done
is "$(grep -c '<td' "$res/report/index.html" | awk '{ print ($1 > 0) }')" 1 "the report"

# Wrong host keys are refused: a PM's libvirt through libssh2, and SSH to a
# PM with another PM's key.
awk 'NR == 1 { a = $1; next } { print a, $2, $3; print }' "$LAB_KNOWN_HOSTS" >"$tmp/wrong"
"$ex/lab" run "$labdir" virsh -q -c \
	"qemu+libssh2://root@$lab_pm_addr_1/system?keyfile=$LAB_KEY&known_hosts=$tmp/wrong&sshauth=privkey" \
	list >/dev/null 2>&1
is "$?" 1 "libvirt through a PM with a wrong host key: refused"
"$ex/lab" run "$labdir" "$top/share/examples/cpubench/cpubench-ssh" -f <(echo "$lab_pm_addr_1") \
	-n 1 -i "$LAB_KEY" -k "$tmp/wrong" -o "$tmp/w" >/dev/null 2>&1
is "$?" 1 "the launcher with a wrong host key: refused"

# Nothing left: no domain or network on any libvirtd, no collector, then
# after down no daemon, namespace or process of the lab.
in_host() {	# in_host head|PM CMD...
	local h=$1
	shift
	if [ "$h" = head ]; then "$ex/lab" run "$labdir" "$@"; else "$ex/lab" run "$labdir" "$h" "$@"; fi
}
for h in head $LAB_PMS; do
	is "$(in_host "$h" virsh -q -c qemu:///system list --all --name)$(in_host "$h" virsh -q -c qemu:///system net-list --name --all | grep -v '^vc-net$')" \
		"" "$h: no domain left, no network but vc-net"
done
is "$(pgrep -a sadc | grep -F "$res" )" "" "no sadc left"
pids=$(awk '{ print $2 }' "$labdir/pids")
nss=$(cat "$labdir/netns")
lab_down
is "$(lab_pids_left "$pids")" "" "every daemon of the lab stopped"
is "$(lab_ns_left "$nss")" "" "every namespace deleted"
new=$(ps -eo pid=,stat=,args= | awk '$2 !~ /^Z/' | grep -E "qemu|sshd|slurm|munged|libvirtd|virtlogd|dnsmasq|sadc" |
	awk '{ print $1 }' | sort | comm -13 "$tmp/pids.before" -)
is "$(for p in $new; do ps -o args= -p "$p" | grep -F -e "$work" -e "$res"; done)" "" \
	"no process of the example left"
done_testing
