# Sourced by tests and bench/pbs: a real single-node Slurm with its Torque
# wrappers (qsub, qstat, qdel), all private to the caller: its own munged
# (own socket), slurmctld and slurmd on free ports, state under $tmp, so
# tests run side by side and may drain their node. slurm_stop kills, by
# PID, what slurm_start started. Needs slurm-wlm, slurm-wlm-torque and
# munge (see .ci/deps); a missing part fails the test.
slurm_pids=
slurm_munge=

slurm_fail() {
	echo "Bail out! slurm: $*"
	local f
	for f in "$slurm_munge/log" "$tmp/slurm/ctld.log" "$tmp/slurm/d.log"; do
		[ -f "$f" ] && tail -5 "$f" | sed 's/^/# /'
	done
	exit 1
}

# A TCP port nobody listens on, with the next one free too.
slurm_port() {
	local p i used
	used=$(ss -Htan 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }')
	for i in $(seq 1 100); do
		p=$((20000 + RANDOM % 30000))
		grep -qxE "$p|$((p + 1))" <<<"$used" || { echo "$p"; return; }
	done
	slurm_fail "no free port"
}

slurm_start() {
	case $0 in *.t) need_real_tier "Slurm" ;; esac
	local h i p
	# Killed (a timeout): still run the caller's EXIT trap, which stops us.
	trap 'exit 143' TERM INT HUP
	for i in munged slurmctld slurmd sbatch qsub ss; do
		command -v $i >/dev/null || slurm_fail "$i is not installed"
	done
	# munged runs as munge and needs to reach its socket's folder.
	slurm_munge=$(mktemp -d /tmp/vsp-munge.XXXXXX)
	chown munge: "$slurm_munge" && chmod 711 "$slurm_munge"
	runuser -u munge -- munged --socket="$slurm_munge/sock" \
		--pid-file="$slurm_munge/pid" --log-file="$slurm_munge/log" \
		--seed-file="$slurm_munge/seed" || slurm_fail "munged did not start"
	slurm_pids=$(cat "$slurm_munge/pid")
	h=$(hostname)
	p=$(slurm_port)
	mkdir -p "$tmp/slurm/ctld" "$tmp/slurm/d"
	cat >"$tmp/slurm/slurm.conf" <<-CONF
	ClusterName=vsptest
	SlurmctldHost=$h
	SlurmctldPort=$p
	SlurmdPort=$((p + 1))
	SlurmUser=root
	AuthType=auth/munge
	AuthInfo=socket=$slurm_munge/sock
	StateSaveLocation=$tmp/slurm/ctld
	SlurmdSpoolDir=$tmp/slurm/d
	SlurmctldPidFile=$tmp/slurm/ctld.pid
	SlurmdPidFile=$tmp/slurm/d.pid
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_Core
	ReturnToService=2
	MinJobAge=600
	SchedulerParameters=sched_interval=1
	SlurmctldLogFile=$tmp/slurm/ctld.log
	SlurmdLogFile=$tmp/slurm/d.log
	NodeName=$h CPUs=2 State=UNKNOWN
	PartitionName=batch Nodes=ALL Default=YES MaxTime=INFINITE State=UP
	CONF
	export SLURM_CONF="$tmp/slurm/slurm.conf"
	slurmctld -D -i >/dev/null 2>&1 &
	slurm_pids="$slurm_pids $!"
	slurmd -D >/dev/null 2>&1 &
	slurm_pids="$slurm_pids $!"
	for i in $(seq 1 100); do
		for p in $slurm_pids; do
			kill -0 "$p" 2>/dev/null || slurm_fail "a daemon exited"
		done
		[ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && return 0
		sleep 0.2
	done
	slurm_fail "the node did not become idle"
}

slurm_stop() {
	local p
	for p in $slurm_pids; do kill "$p" 2>/dev/null; done
	for p in $slurm_pids; do
		while kill -0 "$p" 2>/dev/null; do sleep 0.1; done
	done
	slurm_pids=
	[ -n "$slurm_munge" ] && rm -rf "$slurm_munge"
	slurm_munge=
}
