#!/bin/bash
# vsp-pbs: usage, settings and malformed rows give clear errors.
. "$(dirname "$0")/lib.sh"
d=$data/pbs
rm -rf "$tmp/c"
cp -R "$d/conf" "$tmp/c"
printf 'results=%s\nmon=no\n' "$tmp/results" >>"$tmp/c/vsp.params"
cd "$tmp" || exit 1

usage='usage: vsp-pbs submit [-C dir] [-R runs] [file]
       vsp-pbs wait [-C dir] [file]
       vsp-pbs status [-C dir] [file]
       vsp-pbs cancel [-C dir] [file]
       vsp-pbs script [-C dir] [-r run] [file]
       vsp-pbs nodes [-C dir] [file]
       vsp-pbs run -d rundir [--] command [arg ...]'
fails 2 "$usage" vsp-pbs -h
fails 2 "$usage" vsp-pbs
fails 2 "$usage" vsp-pbs submit -h
fails 2 "vsp-pbs: unknown command \"go\"
$usage" vsp-pbs go
fails 2 "$usage" vsp-pbs submit -r 2
fails 2 "$usage" vsp-pbs script -r 0
fails 2 "$usage" vsp-pbs submit a b
fails 2 "vsp-pbs: nope.tsv: No such file or directory" vsp-pbs submit -C c nope.tsv

# Settings.
cp -R c c2
echo 'batch = pbspro' >>c2/vsp.params
fails 2 "vsp-pbs: c2/vsp.params:4: batch \"pbspro\" is not torque, slurm or local" \
	vsp-pbs submit -C c2 "$d/vms-phys.tsv"
cp -R c c3
printf 'batch = torque\nbatch_queue = a;b\n' >>c3/vsp.params
fails 2 "vsp-pbs: c3/vsp.params:5: batch_queue \"a;b\" is not a queue name" \
	vsp-pbs script -C c3 "$d/vms-phys.tsv"
cp -R c c4
echo 'batch_walltime_margin = -1' >>c4/vsp.params
fails 2 "vsp-pbs: c4/vsp.params:4: batch_walltime_margin \"-1\" is out of range (0 to 1073741824)" \
	vsp-pbs script -C c4 "$d/vms-phys.tsv"

# Rows: each malformed input names its line; earlier experiments stay whole.
h=$(head -1 "$d/vms-virtual.tsv")
v1=$(sed -n 2p "$d/vms-virtual.tsv")
v2=$(sed -n 3p "$d/vms-virtual.tsv")
p1=$(sed -n 2p "$d/vms-phys.tsv" | cut -f1-8)
bad() {
	local msg=$1
	shift
	printf '%s\n' "$@" >rows.tsv
	run vsp-pbs script -C c rows.tsv
	is "$rc:$err" "2:vsp-pbs: rows.tsv:$msg" "bad rows: $msg"
}
bad '1: missing column "runs"' "$(cut -f1-6 <<<"$h")" "$(cut -f1-6 <<<"$v1")"
bad '1: column "run" is added by vsp-pbs submit: the input must be VM rows' "$h	run" "$v1	1"
bad '2: expected 18 fields, got 17' "$h" "$(cut -f1-17 <<<"$v1")"
bad '2: experiment mpiapp-nc4-cpv2-idf2-bal-one needs 2 VM rows, got 1' "$h" "$v1"
bad '3: VM vsp-n2-01 is not running (state "shutoff")' "$h" "$v1" "${v2/running/shutoff}"
bad '3: host "vsp-n1-01" is listed twice' "$h" "$v1" "$v1"
bad '3: cpv "3" differs from the experiment'"'"'s first row' "$h" "$v1" \
	"$(awk -F'\t' -v OFS='\t' '{ $4 = 3 } 1' <<<"$v2")"
bad '2: nc "x" is not a positive integer' "$h" "$(awk -F'\t' -v OFS='\t' '{ $3 = "x" } 1' <<<"$v1")"
bad '2: runs "0" is not a positive integer' "$h" "$(awk -F'\t' -v OFS='\t' '{ $7 = 0 } 1' <<<"$v1")"
bad '2: cpv 3 does not divide nc 4' "$h" "$(awk -F'\t' -v OFS='\t' '{ $4 = 3 } 1' <<<"$v1")"
bad '2: exp "a/b" is not a file name' "$h" "$(awk -F'\t' -v OFS='\t' '{ $1 = "a/b" } 1' <<<"$v1")"
bad '2: app ".." is not a file name' "$h" "$(awk -F'\t' -v OFS='\t' '{ $2 = ".." } 1' <<<"$v1")"
bad '2: vm "a b" is not a host name' "$h" "$(awk -F'\t' -v OFS='\t' '{ $10 = "a b" } 1' <<<"$v1")"
bad '2: node "-x" is not a host name' "$h" "$(awk -F'\t' -v OFS='\t' '{ $11 = "-x" } 1' <<<"$v1")"
bad '2: addr "1.2.3.4;rm" is not an address' "$h" "$(awk -F'\t' -v OFS='\t' '{ $18 = "1.2.3.4;rm" } 1' <<<"$v1")"
bad '2: vcpus "0" is not a positive integer' "$h" "$(awk -F'\t' -v OFS='\t' '{ $13 = 0 } 1' <<<"$v1")"
bad '2: runs "1000000000" is out of range (1 to 1000000)' "$h" "$(awk -F'\t' -v OFS='\t' '{ $7 = 1e9 + 0 } 1' <<<"$v1")"
bad '2: vcpus "1000000000" is out of range (1 to 65536)' "$h" "$(awk -F'\t' -v OFS='\t' '{ $13 = 1e9 + 0 } 1' <<<"$v1")"
bad '2: cpv "4000000" is out of range (1 to 65536)' "$h" "$(awk -F'\t' -v OFS='\t' '{ $3 = $4 = 4e6 + 0 } 1' <<<"$v1")"
bad '3: the experiment'"'"'s rows have more than nc 4 slots' "$h" \
	"$(awk -F'\t' -v OFS='\t' '{ $13 = 3 } 1' <<<"$v1")" "$v2"
bad '2: vm "'"$(printf '%0256d' 0)"'" is not a host name' "$h" \
	"$(awk -F'\t' -v OFS='\t' -v n="$(printf '%0256d' 0)" '{ $10 = n } 1' <<<"$v1")"
bad '2: app "a+b" is not a file name' "$h" "$(awk -F'\t' -v OFS='\t' '{ $2 = "a+b" } 1' <<<"$v1")"
bad '2: unknown escape "\q"' "$h" "${v1/1000/1\\q}"

# The experiment before the bad one is printed whole.
printf '%s\n' "$(head -1 "$d/vms-phys.tsv")" "$(sed -n 2,3p "$d/vms-phys.tsv")" \
	"$(sed -n 2p "$d/vms-phys.tsv" | sed 's/oldapp-nc4/oldapp2-nc4/')" >rows.tsv
run vsp-pbs submit -C c rows.tsv
is "$rc:$err" "2:vsp-pbs: rows.tsv:4: experiment oldapp2-nc4-cpv2-phys needs 2 PM rows, got 1" \
	"submit: bad second experiment"
is "$(cut -f1,9,11 <<<"$out")" "exp	run	outdir
oldapp-nc4-cpv2-phys	1	$tmp/results/oldapp/oldapp-nc4-cpv2-phys/run-001
oldapp-nc4-cpv2-phys	2	$tmp/results/oldapp/oldapp-nc4-cpv2-phys/run-002" \
	"submit: the first experiment's rows are whole"
vsp-pbs wait <<<"$out" >/dev/null
sed '2s/local-[0-9-]*/local-1/' <<<"$out" >e.tsv
fails 2 "vsp-pbs: e.tsv:2: job \"local-1\" is not the job of $tmp/results/oldapp/oldapp-nc4-cpv2-phys/run-001 ($(sed -n 2p <<<"$out" | cut -f10))" \
	vsp-pbs wait e.tsv
x=$tmp/results/oldapp/oldapp-nc4-cpv2-phys/run-001
is "$(cat "$x/state"):$(cat "$x/exit" 2>&1):$(tail -2 "$x/job.log" | sed 's/at [0-9]*$/at T/')" \
	"failed:cat: $x/exit: No such file or directory:vsp job: cannot enter the application's folder
vsp job: run 1 ended with status 1 at T" \
	"a run whose application cannot start ends failed, without exit"

# Final states from the run's files, once its job is gone (a local job id
# whose runner does not exist): fake run folders, one case each.
fake() {	# fake NAME EXIT START END [KILLED]
	local r=$tmp/fake/$1
	mkdir -p "$r"
	printf 'backend\tjob\tlimit\tconf\nlocal\tlocal-999999999\t10\t%s\n' "$tmp/c" >"$r/job.tsv"
	[ -n "$2" ] && echo "$2" >"$r/exit"
	[ -n "$3" ] && echo "$3" >"$r/start"
	[ -n "$4" ] && echo "$4" >"$r/end"
	[ -n "$5" ] && echo "$5" >"$r/killed"
	printf '%s\tlocal-999999999\t%s\tqueued\n' "$1" "$r" >>fake.tsv
}
printf 'case\tjob\toutdir\tstate\n' >fake.tsv
fake ok 0 100 105
fake fail 3 100 105
fake signal 143 100 105
fake limit 143 100 110
fake limit-killed 143 100 111 timeout
fake done-first 0 100 110 timeout
fake cancelled 143 100 101 cancelled
fake never "" "" "" cancelled
fake lost "" 100 "" ""
run vsp-pbs wait fake.tsv
is "$rc:$err:$(cut -f1,4,5 <<<"$out" | tr '\t\n' ' |')" \
	"0::case state exit|ok done 0|fail failed 3|signal failed 143|limit timeout 143|limit-killed timeout 143|done-first done 0|cancelled cancelled 143|never cancelled |lost failed |" \
	"final states from the run files"
is "$(cat "$tmp/fake/limit/state")" timeout "the final state is written to the run folder"

# wait and cancel read rows of vsp-pbs submit only.
printf 'run\tjob\toutdir\tstate\n1\tlocal-1\trel/dir\tqueued\n' >e.tsv
fails 2 'vsp-pbs: e.tsv:2: outdir "rel/dir" is not an absolute path' vsp-pbs wait e.tsv
printf 'run\tjob\toutdir\tstate\n1\tlocal-1\t%s\tqueued\n' "$tmp" >e.tsv
fails 2 "vsp-pbs: e.tsv:2: $tmp/job.tsv: No such file or directory (not a run submitted by vsp-pbs)" \
	vsp-pbs wait e.tsv
printf 'run\tjob\tstate\n' >e.tsv
fails 2 'vsp-pbs: e.tsv:1: missing column "outdir"' vsp-pbs cancel e.tsv
printf 'run\tjob\toutdir\tstate\n' >e.tsv
run vsp-pbs wait e.tsv
is "$rc:$err:$out" "0::run	job	outdir	state	exit" "wait: no runs"
done_testing
