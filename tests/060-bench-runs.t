#!/bin/bash
# tier: real
# Every benchmark that needs no daemon of its own still runs, at its
# smallest size (a benchmark that rots is found here, not when its numbers
# are wanted). What it measures is not checked: no timed assertions.
. "$(dirname "$0")/lib.sh"
for b in /usr/bin/time mawk gnuplot /usr/lib/sysstat/sadc; do
	command -v "$b" >/dev/null || { echo "Bail out! $b is missing (.ci/deps)"; exit 1; }
done
bench() {	# bench NAME WANT CMD...: runs CMD, checks its output has WANT
	local name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	local st=$?
	local got="$st: $(grep -c -- "$want" "$tmp/out")"
	is "$got" "0: 1" "bench/$name runs and prints \"$want\""
	[ "$got" = "0: 1" ] || sed "s/^/# /" "$tmp/out" | tail -5
}
b=$top/bench
bench place "place-64c-2s-8n / mawk-place-output" env BENCH_REPS=1 BENCH_CUT=400 "$b/place"
bench virt/run "^down  vsp-virt" env REPS=1 "$b/virt/run"
bench pbs "own_ms (about" "$b/pbs" 10
bench report "vsp-report,  31 plots" env BENCH_MB=2 "$b/report"
bench mon "vsp-collect / awk" env BENCH_SECONDS=1 "$b/mon"
bench sweep "vsp       4 experiments" env BENCH_EXPERIMENTS=4 BENCH_BIG= "$b/sweep"
done_testing
