#!/bin/bash
# vsp-mon on more hosts than it runs at once (64): every host is handled,
# the state keeps the input's order.
# tier: real (sadc collectors)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
trap 'kill_collectors; rm_tmp' EXIT
mkconf "$tmp/conf" "mon_pms = no"
cd "$tmp" || exit 1
mkdir run
{ printf 'vm\tnode\taddr\n'; for i in $(seq -w 1 70); do printf 'h%s\tpm\tlocalhost\n' "$i"; done; } >vms.tsv
run vsp-mon start -C conf -d run -t vms.tsv
is "$rc: $err" "0: " "start 70 collectors"
is "$(awk -F'\t' 'NR > 1 { print $1, $4 }' run/mon/state | tr '\n' ' ')" \
	"$(for i in $(seq -w 1 70); do printf 'h%s started ' "$i"; done)" "all started, in order"
is "$(awk -F'\t' 'NR > 1 { print $5 }' run/mon/state | sort -u | wc -l)" 70 "70 distinct collectors"
sleep 3
run vsp-mon stop -C conf -d run
is "$rc: $err" "0: " "stop 70 collectors"
bad=
for i in $(seq -w 1 70); do
	r=$(check_series "run/mon/h$i.tsv" "h$i" vm)
	[ "$r" = ok ] || bad="$bad h$i: $r"
done
is "$bad" "" "70 complete series"
done_testing
