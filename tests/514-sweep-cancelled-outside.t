#!/bin/bash
# A run cancelled from outside the sweep (vsp-pbs cancel while it runs) is
# no result: the experiment fails this time and the run is redone the next.
# tier: real (whole sweeps)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE -r 1"
e=t-nc2-cpv2-idf0-none
rd=$d/results/t/$e/run-001
echo 30 >"$d/slow"	# run 1 runs until it is cancelled
sweep "$d" &
# The sweep's process group goes with the test, also when it is killed.
trap '[ -f "$d/pgid" ] && kill -KILL -"$(cat "$d/pgid")" 2>/dev/null; rm_tmp' EXIT
i=0
while [ ! -f "$rd/start" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$rd/start" ] || { echo "Bail out! run 1 did not start"; exit 1; }
job=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "job") c = i; next } { print $c }' "$rd/job.tsv")
printf 'outdir\tjob\n%s\t%s\n' "$rd" "$job" | vsp-pbs cancel -C "$d/conf" >/dev/null
is "$?" 0 "vsp-pbs cancel from outside while run 1 runs"
wait $!
rc=$?
rm -f "$d/slow"
is "$rc:$(cat "$rd/state")" "2:cancelled" "the sweep fails, run 1 cancelled"
is "$(grep -c "$e: run 1 is not done" "$d/make.out")" 1 "  run 1 is not a result"
sweep "$d"
is "$?:$(tail -1 "$d/make.out")" "0:1 experiments: 1 done, 0 failed, 0 left" "the next sweep finishes"
is "$(sweep_executions "$d" | tr '\n' ';')" "$e 1 ok 201;" "  run 1 redone, ok"
done_testing
