#!/bin/bash
# --import-vespa: a consolidated folder of the original Vespa joins new data.
# The fixture is the original's test output (spec section 8.4) completed:
# only the first configuration's hash and rows 1-3 are the original's.
. "$(dirname "$0")/lib.sh"
gold=$data/report/golden

cd "$tmp" || exit 1
cp -r "$data/report/vespa/parpac" .
run vsp-report -o report --import-vespa parpac
is "$rc:$err" "0:" "vsp-report --import-vespa runs"
same report/experiments.csv "$gold/vespa-experiments.csv" "experiments.csv of the import"
same report/executions.csv "$gold/vespa-executions.csv" "executions.csv of the import"
is "$(grep -c '^parpac-nc4-cpv2-idf2-none-procpinBIND_CORE,parpac,4,2,2,NONE,2,0,BIND_CORE,user_s,2,0,0,269.445,' report/summary.csv)" 1 \
    "statistics of imported runs"

# Old and new data in one report: the union of the columns.
sh "$data/report/mkfixture.sh" . >metrics.tsv
vsp-report -o both -P -S metrics.tsv -i parpac/
is "$(head -1 both/experiments.csv)" \
    "exp,config_hash,app,nc,cpv,idf,pstrat,runs,first,procpin,executions,ok,failed" \
    "experiments.csv: vsp's parameters and the original's"
is "$(head -1 both/executions.csv)" \
    "exp,run,job,outdir,state,exit,user_s,sys_s,elapsed_s,mops,cpu_vm_mean,app_time,fluid_rate,float_rate,status,reason,outliers,series,source" \
    "executions.csv: the metrics of both"
is "$(tail -n +2 both/executions.csv | wc -l)" 48 "40 new and 8 imported executions"
is "$(grep -c '^parpac-.*,,,,,.*,,,,' both/executions.csv)" 8 \
    "imported rows leave vsp's columns empty (unknown), not 0"

# The original pads config numbers ("01" of 12): they match as numbers.
mkdir padded
sed 's/^1;/01;/' parpac/configs.csv >padded/configs.csv
cp parpac/metrics-all.csv padded/
vsp-report -o padded-report -P -i padded
is "$(cut -d, -f1,2 padded-report/executions.csv | grep -c '^padded-nc4-cpv2-idf2-none-procpinBIND_CORE,')" 2 \
    "config 01 of configs.csv is config 1 of metrics-all.csv"

# Bad folders.
fails 2 "vsp-report: nowhere/configs.csv: cannot open: No such file or directory" \
    vsp-report -o out -i nowhere
mkdir bad
v() { printf '%s\n' "$@" >bad/configs.csv; }
w() { printf '%s\n' "$@" >bad/metrics-all.csv; }
refused() { fails 2 "vsp-report: $1" vsp-report -o out -i bad; }	# refused MESSAGE
v 'num;config;nc;cpv;idf;pstrat' '1;abc;4;2;2;NONE'
w 'config;userTime' '1;5.5' '2;6'
refused "bad/metrics-all.csv:3: config 2 is not in configs.csv"
w 'config;userTime' '1;5.5s'
refused 'bad/metrics-all.csv:2: userTime "5.5s" is not a number'
w 'config;userTime' '1;5.5;7'
refused "bad/metrics-all.csv:2: expected 2 fields, got 3"
w 'config;userTime' '1;|5.5'
refused "bad/metrics-all.csv:2: error parsing data while strict checking enabled"
w 'config;userTime' '1;5.5'
v 'num;config;nc;cpv;idf;pstrat' '1;abc;4;2;2;WEIRD'
refused 'bad/configs.csv:2: unknown pstrat "WEIRD"'
v 'num;config;nc;cpv;idf;pstrat' '1;abc;0;2;2;NONE'
refused 'bad/configs.csv:2: nc "0" is not an integer >= 1'
v 'num;config;nc;cpv;pstrat' '1;abc;4;2;NONE'
refused 'bad/configs.csv:1: missing column "idf"'
v 'num;config;nc;cpv;idf;pstrat' '1;abc;4;2;2;NONE' '1;abd;4;2;2;NONE'
refused 'bad/configs.csv:3: num 1 appears twice'
v 'num;config;nc;cpv;idf;pstrat;2x' '1;abc;4;2;2;NONE;1'
refused 'bad/configs.csv:1: column "2x" gives no valid column name'
v 'num;config;nc;cpv;idf;pstrat' '1;abc;4;2;2;NONE'
printf 'config;userTime\n1;5.5\n1;26\0001.09\n' >bad/metrics-all.csv
refused "bad/metrics-all.csv:3: NUL byte in line"
w 'config;exp' '1;5.5'
refused 'bad/metrics-all.csv:1: column "exp" is named like a column of the report'
w 'config;userTime' '1;5.5'
v 'num;config;nc;cpv;idf;pstrat;source' '1;abc;4;2;2;NONE;x'
refused 'bad/configs.csv:1: column "source" is named like a column of the report'
# Only a header: a report without executions, no undefined behaviour.
v 'num;config;nc;cpv;idf;pstrat' '1;abc;4;2;2;NONE'
w 'config;userTime'
run vsp-report -o empty -P -i bad
is "$rc:$err:$(cat empty/executions.csv)" \
    "0::exp,run,user_s,status,reason,outliers,series,source" \
    "a header-only metrics-all.csv: a report of no executions"
mkdir 'bad app'
cp bad/metrics-all.csv 'bad app'/
fails 2 'vsp-report: bad app: folder name "bad app" is not a valid application name' \
    vsp-report -o out -i 'bad app'
done_testing
