#!/bin/bash
# Two invocations of one sweep: the second stops at once with a clear
# message (or waits with LOCK_WAIT), and nothing is corrupted.
# tier: real (whole sweeps side by side)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE,BAL-ONE -r 2"
echo 1 >"$d/slow"	# each run takes a second
sweep "$d" &
first=$!
for _ in $(seq 100); do [ -d "$d/results/t" ] && break; sleep 0.1; done
(cd "$d" && make --no-print-directory) >"$tmp/second.out" 2>&1
rc=$?
is "$rc" 2 "the second invocation stops"
is "$(grep vsp-sweep "$tmp/second.out")" \
	"vsp-sweep: another sweep is running on $d/results (lock $d/results/.sweep/lock held); nothing done" \
	"  and says why"
(cd "$d" && make --no-print-directory LOCK_WAIT=60) >"$tmp/third.out" 2>&1
is "$?" 0 "with LOCK_WAIT the third waits for the first, then finds it all done"
is "$(tail -1 "$tmp/third.out")" "2 experiments: 2 done, 0 failed, 0 left" "  nothing left to do"
wait $first
is "$?" 0 "the first invocation finishes"
rm -f "$d/slow"
is "$(sweep_executions "$d" | tr '\n' ';')" \
	"t-nc2-cpv2-idf0-bal-one 1 ok 231;t-nc2-cpv2-idf0-bal-one 2 ok 232;t-nc2-cpv2-idf0-none 1 ok 201;t-nc2-cpv2-idf0-none 2 ok 202;" \
	"every execution once"
is "$(ls "$d"/results/t/*/run-*/job.log | wc -l)" 4 "no run submitted twice"
done_testing
