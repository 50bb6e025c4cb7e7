#!/bin/bash
# cpubench-ssh, the example application's launcher: one worker per
# nodefile line on that host over SSH (host keys checked), here on the PM
# namespaces of a lab; every worker says where it ran.
# tier: real (a lab: namespaces, sshd)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
trap 'lab_down; rm_tmp' EXIT
cs=$top/share/examples/cpubench/cpubench-ssh

fails 2 "usage: cpubench-ssh -f nodefile -n millions [-b cpubench] [-i key] [-k known_hosts] [-u user] [-o dir]" "$cs" -n 10
printf 'a b\n' >"$tmp/nf"
fails 2 "cpubench-ssh: -n \"1x\" is not a number" "$cs" -f "$tmp/nf" -n 1x
fails 2 "cpubench-ssh: -b \"/x y\" is not a plain path" "$cs" -f "$tmp/nf" -n 1 -b "/x y"
fails 2 "cpubench-ssh: $tmp/none: cannot read" "$cs" -f "$tmp/none" -n 1
printf 'ok\n-x\n' >"$tmp/nf"
fails 2 "cpubench-ssh: $tmp/nf:2: \"-x\" is not a host" "$cs" -f "$tmp/nf" -n 10
printf '\n' >"$tmp/nf"
fails 2 "cpubench-ssh: $tmp/nf: no hosts" "$cs" -f "$tmp/nf" -n 10
printf 'a\nb\nc\n' >"$tmp/nf"
fails 2 "cpubench-ssh: -n 2 is less than one million per process (3 processes)" "$cs" -f "$tmp/nf" -n 2

lab_up "$tmp/lab" 2
printf '%s\n%s\n%s\n' "$lab_pm_addr_1" "$lab_pm_addr_1" "$lab_pm_addr_2" >"$tmp/nodefile"
run lab_run "$cs" -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/o"
is "$rc: $err" "0: " "three workers on two PMs"
boot=$(cat /proc/sys/kernel/random/boot_id)
is "$(grep '^worker: ' <<<"$out" | cut -d' ' -f2-5 | sed "s/$boot/BOOT/")" "host pm01 boot BOOT
host pm01 boot BOOT
host pm02 boot BOOT" "each worker ran on its PM (host name, boot id)"
is "$(grep -v '^worker: ' <<<"$out" | sed 's/[0-9.]*$/N/')" "hosts: N
processes: N
seconds: N
throughput_mops: N
launch_seconds: N" "the cluster's metrics"
is "$(grep -E '^(hosts|processes):' <<<"$out" | tr '\n' ' ')" "hosts: 2 processes: 3 " "2 hosts, 3 processes"
is "$(ls "$tmp/o/workers" | tr '\n' ' ')" "$lab_pm_addr_1 $lab_pm_addr_2 " "per-host output kept"
is "$(grep -c '^worker: host pm01' "$tmp/o/workers/$lab_pm_addr_1")" 2 "... with that host's workers"

# The key of pm02 given for pm01: refused, the run fails.
awk 'NR == 1 { a = $1; next } { print a, $2, $3; print }' "$LAB_KNOWN_HOSTS" >"$tmp/wrong"
run lab_run "$cs" -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$tmp/wrong" -o "$tmp/o2"
is "$rc" 1 "a wrong host key fails the run"
is "$(grep -c 'Host key verification failed' <<<"$err")" 1 "... saying why"
is "$(tail -1 <<<"$err")" "cpubench-ssh: a worker failed (status 255; host keys are checked against $tmp/wrong)" \
	"... and which file"
printf '10.78.0.99\n' >"$tmp/unknown"
run lab_run "$cs" -f "$tmp/unknown" -n 10 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/o3"
is "$rc" 1 "a host without a known key: no trust on first use"
done_testing
