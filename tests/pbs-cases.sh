# Sourced by the backend tests: the same runs through any backend.
# pbs_cases BACKEND [SETTINGS...]: an array of 3 runs (one done, one failed
# with status 3, one past its walltime) and 2 cancelled runs (one running,
# one queued), on this host as a one-PM physical cluster.
d=$data/pbs

pbs_conf() {
	rm -rf "$tmp/c"
	cp -R "$d/conf" "$tmp/c"
	hostname >"$tmp/c/vsp.nodes"
	printf '%s\n' "$@" >>"$tmp/c/vsp.params"
}

# Waits (at most 30 s) until FILE exists.
await() {
	local i
	for i in $(seq 1 150); do
		[ -e "$1" ] && return 0
		sleep 0.2
	done
	return 1
}

pbs_cases() {
	local be=$1 x=$tmp/results/sleeper/sleeper-cases r
	shift
	rm -rf "$tmp/results"
	pbs_conf "batch=$be" "results=$tmp/results" mon=yes \
		"mon_command=$tmp/mon" "$@"
	# A monitor that fails to stop: recorded, and the run goes on.
	printf '#!/bin/sh\necho "$@" >>"$(dirname "$0")/mon.args"\n[ "$1" = start ]\n' >"$tmp/mon"
	chmod +x "$tmp/mon"
	sed "s/HOST/$(hostname)/" "$d/cases.tsv" >"$tmp/cases.tsv"
	sed "s/HOST/$(hostname)/" "$d/cancel.tsv" >"$tmp/cancel.tsv"

	(cd "$tmp" && vsp-pbs submit -C "$tmp/c" cases.tsv >"$tmp/sub" 2>"$tmp/sub.err")
	is "$?:$(cat "$tmp/sub.err")" "0:" "$be: submit runs"
	is "$(cut -f1,2,9,10,12,13 "$tmp/sub")" "exp	app	mode	run	outdir	state
sleeper-cases	sleeper	cases	1	$x/run-001	queued
sleeper-cases	sleeper	cases	2	$x/run-002	queued
sleeper-cases	sleeper	cases	3	$x/run-003	queued" "$be: one row per run, VM columns dropped"
	run vsp-pbs wait "$tmp/sub"
	is "$rc:$err" "0:" "$be: wait ends"
	printf '%s\n' "$out" >"$tmp/waited"
	is "$(cut -f10,13,14 "$tmp/waited")" "run	state	exit
1	done	0
2	failed	3
3	timeout	143" "$be: done, failed with its status, killed at its walltime"
	is "$(cut -f11 "$tmp/waited")" "$(cut -f11 "$tmp/sub")" "$be: job ids kept"

	r=$x/run-001
	is "$(cat "$r/stdout"):$(cat "$r/stderr"):$(cat "$r/exit")" \
		"np=2 run=1:err:0" "$be: stdout, stderr and exit of run 1"
	is "$(grep -Ec '^[0-9]+\.[0-9]+ [0-9]+\.[0-9]+ [0-9]+\.[0-9]+$' "$r/time")" 1 \
		"$be: the time line"
	is "$(awk '{ print ($1 > 1700000000) }' "$r/start" "$r/end" | tr -d '\n')" 11 \
		"$be: start and end times"
	is "$(cat "$r/out.txt"):$(cat "$r/state"):$(cat "$r/mon.status" | tr '\n' ' ')" \
		"out:done:start 0 stop 1 " "$be: outputs kept, state, monitor failure recorded"
	is "$(head -1 "$tmp/mon.args")" \
		"start -C $tmp/c -d $r -t $r/hosts.tsv" "$be: vsp-mon start arguments"
	same "$r/hosts.tsv" "$tmp/cases.tsv" "$be: hosts.tsv, what the job monitors: the experiment's rows as submitted"
	is "$(cat "$r/nodefile")" "$(hostname)
$(hostname)" "$be: nodefile, one line per slot"
	is "$(head -1 "$x/run-002/time")" "Command exited with non-zero status 3" \
		"$be: time of a failed run"
	is "$(cat "$x/run-003/killed"):$(cat "$x/run-003/state")" "timeout:timeout" \
		"$be: the timeout is recorded"
	is "$(ls "$x" | grep -c '^run-')" 3 "$be: three run folders"
	is "$(head -1 "$r/job.tsv"):$(cut -f1,3 "$r/job.tsv" | tail -1)" \
		"backend	job	limit	conf	submitted	vsp:$be	4" "$be: job.tsv"
	is "$(awk -F'\t' 'NR == 2 { print ($5 > 1700000000 && $5 <= '"$(cat "$r/start")"') }' "$r/job.tsv")" 1 \
		"$be: submitted before it started"
	is "$(head -1 "$x/experiment.tsv" | cut -f1-9)" "exp	app	nc	cpv	idf	pstrat	runs	first	mode" \
		"$be: experiment.tsv"

	# Waiting again reads the recorded states.
	run vsp-pbs wait "$tmp/sub"
	is "$out" "$(cat "$tmp/waited")" "$be: wait again gives the same rows"
	(cd "$tmp" && vsp-pbs submit -C "$tmp/c" cases.tsv >"$tmp/sub2" 2>"$tmp/sub.err")
	is "$?:$(cat "$tmp/sub.err")" "1:vsp-pbs: cases.tsv:2: $x/run-001 exists: a run folder is never overwritten (remove it to run again)" \
		"$be: a run folder is never overwritten"
	is "$(cat "$tmp/sub2")" "$(head -1 "$tmp/sub")" "$be: no row for the experiment that failed"

	# Cancel: one running, one queued behind it.
	x=$tmp/results/sleeper/sleeper-cancel
	(cd "$tmp" && vsp-pbs submit -C "$tmp/c" cancel.tsv >"$tmp/sub" 2>"$tmp/sub.err")
	is "$?:$(cat "$tmp/sub.err")" "0:" "$be: submit runs to cancel"
	await "$x/run-001/start"
	is "$?:$(cat "$x/run-002/start" 2>&1)" "0:cat: $x/run-002/start: No such file or directory" \
		"$be: run 1 runs, run 2 waits"
	run vsp-pbs status "$tmp/sub"
	is "$rc:$err:$(cut -f10,13,14 <<<"$out" | tr '\t\n' '  ')" "0::run state exit 1 running  2 queued  " \
		"$be: status"
	run vsp-pbs cancel "$tmp/sub"
	is "$rc:$err:$(cut -f10,13 <<<"$out" | tr '\t\n' '  ')" "0::run state 1 cancelled 2 cancelled " \
		"$be: cancel"
	run vsp-pbs wait "$tmp/sub"
	is "$rc:$err:$(cut -f10,13,14 <<<"$out" | tr '\t\n' '  ')" "0::run state exit 1 cancelled 143 2 cancelled  " \
		"$be: cancelled runs end cancelled"
	is "$(cat "$x/run-002/killed"):$(ls "$x/run-002" | grep -c '^start$')" "cancelled:0" \
		"$be: the queued run never started"
}
