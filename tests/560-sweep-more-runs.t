#!/bin/bash
# MORE_RUNS: a sweep gives the experiments a report's runs.tsv names more
# runs, keeping the runs done; make report prints the answers.
# tier: real (whole sweeps)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"

d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -r 2"
sweep "$d"
is "$?" 0 "a sweep of 3 experiments, 2 runs each"
starts() { for f in "$d"/results/t/*/run-*/start; do echo "$f $(cat "$f")"; done; }
starts >"$tmp/before"

e=t-nc2-cpv2-idf0-none
printf 'exp\tapp\truns\n%s\tt\t4\n' "$e" >"$d/runs.tsv"
sweep "$d" MORE_RUNS="$d/runs.tsv"
is "$?" 0 "the sweep again with MORE_RUNS"
is "$(cd "$d/results/t" && ls -d */run-* | tr '\n' ' ')" \
    "t-nc2-cpv2-idf0-bal-one/run-001 t-nc2-cpv2-idf0-bal-one/run-002 t-nc2-cpv2-idf0-bal-set/run-001 t-nc2-cpv2-idf0-bal-set/run-002 $e/run-001 $e/run-002 $e/run-003 $e/run-004 " \
    "the named experiment has 4 runs, the others 2"
starts >"$tmp/after"
is "$(join "$tmp/before" "$tmp/after" | awk '$2 != $3')" "" "no run done before was redone"
is "$(grep -c 'running runs 3,4 of 4' "$d/make.out")" 1 "only runs 3 and 4 ran"
is "$(tail -n +2 "$d/results/t/$e/metrics.tsv" | wc -l)" 4 "its metrics.tsv has the 4 runs"
[ -f "$d/results/t/$e/DONE" ]
is "$?" 0 "and it is done again"
sweep "$d" MORE_RUNS="$d/runs.tsv"
is "$(grep -c 'starting' "$d/make.out")" 0 "a third time: nothing left to do"

(cd "$d" && make --no-print-directory report) >"$tmp/report.out" 2>/dev/null
is "$?" 0 "make report"
is "$(head -1 "$tmp/report.out" | cut -c1-44)" "Answers for elapsed_s (lower is better): the" \
    "make report prints the answers"
is "$(grep -c '^t nc 2 cpv 2 ' "$tmp/report.out")" 1 "one shape, one answer"
same "$d/results/report/answers.txt" "$tmp/report.out" "the same as answers.txt"
is "$(awk -F, -v e="$e" '$1 == e { print $8 ":" $10 }' "$d/results/report/experiments.csv")" "4:4" \
    "the report counts 4 runs of 4"

# BASELINE: make report compares with an earlier report.
cp -r "$d/results/report" "$tmp/old"
(cd "$d" && make --no-print-directory report BASELINE="$tmp/old") >"$tmp/report.out" 2>/dev/null
is "$(tail -1 "$tmp/report.out")" \
    "Against the baseline $tmp/old: 0 faster, 0 slower, 12 within noise." \
    "BASELINE: the same runs are within noise (3 experiments, 4 metrics)"
done_testing
