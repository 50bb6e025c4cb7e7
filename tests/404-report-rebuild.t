#!/bin/bash
# A report rebuilt from the run folders alone equals the one from metrics
# rows; rerunning over more results replaces the report whole.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" . >metrics.tsv
vsp-report -o from-rows metrics.tsv
vsp-report -o from-runs -r results/
is "$?" 0 "vsp-report -r runs"
for f in experiments.csv summary.csv index.html plots/plots.gp; do
	same from-runs/$f from-rows/$f "from run folders: same $f"
done
sed 's/,[^,]*$//' from-rows/executions.csv >want
sed 's/,[^,]*$//' from-runs/executions.csv >got
same got want "from run folders: same executions.csv but the source column"
is "$(sed -n 2p from-runs/executions.csv | awk -F, '{ print $NF }')" \
    "results/ep/ep-nc4-cpv2-idf2-bal-one/run-001/metrics.tsv:2" \
    "each execution names the metrics.tsv it came from"
diff -r from-rows/series from-runs/series >/dev/null
is "$?" 0 "from run folders: the same series files"

# Any number of worker processes makes the same report.
vsp-report -o j1 -P -j 1 metrics.tsv
vsp-report -o j3 -P -j 3 metrics.tsv
diff -r j1 j3 >/dev/null
is "$?" 0 "-j 1 and -j 3: the same report"
diff -r j1/series from-rows/series >/dev/null
is "$?" 0 "and the same series as the default"

# Run folders are found wherever the results root is.
mkdir elsewhere && mv results elsewhere/
vsp-report -o moved -P -r elsewhere/results
is "$(grep -c ',series/' moved/executions.csv)" 40 "a moved results root keeps its series"

# An experiment folder, a run folder.
vsp-report -o one -P -r elsewhere/results/ep/ep-nc8-cpv2-idf2-split \
    -r elsewhere/results/ep/ep-nc4-cpv2-idf2-split/run-003
is "$(cut -d, -f1,2,12 one/executions.csv | tr '\n' ' ')" \
    "exp,run,status ep-nc4-cpv2-idf2-split,3,failed ep-nc8-cpv2-idf2-split,1,ok ep-nc8-cpv2-idf2-split,2,ok ep-nc8-cpv2-idf2-split,3,ok ep-nc8-cpv2-idf2-split,4,ok ep-nc8-cpv2-idf2-split,5,ok " \
    "-r takes experiment and run folders too"

# An experiment folder with the metrics.tsv of its runs (as vsp-sweep
# writes it): the runs are read from their folders, series included.
cat elsewhere/results/ep/ep-nc8-cpv2-idf2-split/run-*/metrics.tsv | awk 'NR == 1 || !/^exp/' \
    >elsewhere/results/ep/ep-nc8-cpv2-idf2-split/metrics.tsv
vsp-report -o sweep -P -r elsewhere/results/ep/ep-nc8-cpv2-idf2-split
is "$(grep -c ',series/ep-nc8-cpv2-idf2-split/run-00[1-5].csv,' sweep/executions.csv)" 5 \
    "an experiment folder's own metrics.tsv does not hide its runs"

# Rerun over more results: the folder is replaced, nothing of the old stays.
vsp-report -o grow -P -r elsewhere/results/ep/ep-nc8-cpv2-idf2-split
touch grow/series/ep-nc8-cpv2-idf2-split/stale
ino=$(stat -c %i grow)
vsp-report -o grow -P -r elsewhere/results
is "$(tail -n +2 grow/experiments.csv | wc -l)" 8 "the new report has every experiment"
is "$(ls grow/series/ep-nc8-cpv2-idf2-split)" "run-001.csv
run-002.csv
run-003.csv
run-004.csv
run-005.csv" "nothing of the old report stays"
[ "$(stat -c %i grow)" != "$ino" ]
is "$?" 0 "the folder was renamed into place, not rewritten"
is "$(ls -A | grep -c tmp-)" 0 "no temporary folder left"

# Stopped by a signal: the unfinished folder goes, the last report stays.
mkfifo fifo
vsp-report -o grow -P fifo &
pid=$!
for i in $(seq 50); do ls -A | grep -q '^\.grow\.tmp-' && break; sleep 0.1; done
is "$(ls -A | grep -c '^\.grow\.tmp-')" 1 "the report is built beside the old one"
kill -TERM $pid
wait $pid
is "$?" 143 "SIGTERM ends vsp-report"
is "$(ls -A | grep -c '^\.grow\.tmp-')" 0 "and its unfinished folder is removed"
is "$(tail -n +2 grow/experiments.csv | wc -l)" 8 "the last report stays"

# Killed outright: the next report removes the leftover, never the folder
# of a report still being built (each holds a lock on its own).
tmps() { ls -A | grep '^\.grow\.tmp-'; }
vsp-report -o grow -P fifo &
pid=$!
for i in $(seq 50); do [ -n "$(tmps)" ] && break; sleep 0.1; done
kill -KILL $pid
wait $pid 2>/dev/null
left=$(tmps)
is "$(printf '%s\n' "$left" | grep -c .)" 1 "SIGKILL leaves its unfinished folder"
vsp-report -o grow -P fifo &
pid=$!
for i in $(seq 50); do [ -n "$(tmps)" ] && [ "$(tmps)" != "$left" ] && break; sleep 0.1; done
live=$(tmps)
is "$(printf '%s\n' "$live" | grep -c .): $(printf '%s\n' "$live" | grep -c -x -- "$left")" "1: 0" \
	"the next report removes it"
vsp-report -o grow -P -r elsewhere/results
is "$(tmps)" "$live" "a report being built is left alone"
kill -TERM $pid
wait $pid
is "$(tmps)" "" "and goes with its report"

# Rows of a run seen twice (metrics.tsv and its run folder) count once.
mv elsewhere/results .
vsp-report -o both -P metrics.tsv -r results
is "$(tail -n +2 both/executions.csv | wc -l)" 40 "a run read twice counts once"
same both/summary.csv from-rows/summary.csv "and the statistics do not change"
done_testing
