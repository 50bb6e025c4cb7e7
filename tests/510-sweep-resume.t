#!/bin/bash
# A sweep killed with SIGKILL at 10 points and rerun each time ends with the
# results of an uninterrupted sweep: the same executions, none twice, none
# missing, no complete run redone, no VM left.
# tier: real (whole sweeps, killed and resumed)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"

sweep_setup "$tmp/ref"
sweep "$tmp/ref"
is "$?" 0 "an uninterrupted sweep"
sweep_executions "$tmp/ref" >"$tmp/want"
is "$(wc -l <"$tmp/want")" 12 "  12 executions (6 experiments, 2 runs)"

d=$tmp/crash
sweep_setup "$d"
e1=t-nc2-cpv2-idf0-none e2=t-nc2-cpv2-idf0-bal-set e3=t-nc2-cpv2-idf0-bal-one
e4=t-nc4-cpv2-idf2-none e5=t-nc4-cpv2-idf2-bal-set e6=t-nc4-cpv2-idf2-bal-one
# Each point: a hook step ("step:exp") or a run of the application ("run exp:run").
points="plan: place:$e1 up:$e2 run:$e2:1 collect:$e2 down:$e3 run:$e4:2 done:$e4 submit:$e5 collect:$e6"
starts() {	# the start time of every run that has its metrics
	for m in "$d"/results/t/*/run-*/metrics.tsv; do
		[ -f "$m" ] && echo "${m%/metrics.tsv} $(cat "${m%/metrics.tsv}/start")"
	done
}
for p in $points; do
	case $p in
	run:*) echo "${p#run:}" >"$d/killrun" ;;
	*) echo "$p" >"$d/killat" ;;
	esac
	starts >"$tmp/before"
	sweep "$d"
	rc=$?
	is "$rc:$([ -f "$d/killrun" ] || [ -f "$d/killat" ] && echo missed)" "137:" "killed at $p"
	starts >"$tmp/after"
	is "$(join "$tmp/before" "$tmp/after" | awk '$2 != $3')" "" "  no complete run was redone"
	rm -f "$d/killrun" "$d/killat"
done
sweep "$d"
is "$?" 0 "the last rerun finishes the sweep"
sweep_executions "$d" >"$tmp/got"
same "$tmp/got" "$tmp/want" "the same executions as the uninterrupted sweep"
is "$(awk '{ print $1, $2 }' "$tmp/got" | sort | uniq -d)" "" "no execution twice"
is "$(ls -d "$d"/results/t/*/DONE | wc -l)" 6 "every experiment DONE"
# Each run folder keeps its provenance and its own row of submitted.tsv
# (split from the experiment's, or linked when the run went alone), the
# row of the job its job.tsv names.
for rd in "$d"/results/t/*/run-*; do
	for f in provenance.tsv experiment.tsv vms.tsv up.tsv; do
		[ -s "$rd/$f" ] || echo "$rd: no $f"
	done
	grep -q '^config_hash	' "$rd/provenance.tsv" || echo "$rd: no config_hash"
	awk -F'\t' -v rd="$rd" -v r="${rd##*/run-}" '
		FNR == 1 { split("", c); for (i = 1; i <= NF; i++) c[$i] = i; next }
		FILENAME ~ /job[.]tsv$/ { job = $c["job"]; next }
		{ n++; if ($c["run"] != r + 0) bad = " of run " $c["run"]; row = $c["job"] }
		END { if (n != 1 || bad != "" || row != job)
			printf "%s: %d rows%s, job %s, job.tsv %s\n", rd, n, bad, row, job }' \
		"$rd/submitted.tsv" "$rd/job.tsv" 2>&1
done >"$tmp/prov"
is "$(cat "$tmp/prov")" "" "every run folder: its provenance and its row of submitted.tsv"

# The report, killed while it is written, is whole after the rerun.
echo "report:" >"$d/killat"
sweep "$d" report
is "$?" 137 "killed at report"
sweep "$d" report
is "$?:$(ls "$d/results/report/executions.csv")" "0:$d/results/report/executions.csv" "the report after a rerun"
is "$(awk -F, 'NR > 1' "$d/results/report/executions.csv" | wc -l)" 12 "  with every execution"
is "$(cd "$d" && vsp-virt ls -C conf | tail -n +2)" "" "no VM left"
done_testing
