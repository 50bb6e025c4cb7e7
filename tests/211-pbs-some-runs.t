#!/bin/bash
# vsp-pbs submit -R: only the runs named, each a job of its own (how a
# sweep redoes the runs a crash interrupted); bad lists are refused.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d"
cd "$d" || exit 1
vsp-gen -C conf -a t -n 2 -c 2 -i 0 -p NONE -r 3 | vsp-place -C conf |
	vsp-virt up -C conf >up.tsv
run vsp-pbs submit -C conf -R 2,3 up.tsv
is "$rc:$err" "0:" "submit -R 2,3"
col() {	# col NAME: that column of stdin's rows
	awk -F'\t' -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }'
}
is "$(printf '%s\n' "$out" | col run | tr '\n' ' ')" "2 3 " "  one row for each run named"
is "$(cd results/t/t-nc2-cpv2-idf0-none && ls -d run-* | tr '\n' ' ')" "run-002 run-003 " "  their folders only"
printf '%s\n' "$out" | vsp-pbs wait -C conf >waited.tsv
is "$(col state <waited.tsv | tr '\n' ' '):$(col exit <waited.tsv | tr '\n' ' ')" "done done :0 0 " "  both run"
run vsp-pbs submit -C conf -R 1 up.tsv
is "$rc:$(ls -d results/t/t-nc2-cpv2-idf0-none/run-* | wc -l)" "0:3" "the run left out, later"
fails 1 "vsp-pbs: up.tsv:2: $d/results/t/t-nc2-cpv2-idf0-none/run-002 exists: a run folder is never overwritten (remove it to run again)" \
	vsp-pbs submit -C conf -R 2 up.tsv
fails 2 "vsp-pbs: up.tsv:2: -R: run 4 is not one of the experiment's 3 runs" vsp-pbs submit -C conf -R 4 up.tsv
fails 2 "vsp-pbs: -R: \"x\" is not a number or range" vsp-pbs submit -C conf -R x up.tsv
run vsp-pbs wait -C conf -R 1 up.tsv
is "$rc:${err%%$'\n'*}" "2:usage: vsp-pbs submit [-C dir] [-R runs] [file]" "-R is for submit only"
done_testing
