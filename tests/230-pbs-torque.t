#!/bin/bash
# vsp-pbs on the torque backend (qsub, qstat, qdel) through Slurm's Torque
# wrappers on a real single-node Slurm; the Torque nodes file and reload.
# tier: real (Slurm with its Torque commands)
. "$(dirname "$0")/lib.sh"
. "$top/tests/slurm.sh"
. "$top/tests/pbs-cases.sh"
trap 'slurm_stop; rm_tmp' EXIT
slurm_start

pbs_cases torque
is "$(cut -f11 "$tmp/waited" | tr '\n' ' ')" "job 1[1] 1[2] 1[3] " "torque: array element ids"
pbs_cases torque batch_array=no
is "$(cut -f11 "$tmp/waited" | grep -c '^[0-9][0-9]*$')" 3 "torque: one job per run"

# The virtual cluster's VMs go to the server's nodes file, then the reload
# command runs (split into words, no shell).
printf '#!/bin/sh\nprintf "%%s|" "$@" >>"%s"\necho >>"%s"\n' "$tmp/reloads" "$tmp/reloads" >"$tmp/reload"
chmod +x "$tmp/reload"
pbs_conf batch=torque "torque_nodes_file=$tmp/nodes" \
	"torque_reload=$tmp/reload stop 'a b'; $tmp/reload start '\$x'"
run vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
is "$rc:$err:$out" "0::" "torque: nodes"
is "$(cat "$tmp/nodes")" "vsp-n1-01 np=2
vsp-n2-01 np=2" "torque: the nodes file"
is "$(cat "$tmp/reloads")" 'stop|a b|
start|$x|' "torque: the reload commands, without a shell"
run vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
is "$rc:$(wc -l <"$tmp/reloads")" "0:2" "torque: no reload when the nodes are the same"
run vsp-pbs nodes -C "$tmp/c" "$d/vms-phys.tsv"
is "$rc:$(wc -l <"$tmp/reloads")" "0:2" "torque: a physical cluster leaves the nodes file"

pbs_conf batch=torque "torque_nodes_file=$tmp/nodes2" "torque_reload=false; true; false"
fails 1 "vsp-pbs: torque_reload: false: exit status 1
vsp-pbs: torque_reload: false: exit status 1
vsp-pbs: torque_reload failed: the batch server may not know the virtual cluster" \
	vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
pbs_conf batch=torque "torque_nodes_file=$tmp/nodes3" "torque_reload=qterm | pbs_server"
fails 2 "vsp-pbs: $tmp/c/vsp.params:4: torque_reload: shell syntax (no shell runs this command) in \"qterm | pbs_server\"" \
	vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
pbs_conf batch=torque "torque_nodes_file=$tmp/nodes4" "torque_reload=$tmp/no-such-reload"
fails 1 "vsp-pbs: torque_reload: $tmp/no-such-reload: exit status 127: $tmp/no-such-reload: No such file or directory
vsp-pbs: torque_reload failed: the batch server may not know the virtual cluster" \
	vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
pbs_conf batch=torque "torque_nodes_file=$tmp/no/such/dir/nodes"
fails 1 "vsp-pbs: $tmp/no/such/dir/nodes: No such file or directory" \
	vsp-pbs nodes -C "$tmp/c" "$d/vms-virtual.tsv"
done_testing
