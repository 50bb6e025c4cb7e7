#!/bin/bash
# vsp-report on a generated data set: every CSV table equals the golden one.
. "$(dirname "$0")/lib.sh"
gold=$data/report/golden

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" . >metrics.tsv
run vsp-report -o report metrics.tsv
is "$rc:$err" "0:" "vsp-report runs quietly"
same report/experiments.csv "$gold/experiments.csv" "experiments.csv"
same report/executions.csv "$gold/executions.csv" "executions.csv"
same report/summary.csv "$gold/summary.csv" "summary.csv"
same report/series/ep-nc4-cpv2-idf2-bal-one/run-001.csv \
    "$gold/series-run-001.csv" "a series file, with fields CSV quotes"
(cd report && find . | sort) >files
same files "$gold/files" "the report holds the expected files"
is "$(ls -a | grep -c tmp)" 0 "no temporary folder left"

# Every series file is the concatenation of its hosts' TSV, commas for TABs
# (only the quoted run differs).
bad=0
for f in report/series/*/run-*.csv; do
	exp=${f#report/series/}; exp=${exp%/*}
	r=${f##*/}; r=${r%.csv}
	want=$(cd "results/ep/$exp/$r/mon" && { head -1 node1.tsv; tail -qn +2 node1.tsv vsp-node1-01.tsv; } | tr '\t' ,)
	[ "$exp/$r" = ep-nc4-cpv2-idf2-bal-one/run-001 ] && continue
	[ "$(cat "$f")" = "$want" ] || bad=$((bad + 1))
done
is "$bad" 0 "series files hold every sample of every host"

# Failed executions are kept and marked, never averaged in.
is "$(grep -c ',failed,exit status 1,' report/executions.csv)" 1 \
    "the failed run is in executions.csv, marked"
is "$(grep '^ep-nc4-cpv2-idf2-split,.*,elapsed_s,' report/summary.csv | cut -d, -f10-13)" \
    "4,0,1,16.3" "its elapsed_s (3.5) is not in the mean of 4 ok runs"

# Input order does not matter: shuffled rows give the same tables.
{ head -1 metrics.tsv; tail -n +2 metrics.tsv | sort -r; } >shuffled.tsv
vsp-report -o report2 -S -P shuffled.tsv
cut -d, -f1-13 report2/executions.csv >got
cut -d, -f1-13 report/executions.csv >want
same got want "shuffled input: same executions.csv (but source)"
same report2/summary.csv report/summary.csv "shuffled input: same summary.csv"

# Standard input works as a file does.
vsp-report -o report3 -S -P <metrics.tsv
same report3/summary.csv report/summary.csv "stdin: same summary.csv"
is "$(tail -1 report3/executions.csv | awk -F, '{ print $NF }')" "stdin:41" \
    "stdin: rows name their source line"
# The configuration hash: sha256 of the sorted name=value lines of the
# parameters, runs, trial and name aside.
want=$(printf 'app=ep\ncpv=2\nfirst=0\nidf=2\nnc=4\npstrat=BAL-ONE\n' | sha256sum | cut -d' ' -f1)
is "$(sed -n 2p report/experiments.csv | cut -d, -f2)" "$want" "config_hash as sha256sum computes it"
printf 'exp\tapp\tnc\ttrial\tname\truns\trun\texit\tstatus\n' >trials.tsv
printf 'a-t%s\tep\t4\t%s\tfirst\t%s\t1\t0\tok\n' 1 1 1 2 2 3 >>trials.tsv
vsp-report -o trials -P -S trials.tsv
want=$(printf 'app=ep\nnc=4\n' | sha256sum | cut -d' ' -f1)
is "$(cut -d, -f2 trials/experiments.csv | tr '\n' ' ')" "config_hash $want $want " \
    "trials of a configuration share its hash"
done_testing
