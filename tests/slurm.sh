# Sourced by tests: a real single-node Slurm (with munge and the Torque
# wrappers qsub/qstat/qdel). munged is started only if none answers; Slurm
# is always a private one (own ports, state under $tmp), so a test may
# drain its node. slurm_stop kills, by PID, only what slurm_start started.
# Needs slurm-wlm, slurm-wlm-torque and munge (see .ci/deps); a missing
# part fails the test.
slurm_pids=

slurm_fail() {
	echo "Bail out! slurm: $*"
	[ -f "$tmp/slurm/ctld.log" ] && tail -5 "$tmp/slurm/ctld.log" | sed 's/^/# /'
	[ -f "$tmp/slurm/d.log" ] && tail -5 "$tmp/slurm/d.log" | sed 's/^/# /'
	exit 1
}

slurm_start() {
	local h i
	for i in munged slurmctld slurmd sbatch qsub; do
		command -v $i >/dev/null || slurm_fail "$i is not installed"
	done
	if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
		mkdir -p /run/munge /var/log/munge /var/lib/munge
		chown -R munge: /etc/munge /var/lib/munge /var/log/munge /run/munge
		runuser -u munge -- munged --force || slurm_fail "munged did not start"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			[ -s /run/munge/munged.pid ] && break
			sleep 0.2
		done
		slurm_pids="$slurm_pids $(cat /run/munge/munged.pid)"
	fi
	h=$(hostname)
	mkdir -p "$tmp/slurm/ctld" "$tmp/slurm/d"
	cat >"$tmp/slurm/slurm.conf" <<-CONF
	ClusterName=vsptest
	SlurmctldHost=$h
	SlurmctldPort=16817
	SlurmdPort=16818
	SlurmUser=root
	AuthType=auth/munge
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
}
