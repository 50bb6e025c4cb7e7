#!/bin/bash
# vsp-pbs on the local backend: runs here, one at a time.
# tier: real (real runs on the local backend)
. "$(dirname "$0")/lib.sh"
. "$top/tests/pbs-cases.sh"
pbs_cases local

# Without wait, the local runner itself ends a run at the batch walltime.
pbs_conf batch=local "results=$tmp/r2" mon=no batch_walltime_margin=0
sed "s/HOST/$(hostname)/; s/sleeper-cases/sleeper-limit/" "$d/cases.tsv" >"$tmp/limit.tsv"
vsp-pbs submit -C "$tmp/c" "$tmp/limit.tsv" >"$tmp/sub"
x=$tmp/r2/sleeper/sleeper-limit/run-003
await "$x/exit"
is "$?:$(cat "$x/killed")" "0:timeout" "local: the runner ends a run at the batch walltime"
run vsp-pbs wait "$tmp/sub"
is "$rc:$(cut -f10,13,14 <<<"$out" | tr '\t\n' '  ')" "0:run state exit 1 done 0 2 failed 3 3 timeout 143 " \
	"local: its state is timeout"
grep -q 'walltime exceeded after 4 s' "$x/job.log"
is "$?" 0 "local: the runner says so in job.log"
done_testing
