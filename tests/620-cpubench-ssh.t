#!/bin/bash
# cpubench-ssh, the example application's launcher: one worker per
# nodefile line on that host over SSH (host keys checked), here on the PM
# namespaces of a lab; every worker says where it ran and where its login
# came from: the head, or with -r (relay) the first host of the nodefile,
# which started every worker with its own ssh, key and known_hosts,
# stops a worker that does not log in in time, and stops every worker
# when the job is stopped.
# tier: real (a lab: namespaces, sshd)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-lab.sh"
trap 'lab_down; rm_tmp' EXIT
cs=$top/share/examples/cpubench/cpubench-ssh
relay=$top/share/examples/cpubench/cpubench-relay

fails 2 "usage: cpubench-ssh -f nodefile -n millions [-b cpubench] [-i key] [-k known_hosts] [-u user] [-o dir] [-r] [-t seconds]" "$cs" -n 10
printf 'a b\n' >"$tmp/nf"
fails 2 "cpubench-ssh: -n \"1x\" is not a number" "$cs" -f "$tmp/nf" -n 1x
fails 2 "cpubench-ssh: -b \"/x y\" is not a plain path" "$cs" -f "$tmp/nf" -n 1 -b "/x y"
fails 2 "cpubench-ssh: $tmp/none: cannot read" "$cs" -f "$tmp/none" -n 1
fails 2 "cpubench-ssh: -u \"-x\" is not a user name" "$cs" -f "$tmp/nf" -n 1 -u -x
fails 2 "cpubench-ssh: -t \"0\" is not a number of seconds" "$cs" -f "$tmp/nf" -n 1 -t 0
# The relay's own checks (it builds the workers' command lines)
me=$(hostname)
fails 2 "cpubench-relay on $me: usage: cpubench-relay user cpubench millions seconds host..." sh "$relay" root /x 1 9
fails 2 "cpubench-relay on $me: \"a;b\" is not a host" sh "$relay" root /x 1 9 a "a;b"
fails 2 "cpubench-relay on $me: \"a b\" is not a user name" sh "$relay" "a b" /x 1 9 a
fails 2 "cpubench-relay on $me: \"/x y\" is not a plain path" sh "$relay" root "/x y" 1 9 a
fails 2 "cpubench-relay on $me: \"1x\" is not a number" sh "$relay" root /x 1x 9 a
fails 2 "cpubench-relay on $me: \"9s\" is not a number of seconds" sh "$relay" root /x 1 9s a
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
# from: where each worker's SSH login came from ($SSH_CLIENT)
is "$(cat "$tmp/o/workers/"* | grep '^from: ' | sort | uniq -c | sed 's/^ *//')" "3 from: $LAB_HEAD_ADDR" \
	"every worker started from the head"

# -r: the head logs into pm01 only; pm01 starts every worker, itself
# included, with its own ssh, key and known_hosts (root's on the PMs).
run lab_run "$cs" -r -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/r"
is "$rc: $err" "0: " "-r: three workers on two PMs, started from pm01"
is "$(grep '^worker: ' <<<"$out" | cut -d' ' -f2-5 | sed "s/$boot/BOOT/")" "host pm01 boot BOOT
host pm01 boot BOOT
host pm02 boot BOOT" "... each on its PM"
is "$(grep -v '^worker: ' <<<"$out" | sed 's/[0-9.]*$/N/')$(grep -E '^(hosts|processes):' <<<"$out" | tr '\n' ' ')" \
	"hosts: N
processes: N
seconds: N
throughput_mops: N
launch_seconds: Nhosts: 2 processes: 3 " "... the same metrics"
is "$(ls "$tmp/r/workers" | tr '\n' ' ')$(grep -c '^worker: host pm01' "$tmp/r/workers/$lab_pm_addr_1")" \
	"$lab_pm_addr_1 $lab_pm_addr_2 2" "... the same per-host output"
is "$(cat "$tmp/r/workers/"* | grep '^from: ' | sort | uniq -c | sed 's/^ *//')" "3 from: $lab_pm_addr_1" \
	"... every worker started from pm01, none from the head"

# The key of pm02 given for pm01: refused, the run fails.
awk 'NR == 1 { a = $1; next } { print a, $2, $3; print }' "$LAB_KNOWN_HOSTS" >"$tmp/wrong"
run lab_run "$cs" -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$tmp/wrong" -o "$tmp/o2"
is "$rc" 1 "a wrong host key fails the run"
# pm01 has two slots: one login or both may fail before parallel halts.
is "$(grep 'Host key verification failed' <<<"$err" | cut -f1 | sort -u)" "cpubench-ssh: $lab_pm_addr_1" \
	"... saying why, for pm01"
is "$(tail -1 <<<"$err")" "cpubench-ssh: a worker failed (status 255; host keys are checked against $tmp/wrong)" \
	"... and which file"
printf '10.78.0.99\n' >"$tmp/unknown"
run lab_run "$cs" -f "$tmp/unknown" -n 10 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/o3"
is "$rc" 1 "a host without a known key: no trust on first use"

# -r, the first host's key wrong here: nothing starts.
run lab_run "$cs" -r -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$tmp/wrong" -o "$tmp/r2"
is "$rc: $(grep -c 'Host key verification failed' <<<"$err")" "1: 1" "-r: a wrong host key for the first host fails the run"
is "$(tail -1 <<<"$err")" \
	"cpubench-ssh: cannot log into $lab_pm_addr_1 to start the workers there (status 255; its host key is checked against $tmp/wrong)" \
	"... naming the host and the file"
# -r, pm02's key wrong in pm01's known_hosts (root's on the PMs), then
# pm02 missing from it: refused from pm01 (no trust on first use).
pmkh=$lab_dir/root/.ssh/known_hosts
cp "$pmkh" "$tmp/pmkh"
awk 'NR == 1 { k = $2 " " $3; print; next } { print $1, k }' "$tmp/pmkh" >"$pmkh"
run lab_run "$cs" -r -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/r3"
is "$rc" 1 "-r: a wrong host key from the first host to another fails the run"
is "$(grep -F "$lab_pm_addr_2" <<<"$err" | tail -2)" \
	"cpubench-ssh: $lab_pm_addr_2	Host key verification failed.
cpubench-ssh: $lab_pm_addr_2	its worker failed (status 255; ssh from pm01)" "... naming that host"
is "$(tail -1 <<<"$err")" \
	"cpubench-ssh: a worker failed (status 1; started from $lab_pm_addr_1 with its own ssh, key and known_hosts)" \
	"... and where it was started from"
grep -v "^$lab_pm_addr_2 " "$tmp/pmkh" >"$pmkh"
run lab_run "$cs" -r -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/r4"
is "$rc: $(grep -c "^cpubench-ssh: $lab_pm_addr_2	Host key verification failed" <<<"$err")" "1: 1" \
	"-r: a host the first host has no key for: refused"
is "$(grep -c "^$lab_pm_addr_2 " "$pmkh")" 0 "... and not added to its known_hosts"
cp "$tmp/pmkh" "$pmkh"

# -r, pm02's sshd stopped (SIGSTOP: connections wait, no login): its
# worker is stopped after -t seconds, naming the host; the others ran.
sshd2=$(awk '$1 == "sshd-pm02" { print $2 }' "$lab_dir/pids")
kill -STOP "$sshd2"
run lab_run "$cs" -r -t 2 -f "$tmp/nodefile" -n 30 -i "$LAB_KEY" -k "$LAB_KNOWN_HOSTS" -o "$tmp/r5"
kill -CONT "$sshd2"
is "$rc: $(grep -F "$lab_pm_addr_2" <<<"$err")" \
	"1: cpubench-ssh: $lab_pm_addr_2	no login within 2 s (ssh from pm01): stopped" \
	"-r: a worker that does not log in within -t seconds is stopped, naming its host"
is "$(grep -c '^worker: host pm01' "$tmp/r5/workers/$lab_pm_addr_1")" 2 "... the others ran"

# -r, SIGTERM to cpubench-ssh's process group (as vsp-pbs stops a run),
# then to cpubench-ssh alone: it exits 143, and the relay on pm01, its ssh
# and every worker (cpubench on the PMs, through its SSH session's end)
# stop. setsid: its own group; "$lab" run execs it, so $! is cpubench-ssh.
# workers: this run's worker processes, zombies aside (this machine's init
# may not reap).
workers() { ps -eo stat=,args= | W="$top/share/examples/cpubench/cpubench -n 100000 " \
	awk '$1 !~ /^Z/ && index($0, ENVIRON["W"])' | grep -c .; }
for to in -group ""; do
	setsid "$lab" run "$lab_dir" "$cs" -r -f "$tmp/nodefile" -n 300000 -i "$LAB_KEY" \
		-k "$LAB_KNOWN_HOSTS" -o "$tmp/r6" >/dev/null 2>"$tmp/r6.err" &
	job=$!
	# 3 relay ssh, 3 cpubench, 3 of their forks, 3 login shells' watchers
	for i in $(seq 100); do [ "$(workers)" -ge 12 ] && break; sleep 0.2; done
	kill -TERM -- "${to:+-}$job"
	wait "$job"
	is "$?: $(cat "$tmp/r6.err")" "143: " "-r, SIGTERM${to:+ to the group}: cpubench-ssh stops"
	for i in $(seq 50); do [ "$(workers)" -eq 0 ] && break; sleep 0.2; done
	is "$(workers)" 0 "... and so do the relay's ssh and the workers on the PMs"
done
done_testing
