#!/bin/bash
# A job runs only as the job its run's job.tsv names: a job whose
# submission a crash cut short (its run since submitted again) does not run
# the application a second time (issue 11).
# tier: real (a job run by the local backend)
. "$(dirname "$0")/lib.sh"
. "$top/tests/pbs-cases.sh"
pbs_conf batch=local "results=$tmp/r" mon=no
sed "s/HOST/$(hostname)/; s/sleeper-cases/sleeper-lost/; s/\t3\t0\tcases/\t1\t0\tcases/" \
	"$d/cases.tsv" >"$tmp/lost.tsv"
x=$tmp/r/sleeper/sleeper-lost/run-001
mkdir -p "$tmp/r"
# Holding the local backend's lock keeps the job from starting meanwhile.
exec 9>"$tmp/r/.vsp-local.lock"
flock 9
vsp-pbs submit -C "$tmp/c" "$tmp/lost.tsv" >"$tmp/sub"
is "$?" 0 "submitted, held"
job=$(awk -F'\t' 'NR == 2 { print $2 }' "$x/job.tsv")
sed -i "2s/\t$job\t/\tlocal-1\t/" "$x/job.tsv"	# as if submitted again as another job
flock -u 9
exec 9>&-
for _ in $(seq 150); do grep -q 'not running it' "$x/job.log" 2>/dev/null && break; sleep 0.2; done
is "$(grep '^vsp job' "$x/job.log" | sed 's/ at [0-9]*$//')" \
	"vsp job: job $job run 1 on $(hostname)
vsp job: run 1 is job local-1, not $job: not running it" "the job says why it does not run"
is "$(ls "$x" | grep -cx 'start\|exit\|stdout\|jobid')" 0 "  and ran nothing"
done_testing
