#!/bin/bash
# A PM that accepts libvirt's connection but never answers (a loopback
# socket that stays silent): up, down, ls and net -d fail it after
# libvirt_timeout seconds with a message, instead of hanging.
. "$(dirname "$0")/lib.sh"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm_tmp' EXIT

port=$((20000 + RANDOM % 20000))
while [ -n "$(ss -Hltn "sport = :$port")" ]; do port=$((port + 1)); done
# silent: a listener that takes one connection and never says a word
silent() {
	busybox nc -l -p "$port" -e /bin/sleep 120 &
	pids+=($!)
	for _ in $(seq 50); do [ -n "$(ss -Hltn "sport = :$port")" ] && return; sleep 0.1; done
	echo "Bail out! no listener on 127.0.0.1:$port"
	exit 1
}

mkdir -p "$tmp/c"
cp "$data/conf-12c2s4n/hardware.params" "$tmp/c/"
echo node082 >"$tmp/c/vsp.nodes"
uri=qemu+tcp://127.0.0.1:$port/system
printf 'libvirt_uri = %s\nlibvirt_timeout = 2\n' "$uri" >"$tmp/c/vsp.params"
printf 'exp\tvm\tnode\tslot\tvcpus\tpin\ne\tv1\tnode082\t0\t1\t0\n' >"$tmp/in"
why="cannot connect to $uri: no answer in 2 s (libvirt_timeout)"

silent
run timeout 60 vsp-virt up -C "$tmp/c" "$tmp/in"
is "$rc: $err" "1: vsp-virt: $tmp/in:2: v1 on node082: $why
vsp-virt: experiment e failed: no domain was defined" "up: the silent PM fails the experiment"
silent
run timeout 60 vsp-virt down -C "$tmp/c" "$tmp/in"
is "$rc: $err" "1: vsp-virt: $tmp/in:2: v1 on node082: $why" "down: the silent PM is named"
silent
run timeout 60 vsp-virt ls -C "$tmp/c"
is "$rc: $err" "1: vsp-virt: node082: $why" "ls: the silent PM is named"
silent
run timeout 60 vsp-virt net -d -C "$tmp/c"
is "$rc: $err" "1: vsp-virt: node082: network vsp-libvirt-bridge on $uri: $why" \
	"net -d: the silent PM is named"
done_testing
