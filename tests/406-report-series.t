#!/bin/bash
# Series conversion: escapes, quoting, long lines, missing LF, extra columns.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
printf 'exp\tapp\tnc\trun\toutdir\texit\telapsed_s\tstatus\n' >m.tsv
mk() {	# mk RUN: a run folder and its metrics row
	mkdir -p "r$1/mon"
	printf 'e1\tep\t4\t%s\tr%s\t0\t1.5\tok\n' "$1" "$1" >>m.tsv
}
H='time	host	kind	metric	device	value'
mk 1
printf '%s\n%s\n%s\n%s' "$H" \
    '1	b	vm	net_rx_kbs	a\tb	1' \
    '2	b	vm	net_rx_kbs	a\nb\\c	2' \
    '3	b	vm	net_rx_kbs	"q"	3' >r1/mon/b.tsv
printf '%s\n%s\n' "$H" '1	a	pm	cpu_idle	all	-1.5e+2' >r1/mon/a.tsv
mk 2
{ printf '%s\textra\n' "$H"; printf '1\ta\tvm\tcpu_idle\t'; head -c 1500000 /dev/zero | tr '\0' x
  printf '\t5\tz\n2\ta\tvm\tcpu_idle\t0\t\t\n'; } >r2/mon/a.tsv
mk 3
printf '%s\n' "$H" >r3/mon/a.tsv
mk 4
run vsp-report -o out -P m.tsv
is "$rc:$err" "0:vsp-report: 1 ok execution without series, the first at m.tsv:5 (no .tsv file in r4/mon)" \
    "vsp-report runs, and says which executions have no series"
printf '%s\n' 'time,host,kind,metric,device,value' '1,a,pm,cpu_idle,all,-1.5e+2' \
    '1,b,vm,net_rx_kbs,"a	b",1' '2,b,vm,net_rx_kbs,"a' 'b\c",2' \
    '3,b,vm,net_rx_kbs,"""q""",3' >want
same out/series/e1/run-001.csv want "hosts in name order; escapes undone, fields quoted; last LF added"
is "$(head -c 60 out/series/e1/run-002.csv | head -1)" "time,host,kind,metric,device,value,extra" \
    "extra columns pass through"
is "$(wc -c <out/series/e1/run-002.csv)" $((41 + 16 + 1500000 + 5 + 20)) \
    "a line longer than the read block"
is "$(tail -1 out/series/e1/run-002.csv)" "2,a,vm,cpu_idle,0,," "empty values stay empty"
is "$(cat out/series/e1/run-003.csv)" "time,host,kind,metric,device,value" "a header alone"
is "$(cut -d, -f2,9 out/executions.csv | tr '\n' ' ')" \
    "run,series 1,series/e1/run-001.csv 2,series/e1/run-002.csv 3,series/e1/run-003.csv 4, " \
    "executions.csv names each series file; none for a run without series"
is "$(ls out/series/e1)" "run-001.csv
run-002.csv
run-003.csv" "no file for a run without series"

# -S: no series at all.
vsp-report -o out -P -S m.tsv
is "$(ls out)" "answers.txt
comparisons.csv
executions.csv
experiments.csv
index.html
runs.tsv
summary.csv" "-S: no series folder"
done_testing
