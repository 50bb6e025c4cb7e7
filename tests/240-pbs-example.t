#!/bin/bash
# The example configuration end to end on the local backend:
# vsp-gen | vsp-place | vsp-pbs submit | vsp-pbs wait.
# tier: real (the example end to end, with sadc)
. "$(dirname "$0")/lib.sh"
conf=$top/share/examples/conf
cd "$tmp" || exit 1
vsp-gen -C "$conf" -a cpubench -n 4 -c 2 -p NONE -r 2 | vsp-place -C "$conf" >vms.tsv
is "$?:$(wc -l <vms.tsv)" "0:3" "two VMs placed"
vsp-pbs submit -C "$conf" vms.tsv >sub.tsv
is "$?:$(wc -l <sub.tsv)" "0:3" "two runs submitted"
vsp-pbs wait sub.tsv >runs.tsv
is "$?" 0 "wait"
x=$tmp/$(vsp-gen -C "$conf" -s results)/cpubench/$(sed -n 2p vms.tsv | cut -f1)
is "$(cut -f1,9- runs.tsv)" "exp	run	job	outdir	state	exit
$(basename "$x")	1	$(sed -n 2p sub.tsv | cut -f10)	$x/run-001	done	0
$(basename "$x")	2	$(sed -n 3p sub.tsv | cut -f10)	$x/run-002	done	0" "both runs done"
is "$(sed -n 1p "$x/run-001/stdout"):$(grep -c "^throughput_mops: [0-9.]*$" "$x/run-001/stdout")" "processes: 4:1" "the application's output"
is "$(cat "$x/run-002/nodefile")" "vsp-pm1-01
vsp-pm1-01
vsp-pm2-01
vsp-pm2-01" "nodefile: each VM once per vcpu"
is "$(cut -d' ' -f1 "$x/run-001/mon.status" | tr '\n' ' ')" "start stop " \
	"monitoring was attempted (its status recorded)"
done_testing
