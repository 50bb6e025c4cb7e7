#!/bin/bash
# vsp-pbs on a real single-node Slurm through sbatch, squeue and scancel.
# tier: real (Slurm and munged)
. "$(dirname "$0")/lib.sh"
. "$top/tests/slurm.sh"
. "$top/tests/pbs-cases.sh"
trap 'slurm_stop; rm_tmp' EXIT
slurm_start

pbs_cases slurm
is "$(cut -f11 "$tmp/waited" | tr '\n' ' ')" "job 1_1 1_2 1_3 " "slurm: array element ids"

# The hosts of a virtual cluster must be Slurm nodes.
run vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
is "$rc:$err" "1:vsp-pbs: $d/vms-virtual.tsv:2: host \"vsp-n1-01\" is not a Slurm node (scontrol: exit status 1: Node vsp-n1-01 not found)" \
	"slurm: unknown host"
scontrol update nodename="$(hostname)" state=drain reason=test
sed "s/HOST/$(hostname)/" "$d/cases.tsv" | sed 's/sleeper-cases/sleeper-drained/' >"$tmp/drained.tsv"
run vsp-pbs submit -C "$tmp/c" "$tmp/drained.tsv"
is "$rc:$err" "1:vsp-pbs: $tmp/drained.tsv:2: Slurm node \"$(hostname)\" is IDLE+DRAIN" \
	"slurm: a drained node"
is "$(ls "$tmp/results/sleeper" | grep -c drained)" 0 "slurm: nothing written for it"
done_testing
