#!/bin/bash
# make status and make report only read: they work while a sweep runs and
# on read-only results; status counts failed experiments. make cron is
# silent while a sweep runs or all is well, loud when something failed
# (issue 11, items 13 and 14).
# tier: real (whole sweeps, a mount namespace)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE,BAL-ONE -r 1"
e2=t-nc2-cpv2-idf0-bal-one	# the second in order
mk() { (cd "$d" && VSP_SWEEP_HOOK="$d/hook.sh" make --no-print-directory "$@") >"$tmp/out" 2>&1; }

# A sweep held before its second experiment (it holds the lock).
echo "place:$e2" >"$d/pauseat"
sweep "$d" &
first=$!
for _ in $(seq 300); do [ -f "$d/paused" ] && break; sleep 0.1; done
mk status
is "$?:$(cat "$tmp/out")" "0:2 experiments: 1 done, 0 failed, 1 left" "status while a sweep runs"
mk report REPORT="$tmp/report1"
is "$?:$(wc -l <"$tmp/report1/executions.csv")" "0:2" "report while a sweep runs (header and one execution)"
mk cron
is "$?:$(cat "$tmp/out")" "0:" "cron while a sweep runs: silent"
: >"$d/go"
wait "$first"
is "$?" 0 "the sweep goes on"
mk cron
is "$?:$(cat "$tmp/out")" "0:" "cron when all is done: silent"

# Read-only results (a read-only bind mount: root ignores file modes).
if unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" &&
		cd "$2" && touch "$1/x" 2>/dev/null && echo writable
		make --no-print-directory status && make --no-print-directory report REPORT="$3"' \
		sh "$d/results" "$d" "$tmp/report2" >"$tmp/out" 2>&1
	is "$?:$(head -1 "$tmp/out")" "0:2 experiments: 2 done, 0 failed, 0 left" \
		"status and report on read-only results"
	is "$(wc -l <"$tmp/report2/executions.csv")" 3 "  the report has every execution"
else
	is skipped skipped "no mount namespace here: read-only results untested"
	is skipped skipped "  (no report)"
fi

# A step that fails: counted, and cron is loud until it is fixed.
sweep_setup "$tmp/f" "-a t -n 2 -c 2 -i 0 -p NONE,BAL-ONE -r 1"
d=$tmp/f
echo "up:$e2" >"$d/failat"
mk cron
is "$?" 2 "cron when a step fails: make fails"
is "$(grep -c "needs a person" "$tmp/out"):$(grep -c "VSP_SWEEP_HOOK failed before up" "$tmp/out")" "1:1" \
	"  saying so and what failed"
mk status
is "$?:$(cat "$tmp/out")" "0:2 experiments: 1 done, 1 failed, 0 left" "status counts the failed experiment"
mk cron
is "$?" 2 "cron again: still loud"
rm -f "$d/failat"
mk cron
is "$?:$(cat "$tmp/out")" "0:" "cron once fixed: silent"
mk status
is "$(cat "$tmp/out")" "2 experiments: 2 done, 0 failed, 0 left" "  and the sweep is done"
is "$(grep -c 'done (1 runs, 0 failed)' "$d/results/.sweep/cron.log")" 2 "  its output in .sweep/cron.log"

# The cron line of vsp(7), as cron would run it: sh, from any folder.
line=$(awk '/^\.SS Cron/ { on = 1 } on && /^\*\/10 / { gsub(/\\-/, "-"); print; exit }' "$top/man/vsp.7")
is "$line" "*/10 * * * * cd /path/to/sweep && make -s cron" "vsp(7) has the cron line"
cmd=${line#\*/10 \* \* \* \* }
out=$(cd / && sh -c "${cmd/\/path\/to\/sweep/$d}" 2>&1)
is "$?:$out" "0:" "  which is silent on a done sweep"
done_testing
