#!/bin/bash
# The sweep killed with SIGKILL at 12 random moments (some at the steps of
# crash recovery and teardown), with monitoring on, 4 runs per experiment,
# then finished: every run once, none failed because of a kill, no process
# (sadc, application, job) and no VM left (issue 11). SEED=n repeats a
# series of kills; KILLS=n kills n times (a longer hunt than make check's).
# tier: real (whole sweeps with sadc, killed 12 times)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
export TMPDIR=$tmp	# the collectors' folders, to find our sadc
# Every process of the sweep and of its jobs carries VSP_SWEEP_HOOK=$d/hook.sh.
left() {
	local p
	for p in /proc/[0-9]*; do
		tr '\0' '\n' 2>/dev/null <"$p/environ" | grep -qxF "VSP_SWEEP_HOOK=$d/hook.sh" &&
			echo "${p#/proc/} $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null)"
	done
}
trap 'left | while read -r p _; do kill -KILL "$p"; done 2>/dev/null; rm_tmp' EXIT

sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE,BAL-ONE,BAL-SET -r 4"
sed -i 's/^mon = no$/mon = yes/' "$d/conf/vsp.params"
cat >>"$d/conf/vsp.params" <<CONF
mon_hosts = localhost
batch_poll_max = 2
CONF
echo 0.3 >"$d/slow"
e=(t-nc2-cpv2-idf0-none t-nc2-cpv2-idf0-bal-one t-nc2-cpv2-idf0-bal-set)
for x in "${e[@]}"; do for r in 1 2 3 4; do echo "$x $r ok ${#x}$r"; done; done | sort >"$tmp/want"

seed=${SEED:-$(date +%s)}
RANDOM=$seed
echo "# SEED=$seed"
nkills=${KILLS:-12}
kills=0 early=0 i=0
while [ "$kills" -lt "$nkills" ] && [ "$i" -lt $((2 * nkills)) ]; do
	i=$((i + 1))
	# One kill in four at a step of recovery or teardown, the rest (and
	# those, if the step does not come) at a random moment up to 2 s in.
	case $((i % 8)) in
	1) echo "stopped:" >"$d/killat" ;;
	5) echo "down:${e[RANDOM % 3]}" >"$d/killat" ;;
	esac
	delay=$((RANDOM % 20 + 1))
	(sleep "$((delay / 10)).$((delay % 10))"; kill -KILL -"$(cat "$d/pgid")" 2>/dev/null) &
	killer=$!
	sweep "$d" 2>/dev/null
	rc=$?
	kill "$killer" 2>/dev/null
	wait "$killer" 2>/dev/null
	rm -f "$d/killat"
	if [ "$rc" -eq 137 ]; then
		kills=$((kills + 1))
		echo "# kill $kills after $((delay / 10)).$((delay % 10)) s: $(grep '^vsp-sweep' "$d/make.out" | tail -1)"
	elif [ "$rc" -eq 0 ]; then
		# Finished before the kill: start again, so every kill hits a sweep.
		early=$((early + 1))
		sweep_executions "$d" >"$tmp/got"
		same "$tmp/got" "$tmp/want" "a sweep finished between kills has every run once, ok"
		rm -rf "$d/results"
	else
		is "$rc" "137 or 0" "sweep $i: killed or finished"
		sed 's/^/# /' "$d/make.out"
		for f in $(sed -n 's/.*: \(.*\) exists: a run folder.*/\1/p' "$d/make.out"); do
			ls -la --time-style=+%T.%N "$f"; head -50 "$f"/job.log "$f"/mon/state
		done 2>&1 | sed 's/^/# /'
		exit 1
	fi
done
is "$kills" "$nkills" "$nkills kills ($early sweeps finished between them)"
rm -f "$d/slow"
sweep "$d"
rc=$?
is "$rc" 0 "the last rerun finishes the sweep"
[ "$rc" -eq 0 ] || sed 's/^/# /' "$d/make.out"
sweep_executions "$d" >"$tmp/got"
same "$tmp/got" "$tmp/want" "every run once, none failed"
is "$(ls "$d"/results/t/*/run-*/metrics.tsv | wc -l)" 12 "  12 run folders with metrics"
is "$(grep -c 'ended with status' "$d"/results/t/*/run-*/job.log | grep -vc ':1$')" 0 \
	"  each run folder had one job run the application"
for _ in $(seq 100); do [ -z "$(left)" ] && break; sleep 0.1; done
is "$(left)" "" "no process left (sadc, application, job)"
is "$(ls "$tmp" | grep -c '^vsp-mon\.')" 0 "no collector folder left"
is "$(cd "$d" && vsp-virt ls -C conf | tail -n +2)" "" "no VM left"
done_testing
