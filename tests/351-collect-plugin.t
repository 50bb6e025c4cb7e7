#!/bin/bash
# vsp-collect: application metrics from regexes and from a reader command.
. "$(dirname "$0")/lib.sh"
. "$data/collect/lib.sh"
mkconf "$tmp/conf" "mon = no" "metrics_timeout = 2"
cd "$tmp" || exit 1
cat >conf/apps/bench/application.config <<'C'
[Application]
executable = /bin/true
[Metrics]
regex.rate = stdout:^rate: ([0-9.e+-]+) Mops$
regex.loss = stderr:loss=([^ ]*)
command = read-metrics --fast
C
cat >conf/apps/bench/read-metrics <<C
#!/bin/sh
# Prints what the run folder's custom.out says, as name<TAB>value lines.
[ "\$1" = --fast ] || { echo "bad args: \$*" >&2; exit 9; }
[ -f custom.out ] || { echo "no custom.out in \$(pwd)" >&2; exit 4; }
case \$(cat custom.out) in
hang) sleep 30.$$ ;;
*) cat custom.out ;;
esac
C
chmod +x conf/apps/bench/read-metrics
mkdir -p conf/apps/other
printf '[Metrics]\ncommand = %s/conf/apps/other/rd\n' "$tmp" >conf/apps/other/application.config
printf '#!/bin/sh\nprintf "walls\\t7\\niters\\t3\\n"\n' >conf/apps/other/rd
chmod +x conf/apps/other/rd

# run DIR STDOUT STDERR CUSTOM
mk() {
	mkrun "$1" '1 2 3\n'
	printf '%b' "$2" >"$1/stdout"
	printf '%b' "$3" >"$1/stderr"
	printf '%b' "$4" >"$1/custom.out"
}
mk r1 'start\nrate: 12.5 Mops\nrate: 99 Mops\n' 'x loss=0.25 y\n' 'iters\t100\nwalls\t1.5e3\n'
mk r2 'rate: 1e3 Mops\n' 'loss=-3\n' 'walls\t2\n'
mk r3 'no rate here\n' 'loss=abc\n' 'iters\t1\n'
mk r4 'rate: 1 Mops\n' 'loss=0\n' 'iters 5\nBad-Name\t3\nstatus\t1\niters\t2\niters\t3\nwalls\tfast\n'
mk r5 'rate: 1 Mops\n' 'loss=0\n' 'hang'
mk r6 'rate: 1 Mops\n' 'loss=0\n' ''
rm r6/custom.out
mk r7 '' '' ''
rm r7/stdout r7/stderr
mk r8 '' '' ''
{
	exec_header
	for i in 1 2 3 4 5 6 7; do exec_row $i r$i done 0; done
	exec_row 8 r8 done 0 other
} >in.tsv
run vsp-collect -C conf in.tsv
is "$rc" 0 "collect runs"
printf '%s\n' "$out" | cut -f9,17-20,31- >got
cat >want <<'W'
run	rate	loss	iters	walls	status	reason
1	12.5	0.25	100	1.5e3	ok	
2	1e3	-3		2	ok	
3			1		failed	metric rate: no match in stdout; metric loss: "abc" is not a number
4	1	0	2		failed	metric command: line 1: no TAB in "iters 5"; metric command: line 2: "Bad-Name" is not a metric name; metric command: line 3: "status" is not a metric name (a column of vsp); metric command: line 5: iters given twice; metric walls: "fast" is not a number
5	1	0			failed	metric command: read-metrics: killed after 2 s
6	1	0			failed	metric command exited 4: no custom.out in TMP/r6
7					failed	stdout: No such file or directory; stderr: No such file or directory
8			3	7	ok	
W
sed -i "s|$tmp|TMP|; s|[^ ]*/conf/apps/bench/read-metrics: killed|read-metrics: killed|" got
same got want "regex metrics (first matching line), command metrics, union of columns"
is "$(pgrep -fx "sleep 30.$$")" "" \
	"a command killed at its timeout leaves no process behind"
is "$(head -1 r8/metrics.tsv | cut -f14-)" \
	"$(printf 'user_s\tsys_s\telapsed_s\twalls\titers\tcpu_vm_mean\tcpu_vm_max\tcpu_pm_mean\tcpu_pm_max\tmem_vm_used_kb\tmem_pm_used_kb\tnet_vm_rx_kbs\tnet_vm_tx_kbs\tnet_pm_rx_kbs\tnet_pm_tx_kbs\tstatus\treason')" \
	"metrics.tsv has its own app's metrics in the order the plugin printed them"

# Bad [Metrics] sections: status 2, file and line.
bad() {
	printf '[Application]\nexecutable = x\n[Metrics]\n%s\n' "$2" >conf/apps/bench/application.config
	fails 2 "vsp-collect: $tmp/conf/apps/bench/application.config:4: $3" \
		vsp-collect -C "$tmp/conf" in.tsv
	[ -z "$out" ] || echo "# printed rows: $out"
	is "$out" "" "$1: no rows printed"
}
bad "bad regex" 'regex.a = stdout:(' 'regex.a: Unmatched ( or \('
bad "no group" 'regex.a = stdout:[0-9]+' 'regex.a has 0 capture groups, not one'
bad "two groups" 'regex.a = stdout:(a)(b)' 'regex.a has 2 capture groups, not one'
bad "no stream" 'regex.a = (x)' 'regex.a must start with stdout: or stderr:'
bad "bad name" 'regex.9a = stdout:(x)' 'metric name "9a" is not [a-z][a-z0-9_]*'
bad "reserved name" 'regex.exit = stdout:(x)' 'metric name "exit" is a column of vsp'
bad "unknown key" 'reader = x' 'unknown key "reader" in [Metrics] (regex.<name>, command, better.<name>)'
bad "empty command" 'command =' 'command is empty'
printf '[Metrics]\nregex.a = stdout:(x)\nregex.A = stdout:(y)\n' >conf/apps/bench/application.config
fails 2 "vsp-collect: conf/apps/bench/application.config:3: \"regex.a\" set twice (first on line 2)" \
	vsp-collect -C conf in.tsv
# The same reader as vsp-pbs's (lib/appconf): its checks of the other sections.
printf '[Application]\nexecutabel = x\n[Metrics]\n' >conf/apps/bench/application.config
fails 2 "vsp-collect: conf/apps/bench/application.config:2: unknown key \"executabel\" in [Application]" \
	vsp-collect -C conf in.tsv
rm conf/apps/bench/application.config
fails 2 "vsp-collect: conf/apps/bench/application.config: No such file or directory" \
	vsp-collect -C conf in.tsv
done_testing
