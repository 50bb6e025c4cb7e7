#!/bin/bash
# vsp-collect: the GNU time line of each run, every way it can be wrong.
. "$(dirname "$0")/lib.sh"
. "$data/collect/lib.sh"
mkconf "$tmp/conf" "mon = no"
cd "$tmp" || exit 1

mkrun r1 '1.50 0.20 2.00\n'
mkrun r2 '12.01\t0.5\t13.2\n'
mkrun r3 'Command exited with non-zero status 3\n1.5 0.2 2\n'
mkrun r4 'Command terminated by signal 9\n0.00 0.00 0.50\n'
mkrun r5 ''
rm r5/time
mkrun r6 ''
mkrun r7 '1.5 0.2 2'
mkrun r8 'hello\n1 2 3\n'
mkrun r9 '1.5 0.2\n'
mkrun r10 '1.5 x 2\n'
mkrun r11 '-1 0 0\n'
mkrun r12 '1 2 3\n4 5 6\n'
mkrun r13 '1 2 3 4\n'
mkrun r14 '1e400 0 0\n'
{
	exec_header
	exec_row 1 r1 done 0
	exec_row 2 r2 done 0
	exec_row 3 r3 done 3
	exec_row 4 r4 done 137
	for i in 5 6 7 8 9 10 11 12 13 14; do exec_row $i r$i done 0; done
} >in.tsv
run vsp-collect -C conf in.tsv
is "$rc" 0 "collect exits 0 when runs failed"
is "$err" "" "nothing on stderr"
printf '%s\n' "$out" | cut -f9,14-16,27- >got
cat >want <<'W'
run	user_s	sys_s	elapsed_s	status	reason
1	1.50	0.20	2.00	ok	
2	12.01	0.5	13.2	ok	
3	1.5	0.2	2	failed	exit 3; time:1: Command exited with non-zero status 3
4	0.00	0.00	0.50	failed	exit 137; time:1: Command terminated by signal 9
5				failed	time: missing
6				failed	time: empty
7				failed	time: no line end at the end (cut short?)
8				failed	time:1: unexpected line "hello"
9				failed	time:1: not "user system elapsed"
10				failed	time:1: sys_s "x" is not a number of seconds
11				failed	time:1: user_s "-1" is not a number of seconds
12				failed	time:1: unexpected line "1 2 3"
13				failed	time:1: not "user system elapsed"
14				failed	time:1: user_s "1e400" is not a number of seconds
W
same got want "time lines: values as written, or failed with the reason"
is "$(head -1 "$tmp/in.tsv" | cut -f1-13)" "$(printf '%s\n' "$out" | head -1 | cut -f1-13)" \
	"input columns pass through first"
is "$(printf '%s\n' "$out" | head -1 | cut -f14-)" \
	"$(printf 'user_s\tsys_s\telapsed_s\tcpu_vm_mean\tcpu_vm_max\tcpu_pm_mean\tcpu_pm_max\tmem_vm_used_kb\tmem_pm_used_kb\tnet_vm_rx_kbs\tnet_vm_tx_kbs\tnet_pm_rx_kbs\tnet_pm_tx_kbs\tstatus\treason')" \
	"appended columns in the contract's order"
is "$(cat r3/metrics.tsv)" "$(printf '%s\n' "$out" | sed -n '1p;4p')" \
	"metrics.tsv of a run holds its row with the header"
is "$(ls r1)" "$(printf 'exit\nmetrics.tsv\nstderr\nstdout\ntime')" \
	"no temporary file left in the run folder"
done_testing
