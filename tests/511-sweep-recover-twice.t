#!/bin/bash
# A crash during crash recovery: the run vsp stopped is redone, never
# counted as the application's failure (issue 11, item 1).
# tier: real (whole sweeps, killed and resumed)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE -r 2"
e=t-nc2-cpv2-idf0-none
echo "$e:1" >"$d/killrun"	# the application kills the sweep, then runs on
sweep "$d"
is "$?" 137 "killed while run 1 runs"
echo "stopped:" >"$d/killat"	# right after vsp stopped the run
sweep "$d"
is "$?:$(grep -c "$e: stopping run 1, left by a crash" "$d/make.out")" "137:1" \
	"killed again right after stopping the run left by the crash"
is "$(cat "$d/results/t/$e/run-001/killed")" cancelled "  which vsp marked cancelled"
sweep "$d"
is "$?:$(tail -1 "$d/make.out")" "0:1 experiments: 1 done, 0 failed, 0 left" "the third run finishes"
is "$(grep 'done (' "$d/make.out")" "vsp-sweep: [1/1] $e: done (2 runs, 0 failed)" \
	"  with no run failed"
is "$(sweep_executions "$d" | tr '\n' ';')" "$e 1 ok 201;$e 2 ok 202;" "  every run once, ok"
done_testing
