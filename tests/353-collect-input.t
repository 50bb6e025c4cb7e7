#!/bin/bash
# vsp-collect: usage, malformed streams, job states, exit statuses, re-runs.
. "$(dirname "$0")/lib.sh"
. "$data/collect/lib.sh"
mkconf "$tmp/conf" "mon = no"
cd "$tmp" || exit 1

fails 2 "usage: vsp-collect [-C dir] [file]" vsp-collect -h
fails 2 "usage: vsp-collect [-C dir] [file]" vsp-collect -C conf a b
fails 2 "vsp-collect: nofile: No such file or directory" vsp-collect -C conf nofile
fails 2 "vsp-collect: stdin: empty input, no header line" vsp-collect -C conf </dev/null
printf 'app\toutdir\tstate\n' >in.tsv
fails 2 'vsp-collect: in.tsv:1: missing column "exit"' vsp-collect -C conf in.tsv
{ exec_header; printf 'a\tb\n'; } >in.tsv
fails 2 "vsp-collect: in.tsv:2: expected 13 fields, got 2" vsp-collect -C conf in.tsv
mkrun r1 '1 2 3\n'
{ exec_header; exec_row 1 r1 done x; } >in.tsv
fails 2 'vsp-collect: in.tsv:2: exit "x" is not an integer' vsp-collect -C conf in.tsv
{ exec_header; exec_row 1 r1 done 0 ../etc; } >in.tsv
fails 2 'vsp-collect: in.tsv:2: app "../etc" is not an application name' vsp-collect -C conf in.tsv
{ exec_header; exec_row 1 r1 done 0 nosuch; } >in.tsv
fails 2 'vsp-collect: conf/apps/nosuch/application.config: No such file or directory' \
	vsp-collect -C conf in.tsv
is "$(ls r1)" "exit
stderr
stdout
time" "bad input writes no metrics.tsv"

mkrun r2 '1 2 3\n'; echo 5 >r2/exit
mkrun r3 '1 2 3\n'; echo x >r3/exit
mkrun r4 '1 2 3\n'; rm r4/exit
mkrun r6 '1 2 3\n'
{
	exec_header
	exec_row 1 r1 done 0
	exec_row 2 r2 done ''
	exec_row 3 r3 done ''
	exec_row 4 r4 done ''
	exec_row 5 r5 queued ''
	exec_row 6 r6 timeout 0
	exec_row 7 '' failed 1
	exec_row 8 r1 '' 0
	exec_row 9 afile done 0
} >in.tsv
echo x >afile
run vsp-collect -C conf in.tsv
is "$rc" 0 "collect exits 0"
printf '%s\n' "$out" | cut -f9,11-16,27- >got
cat >want <<'W'
run	outdir	state	exit	user_s	sys_s	elapsed_s	status	reason
1	r1	done	0	1	2	3	ok	
2	r2	done		1	2	3	failed	exit 5
3	r3	done		1	2	3	failed	exit: "x" is not an integer
4	r4	done		1	2	3	failed	exit: unknown (no exit column value, no exit file)
5	r5	queued					failed	state queued; outdir r5: No such file or directory
6	r6	timeout	0	1	2	3	failed	state timeout
7		failed	1				failed	state failed; exit 1; outdir empty
8	r1		0	1	2	3	failed	state empty
9	afile	done	0				failed	outdir afile: not a folder
W
same got want "job states and exit statuses"
is "$(ls r5 2>&1)" "ls: cannot access 'r5': No such file or directory" "no folder made for a missing outdir"

# A re-run on its own output replaces our columns in place.
{ exec_header; exec_row 1 r1 done 0; } | vsp-collect -C conf >once.tsv
vsp-collect -C conf once.tsv >twice.tsv
same twice.tsv once.tsv "collect of collect output is the same"
is "$(head -1 r1/metrics.tsv | tr '\t' '\n' | sort | uniq -d)" "" "no column twice in metrics.tsv"

# Extra columns pass through; escapes survive.
{ exec_header | sed 's/$/\tnote/'; exec_row 1 r1 done 0 | sed 's/$/\ta\\tb/'; } >in.tsv
run vsp-collect -C conf in.tsv
is "$(printf '%s\n' "$out" | tail -1 | cut -f14)" 'a\tb' "extra column kept, escaped"

# A metric may not overwrite a column of the run, only an earlier metric.
printf '[Metrics]\nregex.note = stdout:(.*)\nregex.rate = stdout:([0-9]+)\n' >conf/apps/bench/application.config
echo 42 >r1/stdout
{ exec_header | sed 's/\texp\t/\t/; s/^exp\t/note\t/; s/$/\trate/'
  exec_row 1 r1 done 0 | sed 's/$/\t7/'; } >in.tsv
run vsp-collect -C conf in.tsv
is "$(printf '%s\n' "$out" | cut -f1,11-15,28-)" "note	outdir	state	exit	rate	user_s	status	reason
bench-nc4-cpv2-idf0-bal-one	r1	done	0	42	1	failed	metric note: a column of the input" \
	"a metric named as a run column is refused, an earlier metric replaced"
printf '[Application]\nexecutable = /bin/true\n' >conf/apps/bench/application.config

# metrics.tsv cannot be written: reported, status 1, row still printed.
mkrun r9 '1 2 3\n'
mkdir -p r9/metrics.tsv/x
run vsp-collect -C conf <(exec_header; exec_row 9 r9 done 0)
is "$rc" 1 "metrics.tsv not renamed into place: status 1"
is "$err" "vsp-collect: r9/metrics.tsv: Is a directory" "the file is named"
is "$(printf '%s\n' "$out" | tail -1 | cut -f27)" "ok" "its row is printed"
is "$(ls r9)" "exit
metrics.tsv
stderr
stdout
time" "no temporary file left behind"
done_testing
