#!/bin/bash
# vsp-mon and vsp-collect together on a real run: the job script's steps
# (vsp(7), RESULTS) with real sadc and GNU time; the summaries agree with
# awk over the same series.
# tier: real (sadc and GNU time on a real run)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
. "$data/collect/lib.sh"
trap 'kill_collectors; rm_tmp' EXIT
mkconf "$tmp/conf" "mon_hosts = localhost:pm"
mkdir -p "$tmp/conf/apps/bench"
printf '[Metrics]\nregex.loops = stdout:^loops ([0-9]+)$\n' >"$tmp/conf/apps/bench/application.config"
cd "$tmp" || exit 1
r=run-001
mkdir $r
echo vm1 >$r/nodefile

vsp-mon start -C conf -d $r -n $r/nodefile -m node1
is "$?" 0 "vsp-mon start"
sleep 2
date +%s >$r/start
/usr/bin/time -f '%U %S %e' -o $r/time sh -c '
	i=0; end=$(($(date +%s) + 3))
	while [ "$(date +%s)" -lt $end ]; do i=$((i + 1)); done
	echo "loops $i"' >$r/stdout 2>$r/stderr
echo $? >$r/exit
date +%s >$r/end
sleep 2
vsp-mon stop -C conf -d $r
is "$?" 0 "vsp-mon stop"
run vsp-collect -C conf <(exec_header; exec_row 1 $r done '')
is "$rc: $err" "0: " "vsp-collect"
row=$(printf '%s\n' "$out" | tail -1)
f() { printf '%s\n' "$row" | cut -f"$1"; }
is "$(f 28-)" "ok	" "the run is ok"
is "$(f 14-16 | awk -F'\t' '$1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ && $3 >= 2 && $3 < 6 { print "ok" }')" ok \
	"user, system and elapsed seconds from GNU time"
is "$(f 17)" "$(sed -n 's/^loops //p' $r/stdout)" "the regex metric"
want=$(awk -F'\t' -v lo="$(cat $r/start)" -v hi="$(cat $r/end)" '
	$4 == "cpu_idle" && $5 == "all" && $1 > lo && $1 <= hi {
		b = 100 - $6; s += b; n++; if (b > m) m = b }
	$4 == "mem_used_kb" && $1 > lo && $1 <= hi { ms += $6; mn++ }
	$4 == "net_rx_kbs" && $5 != "lo" && $1 > lo && $1 <= hi { rs += $6; t[$1] = 1 }
	END { for (x in t) rn++
		printf "%.6f %.6f %.6f %.6f", s / n, m, ms / mn, rs / rn }' $r/mon/localhost.tsv |
	awk '{ for (i = 1; i <= NF; i++) { sub(/0+$/, "", $i); sub(/\.$/, "", $i) } print }')
is "$(f 20-21) $(f 23) $(f 26)" "$(echo "$want" | awk '{ print $1 "\t" $2, $3, $4 }')" \
	"cpu_pm_mean, cpu_pm_max, mem_pm_used_kb, net_pm_rx_kbs equal awk's over the window"
is "$(f 18-19)$(f 22)" "	" "no VM was monitored: VM summaries empty"
is "$(awk -F'\t' -v lo="$(cat $r/start)" -v hi="$(cat $r/end)" '
	$4 == "cpu_idle" && $5 == "all" { if ($1 <= lo) a = 1; if ($1 > hi) b = 1 }
	END { print a + b }' $r/mon/localhost.tsv)" 2 \
	"samples before start and after end exist (and are left out above)"
same $r/metrics.tsv <(printf '%s\n' "$out") "metrics.tsv"
done_testing
