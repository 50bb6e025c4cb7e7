#!/bin/bash
# Bad input, bad usage and failures: exact message and status, nothing written.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
h='exp	app	nc	run	exit	user_s	status'
ok='e1	ep	4	1	0	1.5	ok'
m() { printf '%s\n' "$@" >m.tsv; }
report() { vsp-report -o out -P -S "$@"; }

m "$h" "e1	ep	4	x	0	1.5	ok"
fails 2 'vsp-report: m.tsv:2: run "x" is not a positive integer' report m.tsv
m "$h" "e1	ep	4	0	0	1.5	ok"
fails 2 'vsp-report: m.tsv:2: run "0" is not a positive integer' report m.tsv
m "$h" "$ok" "e1	ep	4	2	0	1.5x	ok"
fails 2 'vsp-report: m.tsv:3: user_s "1.5x" is not a number' report m.tsv
for bad in nan inf 0x10 ' 1' . -e5 1e 1e+ 1e999 +; do
	m "$h" "e1	ep	4	1	0	$bad	ok"
	fails 2 "vsp-report: m.tsv:2: user_s \"$bad\" is not a number" report m.tsv
done
m "$h" "e1	ep	4	1	0	-.5e-3	ok" "e1	ep	4	2	0	+7E2	ok" "e1	ep	4	3	0	1.	ok"
run report m.tsv
is "$rc:$(cut -d, -f4 out/executions.csv | tr '\n' ' ')" "0:user_s -.5e-3 +7E2 1. " \
    "decimal numbers in every spelling, copied as read"
m "$h" "e1	ep	4	1	0	1.5	fine"
fails 2 'vsp-report: m.tsv:2: status "fine" is not ok or failed' report m.tsv
m "$h" "e/1	ep	4	1	0	1.5	ok"
fails 2 'vsp-report: m.tsv:2: exp "e/1" is not a file-name-safe experiment id' report m.tsv
m "$h" "	ep	4	1	0	1.5	ok"
fails 2 'vsp-report: m.tsv:2: exp "" is not a file-name-safe experiment id' report m.tsv
m "$h" "e1	ep	4	1	0	1.5"
fails 2 'vsp-report: m.tsv:2: expected 7 fields, got 6' report m.tsv
m 'exp	run	status' 'e1	1	ok'
fails 2 'vsp-report: m.tsv:1: missing column "exit"' report m.tsv
m 'exp	run	exit' 'e1	1	0'
fails 2 'vsp-report: m.tsv:1: missing column "status"' report m.tsv
m 'exp	exit	run	status' 'e1	0	1	ok'
fails 2 'vsp-report: m.tsv:1: column "exit" comes before "run"' report m.tsv
: >m.tsv
fails 2 'vsp-report: m.tsv: empty input, no header line' report m.tsv
m "$h" "$ok" "e1	ep	8	2	0	1.5	ok"
fails 2 'vsp-report: m.tsv:3: experiment "e1" has nc "8" but "4" at m.tsv:2' report m.tsv
m "$h" "$ok" "e1	ep	4	1	0	1.6	ok"
fails 2 'vsp-report: m.tsv:3: run 1 of experiment "e1" has user_s "1.6" but "1.5" at m.tsv:2' report m.tsv
m "$h" "$ok" "e1	ep	4	1	1	1.5	failed"
fails 2 'vsp-report: m.tsv:3: run 1 of experiment "e1" has status "failed" but "ok" at m.tsv:2' report m.tsv
m "$h" "$ok" "$ok"
run report m.tsv
is "$rc:$err:$(grep -c '^e1,1,' out/executions.csv)" "0::1" "the same row twice is kept once"
m "$h" "$ok"
printf 'exp\tuser_s\trun\texit\tstatus\ne1\t1\t1\t0\tok\n' >m2.tsv
fails 2 'vsp-report: m2.tsv:1: column "user_s" is an experiment parameter here but a metric in an earlier input' \
    report m.tsv m2.tsv
printf 'exp\tapp\tnc\trun\texit\tuser_s\tstatus\tconfig_hash\ne1\tep\t4\t2\t0\t1\tok\tabc\n' >m2.tsv
printf 'exp\tapp\tnc\trun\texit\tuser_s\tstatus\tconfig_hash\ne1\tep\t4\t1\t0\t1\tok\tabd\n' >m3.tsv
fails 2 'vsp-report: m2.tsv:2: experiment "e1" has config_hash "abc" but "abd" at m3.tsv:2' \
    report m2.tsv m3.tsv

# Usage.
fails 2 'usage: vsp-report -o dir [-PS] [-C confdir] [-m metric] [-b baseline]
                  [-j jobs] [-r results]... [-i vespa-dir]...
                  [-e exp:run]... [metrics.tsv ...]' vsp-report -h
fails 2 'usage: vsp-report -o dir [-PS] [-C confdir] [-m metric] [-b baseline]
                  [-j jobs] [-r results]... [-i vespa-dir]...
                  [-e exp:run]... [metrics.tsv ...]' vsp-report m.tsv
fails 2 'vsp-report: -j: "0" is not a number of processes (1-1024)' report -j 0 m.tsv
fails 2 'vsp-report: nowhere.tsv: No such file or directory' report nowhere.tsv
fails 2 'vsp-report: nowhere: not a folder' report -r nowhere
mkdir empty
fails 2 'vsp-report: empty: no run folder with a metrics.tsv' report -r empty
fails 2 'vsp-report: -o: empty folder name' vsp-report -o '' m.tsv
fails 2 'vsp-report: -o: "." names no folder that can be replaced (give its name)' vsp-report -o . m.tsv
fails 2 'vsp-report: -o: "out/.." names no folder that can be replaced (give its name)' vsp-report -o out/.. m.tsv
fails 2 'vsp-report: -o: "/" names no folder that can be replaced (give its name)' vsp-report -o / m.tsv

# The output folder: only a report of vsp-report is replaced.
mkdir precious && echo keep >precious/file
fails 2 'vsp-report: precious: exists and is not a report of vsp-report (no .vsp-report): not replaced' \
    vsp-report -o precious m.tsv
is "$(ls -A precious)" "file" "a folder that is no report is left alone"
echo keep >afile
fails 2 'vsp-report: afile: exists and is not a folder' vsp-report -o afile m.tsv
mkdir emptyout
run vsp-report -o emptyout -P m.tsv
is "$rc:$(ls -A emptyout | tr '\n' ' ')" "0:.vsp-report answers.txt comparisons.csv executions.csv experiments.csv index.html runs.tsv summary.csv " \
    "an empty folder is filled"
fails 1 "vsp-report: /proc/vsp-report-test: cannot create a folder beside it: No such file or directory" \
    vsp-report -o /proc/vsp-report-test m.tsv

# Series: checked line by line, named by file and line.
sh "$data/report/mkfixture.sh" . >metrics.tsv
mon=results/ep/ep-nc4-cpv2-idf2-bal-one/run-002/mon
cp "$mon/node1.tsv" node1.good
series_fails() {
	printf '%s\n' "$2" >"$mon/node1.tsv"
	fails 2 "vsp-report: $mon/node1.tsv:$1" vsp-report -o out -P metrics.tsv
}
series_fails '1: header is not "time host kind metric device value"' 'time	host'
series_fails '1: bad column name "a,b" in header' 'time	host	kind	metric	device	value	a,b'
series_fails '1: bad column name "" in header' 'time	host	kind	metric	device	value		x'
series_fails "2: time \"x\" is not a number" 'time	host	kind	metric	device	value
x	node1	pm	cpu_idle	all	5'
series_fails "2: kind \"vmm\" is not vm or pm" 'time	host	kind	metric	device	value
1	node1	vmm	cpu_idle	all	5'
series_fails "3: value \"5%\" is not a number" 'time	host	kind	metric	device	value
1	node1	pm	cpu_idle	all	5
2	node1	pm	cpu_idle	all	5%'
series_fails "2: value \"1e999\" is not a number" 'time	host	kind	metric	device	value
1	node1	pm	cpu_idle	all	1e999'
series_fails "2: expected 6 fields, got 5" 'time	host	kind	metric	device	value
1	node1	pm	cpu_idle	all'
series_fails "2: expected 6 fields, got 7" 'time	host	kind	metric	device	value
1	node1	pm	cpu_idle	all	5	6'
series_fails '2: unknown escape "\q"' 'time	host	kind	metric	device	value
1	node1	pm	cpu_idle	a,\q	5'
printf 'time\thost\tkind\tmetric\tdevice\tvalue\textra\n' >"$mon/node1.tsv"
fails 2 "vsp-report: $mon/vsp-node1-01.tsv:1: header differs from the one of $mon/node1.tsv" \
    vsp-report -o out -P metrics.tsv
printf 'time\thost\tkind\tmetric\tdevice\tvalue\n1\tnode1\tpm\tcpu_idle\tall\t5\r\n' >"$mon/node1.tsv"
fails 2 "vsp-report: $mon/node1.tsv:2: CR in line" vsp-report -o out -P metrics.tsv
: >"$mon/node1.tsv"
fails 2 "vsp-report: $mon/node1.tsv: empty input, no header line" vsp-report -o out -P metrics.tsv
cp node1.good "$mon/node1.tsv"
mkdir "$mon/x.tsv"
fails 2 "vsp-report: $mon/x.tsv: not a regular file" vsp-report -o out -P metrics.tsv
rmdir "$mon/x.tsv"

# Chosen executions for the CPU plot.
fails 2 'vsp-report: -e: "foo" is not exp:run' vsp-report -o out -e foo metrics.tsv
fails 2 'vsp-report: -e: no run 9 of experiment "foo" in the input' \
    vsp-report -o out -e foo:9 metrics.tsv
rm -r results/ep/ep-nc4-cpv2-idf2-split/run-004/mon
fails 2 'vsp-report: -e: run 4 of experiment "ep-nc4-cpv2-idf2-split" has no series (no .tsv file in results/ep/ep-nc4-cpv2-idf2-split/run-004/mon)' \
    vsp-report -o out -e ep-nc4-cpv2-idf2-split:4 metrics.tsv

# A run folder without metrics.tsv is unfinished: skipped with a warning.
rm results/ep/ep-nc4-cpv2-idf2-split/run-004/metrics.tsv
run vsp-report -o out -P -r results
is "$rc:$err" "0:vsp-report: results/ep/ep-nc4-cpv2-idf2-split/run-004: no metrics.tsv (an unfinished run: skipped)" \
    "an unfinished run is skipped, with a warning"
is "$(grep -c '^ep-nc4-cpv2-idf2-split,' out/executions.csv)" 4 "the other runs are there"

is "$(ls -A | grep -c 'tmp-')" 0 "no temporary folder left after the failures"
[ -d out ] && ! [ -e out/plots ]
is "$?" 0 "no failure touched the last good report"
done_testing
