#!/bin/sh
#PBS -N mpiapp-nc4-cpv2-idf2-bal-one
#PBS -l nodes=2:ppn=2
#PBS -l walltime=01:31:00
# One run of mpiapp-nc4-cpv2-idf2-bal-one, rendered by vsp-pbs(1) from job.pbs. The run writes
# its own files into its run folder (vsp(7), RESULTS); every value below was
# checked and quoted by vsp-pbs.
expdir=/srv/vsp/results/mpiapp/mpiapp-nc4-cpv2-idf2-bal-one
run=1
case $run in
''|*[!0-9]*) echo "vsp job: no run number (PBS_ARRAYID)" >&2; exit 2 ;;
esac
# run-NNN without a subshell: every process a run starts is its cost.
case $run in
?) outdir=$expdir/run-00$run ;;
??) outdir=$expdir/run-0$run ;;
*) outdir=$expdir/run-$run ;;
esac
exec >>"$outdir/job.log" 2>&1 </dev/null || exit 2
conf=@TMP@/c
nodefile=$outdir/nodefile
np=4
jobid=${PBS_JOBID:-${SLURM_JOB_ID:-}}

# put NAME VALUE: a result file, complete once renamed into place.
put() {
	printf '%s\n' "$2" >"$outdir/$1.tmp" && mv -f "$outdir/$1.tmp" "$outdir/$1"
}
# A monitor that fails is recorded in mon.status; the run goes on.
mon() {
	/opt/vsp/bin/vsp-mon "$@" >>"$outdir/mon.log" 2>&1
	ms=$?
	printf '%s %s\n' "$1" "$ms" >>"$outdir/mon.status"
	[ "$ms" -eq 0 ] || echo "vsp job: vsp-mon $1 failed with status $ms"
}
# keep FILE...: extra outputs of the application, from its folder.
keep() {
	for f; do keep_as "$f" "${f##*/}"; done
}
keep_as() {
	case $2 in
	job.sh|job.log|job.tsv|jobid|nodefile|hosts.tsv|stdout|stderr|time|exit|start|end|finished|state|killed|mon|mon.*|metrics.tsv|*.tmp)
		echo "vsp job: not keeping $1 as $2: a run file has that name"; return ;;
	esac
	cp -- "$1" "$outdir/$2.tmp" && mv -f "$outdir/$2.tmp" "$outdir/$2" ||
		echo "vsp job: cannot keep $1"
}

read -r host 2>/dev/null </proc/sys/kernel/hostname || host=$(hostname)
echo "vsp job: job $jobid run $run on $host at $(date +%s)"
# Runs only as the job vsp-pbs recorded in job.tsv (written right after
# the submission): a job whose submission was cut short by a crash, its
# run since submitted again, must not run it a second time.
# rec: its "job" column, read by the shell (no field before it is empty:
# TAB is an IFS space, so empty fields would merge).
recorded() {
	rec=
	{ IFS= read -r names && IFS= read -r vals; } 2>/dev/null <"$outdir/job.tsv" ||
		return 0
	set -f
	IFS='	'
	set -- $vals
	for n in $names; do
		[ "$n" = job ] && { rec=${1-}; break; }
		[ $# -gt 0 ] || break
		shift
	done
	unset IFS
	set +f
}
ours() {
	for id in "$jobid" "${SLURM_ARRAY_JOB_ID:-}_${SLURM_ARRAY_TASK_ID:-}" \
	    "${SLURM_ARRAY_JOB_ID:-}[${SLURM_ARRAY_TASK_ID:-}]"; do
		[ "${id%%.*}" = "${1%%.*}" ] && return 0
	done
	return 1
}
# Waits for job.tsv while the run folder is still the one this job began in.
if ! [ -f "$outdir/job.tsv" ]; then
	folder=$(ls -di "$outdir" 2>/dev/null)
	i=0
	while ! [ -f "$outdir/job.tsv" ] && [ $i -lt 300 ] &&
	    [ "$(ls -di "$outdir" 2>/dev/null)" = "$folder" ]; do
		sleep 0.1 2>/dev/null || sleep 1
		i=$((i + 1))
	done
fi
recorded
if ! ours "$rec"; then
	echo "vsp job: run $run is job ${rec:-(none recorded)}, not $jobid: not running it"
	exit 0
fi
put jobid "$jobid"
if [ -e "$outdir/killed" ]; then
	echo "vsp job: $(cat "$outdir/killed") before it started"
	exit 0
fi
if [ yes = yes ]; then
	# the VMs by name (reached at their addresses), their PMs by name
	mon start -C "$conf" -d "$outdir" -t "$outdir/hosts.tsv"
fi
ran=no
if cd /opt/bench; then
	ran=yes
	# vsp-pbs run writes start, runs the application in a process group
	# of its own, stops it when the run's killed file appears (vsp-pbs
	# cancel and wait stop a run by writing it) or on a signal passed on
	# here, and writes end, time and exit.
	@BIN@/vsp-pbs run -d "$outdir" -- mpirun --hostfile "$nodefile" -np 4 --bind-to core /opt/bench/bin/cpubench --size 1000 '--np='4 'two words' 'it'\''s' "$outdir"/x.out &
	app=$!
	trap 'kill -s TERM $app 2>/dev/null' TERM INT HUP
	while :; do
		wait $app
		st=$?
		kill -0 $app 2>/dev/null || break
	done
	trap - TERM INT HUP
	[ -e "$outdir/exit" ] || put exit "$st"	# it could not write it
else
	echo "vsp job: cannot enter the application's folder"
	st=1
fi
if [ yes = yes ]; then
	mon stop -C "$conf" -d "$outdir"
fi
if [ $ran = yes ]; then
	:
keep result.out logs/mpiapp-nc4-cpv2-idf2-bal-one.log
fi
now=$(date +%s)
echo "vsp job: run $run ended with status $st at $now"
# Last: vsp-pbs wait sees the job end the moment finished appears.
put finished "$now"
exit "$st"
