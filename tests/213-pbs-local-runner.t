#!/bin/bash
# The local backend's runner: one per submission, runs in order, tells wait
# about a run that ended without its files, skips a run cancelled before
# its turn, stops only the run cancelled; wait sees ends from the run
# folder (finished) without the batch system's polls.
. "$(dirname "$0")/lib.sh"
. "$top/tests/pbs-cases.sh"
pbs_conf batch=local "results=$tmp/results" mon=no batch_cancel_grace=0
mkdir -p "$tmp/c/apps/q"
# The application, by mode and run: "die" run 1 kills its job script and
# the vsp-pbs run that started it (the run ends without exit), "go" runs
# wait for the file go-RUN, not stopped by SIGTERM.
cat >"$tmp/app.sh" <<APP
#!/bin/sh
case \$1:\$2 in
die:1) kill -KILL "\$PPID" "\$(awk '{ print \$4 }' /proc/\$PPID/stat)"; sleep 1 ;;
die:2|go:*) trap '' TERM; while [ ! -e "$tmp/go-\$2" ]; do sleep 0.05; done ;;
esac
APP
chmod +x "$tmp/app.sh"
printf '[Application]\nexecutable = %s\nargs = ${mode} ${run}\n[Execution]\nwalltime = 600\n' \
	"$tmp/app.sh" >"$tmp/c/apps/q/application.config"
rows() {	# rows EXP MODE RUNS
	printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\tmode\tvm\tnode\n%s\tq\t2\t2\t-1\tNONE\t%s\t0\t%s\t\t%s\n' \
		"$1" "$3" "$2" "$(hostname)"
}
col() {	# col NAME: that column of stdin's rows
	awk -F'\t' -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }'
}
states() { col run <<<"$out" | paste - <(col state <<<"$out") <(col exit <<<"$out") | tr '\t\n' '  '; }

rows q-die die 3 >"$tmp/die.tsv"
vsp-pbs submit -C "$tmp/c" "$tmp/die.tsv" >"$tmp/sub"
ids=$(col job <"$tmp/sub" | tr '\n' ' ')
pid=${ids#local-} pid=${pid%%-*}
is "$ids" "local-$pid-1 local-$pid-2 local-$pid-3 " "one runner for the submission, its runs in order"
x=$tmp/results/q/q-die
await "$x/run-002/start"
is "$?:$(ls "$x/run-001" | grep -c '^exit$')" "0:0" "run 1 ended without its exit file, run 2 runs"
run vsp-pbs status "$tmp/sub"
is "$rc:$(states)" "0:1 failed  2 running  3 queued  " \
	"status: the run that ended without its files is failed while the runner goes on"

# Cancelling run 3 alone (queued): skipped, run 2 goes on.
head -1 "$tmp/sub" >"$tmp/three"
tail -1 "$tmp/sub" >>"$tmp/three"
run vsp-pbs cancel "$tmp/three"
is "$rc:$(col state <<<"$out")" "0:cancelled" "cancel the queued run 3"
touch "$tmp/go-2"
run vsp-pbs wait "$tmp/sub"
is "$rc:$err:$(states)" "0::1 failed  2 done 0 3 cancelled  " "wait: failed, done, cancelled"
is "$(ls "$x/run-003" | grep -Ec '^(start|jobid)$'):$(tail -1 "$x/run-003/job.log")" \
	"0:vsp-pbs local: cancelled before it started" "  run 3 was skipped, never started"
for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
is "$(kill -0 "$pid" 2>&1 >/dev/null | wc -l):$(ls "$tmp/results/.vsp-local")" "1:" \
	"the runner is gone after its queue, with its progress file"

# Cancelling the running run 1, which its job cannot stop (its application
# ignores SIGTERM), through the runner stops that job alone.
rows q-go go 2 >"$tmp/go.tsv"
vsp-pbs submit -C "$tmp/c" "$tmp/go.tsv" >"$tmp/sub"
x=$tmp/results/q/q-go
await "$x/run-001/start"
head -2 "$tmp/sub" >"$tmp/one"
run vsp-pbs cancel "$tmp/one"
is "$rc:$(col state <<<"$out")" "0:cancelled" "cancel the running run 1"
for _ in $(seq 1 100); do
	grep -q 'vsp-pbs local: cancelled after' "$x/run-001/job.log" && break
	sleep 0.05
done
is "$(grep -c 'vsp job: cancelled, stopping the application' "$x/run-001/job.log"):$(grep -c 'vsp-pbs local: cancelled after' "$x/run-001/job.log")" \
	"1:1" "  its job tried, then the runner stopped it (no grace)"
touch "$tmp/go-1"
await "$x/run-002/start"
is "$?" 0 "  and went on with run 2"
touch "$tmp/go-2"
run vsp-pbs wait "$tmp/sub"
is "$rc:$err:$(states)" "0::1 done 0 2 done 0 " "wait: run 1 ended well after all, run 2 done"

# Two submissions at once: one run at a time per results folder (the lock).
rm -f "$tmp/go-1"
rows q-lock-a go 1 >"$tmp/a.tsv"
rows q-lock-b ok 1 >"$tmp/b.tsv"
vsp-pbs submit -C "$tmp/c" "$tmp/a.tsv" >"$tmp/sub-a"
await "$tmp/results/q/q-lock-a/run-001/start"
vsp-pbs submit -C "$tmp/c" "$tmp/b.tsv" >"$tmp/sub-b"
sleep 0.5
is "$(ls "$tmp/results/q/q-lock-b/run-001" | grep -c '^start$')" 0 \
	"a second submission waits for the lock"
touch "$tmp/go-1"
run vsp-pbs wait "$tmp/sub-b"
is "$rc:$(states)" "0:1 done 0 " "  and runs once the first has ended"
vsp-pbs wait "$tmp/sub-a" >/dev/null

# wait learns the end from the finished file alone: its polls are 10 minutes apart.
rm -f "$tmp/go-1"
printf 'batch_poll_min = 600\nbatch_poll_max = 600\n' >>"$tmp/c/vsp.params"
rows q-event go 1 >"$tmp/ev.tsv"
vsp-pbs submit -C "$tmp/c" "$tmp/ev.tsv" >"$tmp/sub"
await "$tmp/results/q/q-event/run-001/start"
timeout 60 vsp-pbs wait "$tmp/sub" >"$tmp/waited" &
w=$!
sleep 1	# wait has polled once and sleeps
touch "$tmp/go-1"
wait "$w"
st=$?
out=$(cat "$tmp/waited")
is "$st:$(states)" "0:1 done 0 " "wait ends on the run's finished file, not on a poll"
done_testing
