#!/bin/bash
# -b: each experiment and metric against an earlier report: faster, slower
# or within noise, with Welch's test and Holm's correction.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" fx >m.tsv
vsp-report -o old -P -S m.tsv

# The same data: no change anywhere, ratios exactly 1.
run vsp-report -o new -P -S -b old m.tsv
is "$rc:$err" "0:" "-b with an identical baseline"
is "$(head -1 new/baseline.csv)" \
    "exp,metric,better,n,mean,base_n,base_mean,ratio,ci95_lo,ci95_hi,p,p_holm,change" \
    "baseline.csv columns"
is "$(tail -n +2 new/baseline.csv | wc -l)" 40 "8 experiments x 5 metrics"
is "$(tail -n +2 new/baseline.csv | cut -d, -f8,11,12,13 | sort -u)" "1,1,1,within noise" \
    "ratio 1, p 1: within noise everywhere"
is "$(tail -1 new/answers.txt)" "Against the baseline old: 0 faster, 0 slower, 40 within noise." \
    "answers.txt counts the changes"
grep -q '<h2>Against the baseline</h2>' new/index.html
is "$?" 0 "index.html has the comparison"

# elapsed_s 20% up for every run, mops 20% up: slower and (better.mops =
# higher) faster; the other metrics unchanged.
awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	$c["elapsed_s"] != "" { $c["elapsed_s"] = sprintf("%.3f", $c["elapsed_s"] * 1.2) }
	$c["mops"] != "" { $c["mops"] = sprintf("%.3f", $c["mops"] * 1.2) } { print }' m.tsv >slow.tsv
mkdir -p conf/apps/ep
printf '[Metrics]\nbetter.mops = higher\n' >conf/apps/ep/application.config
vsp-report -o new -P -S -C conf -b old slow.tsv
is "$(awk -F, '$2 == "elapsed_s" { print $13 }' new/baseline.csv | sort | uniq -c | awk '{ $1 = $1; print }')" \
    "7 slower
1 within noise" "elapsed_s 20% up: slower"
is "$(awk -F, '$13 == "within noise" && ($2 == "elapsed_s" || $2 == "mops") { print $1 }' new/baseline.csv | sort -u)" \
    "ep-nc8-cpv2-idf4-split" "within noise only where an outlier widens the spread"
is "$(awk -F, '$2 == "mops" && $1 != "ep-nc8-cpv2-idf4-split" { print $13 }' new/baseline.csv | sort -u)" \
    "faster" "mops 20% up, higher is better: faster"
is "$(awk -F, '$2 == "cpu_vm_mean" { print $13 }' new/baseline.csv | sort -u)" "within noise" \
    "unchanged metrics: within noise"

# A baseline without some experiments: warned, compared where it can be.
grep -v '^ep-nc8' old/summary.csv >part.csv
mkdir part && mv part.csv part/summary.csv
run vsp-report -o new -P -S -b part m.tsv
is "$rc:$err" "0:vsp-report: part: 4 experiments of the report are not in the baseline" \
    "unmatched experiments are counted"
is "$(tail -n +2 new/baseline.csv | wc -l)" 20 "the 4 matched ones are compared"

# Bad baselines: status 2, nothing written.
fails 2 "vsp-report: nowhere/summary.csv: cannot open: No such file or directory" \
    vsp-report -o bad -P -S -b nowhere m.tsv
mkdir b1 && printf 'exp,metric,n,mean\n' >b1/summary.csv
fails 2 'vsp-report: b1/summary.csv:1: missing column "sd"' vsp-report -o bad -P -S -b b1 m.tsv
mkdir b2 && printf 'exp,metric,n,mean,sd\nep-nc4-cpv2-idf2-split,elapsed_s,4,x,1\n' >b2/summary.csv
fails 2 'vsp-report: b2/summary.csv:2: mean "x" is not a number' vsp-report -o bad -P -S -b b2 m.tsv
printf 'exp,metric,n,mean,sd\nep-nc4-cpv2-idf2-split,elapsed_s,-1,5,1\n' >b2/summary.csv
fails 2 'vsp-report: b2/summary.csv:2: n "-1" is not a count' vsp-report -o bad -P -S -b b2 m.tsv
printf 'exp,metric,n,mean,sd\nep-nc4-cpv2-idf2-split,elapsed_s,2,5,1\nep-nc4-cpv2-idf2-split,elapsed_s,2,5,1\n' >b2/summary.csv
fails 2 'vsp-report: b2/summary.csv:3: experiment "ep-nc4-cpv2-idf2-split" metric "elapsed_s" again' \
    vsp-report -o bad -P -S -b b2 m.tsv
printf 'exp,metric,n,mean,sd\nep-nc4-cpv2-idf2-split,elapsed_s,2\n' >b2/summary.csv
fails 2 'vsp-report: b2/summary.csv:2: expected 5 fields, got 3' vsp-report -o bad -P -S -b b2 m.tsv
is "$(ls -d bad 2>/dev/null)" "" "no report after a bad baseline"
done_testing
