#!/bin/bash
# hardware.params: every error through vsp-gen and vsp-place, exact message,
# exit 2.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 2

# hw NAME TEXT: a config folder NAME whose hardware.params is TEXT.
hw() {
	mkdir -p "$1"
	printf '%s' "$2" >"$1/hardware.params"
	printf 'node01\nnode02\n' >"$1/vsp.nodes"
	mkapp "$1" ep
}

# bad NAME TEXT MESSAGE: both tools refuse it with MESSAGE.
bad() {
	hw "$1" "$2"
	fails 2 "vsp-gen: $3" vsp-gen -C "$1" -a ep
	is "$out" "" "$1: vsp-gen prints nothing"
	fails 2 "vsp-place: $3" vsp-place -C "$1" </dev/null
}

# badhw NAME CORES SOCKETS MEM MESSAGE: bad with those three keys; MESSAGE
# follows NAME/hardware.params.
badhw() {
	bad "$1" "[Hardware]
cores = $2
sockets = $3
mem = $4
" "$1/hardware.params$5"
}

hw good '# the reference PM
[Hardware]
Cores = 12
sockets=2
mem = 24
ib_bus = 3
'
run vsp-gen -C good -a ep -n 2 -c 2 -p BAL-ONE
is "$rc: $err" "0: " "a good hardware.params"
is "$out" "exp	app	nc	cpv	idf	pstrat	runs	first
ep-nc2-cpv2-idf0-bal-one	ep	2	2	0	BAL-ONE	1	0" "its sweep (keys case-insensitive, comments, known extra keys)"

mkdir nohw
printf 'node01\n' >nohw/vsp.nodes
fails 2 "vsp-gen: nohw/hardware.params: No such file or directory" vsp-gen -C nohw -a ep
fails 2 "vsp-place: nohw/hardware.params: No such file or directory" vsp-place -C nohw </dev/null
fails 2 "vsp-gen: none/hardware.params: No such file or directory" vsp-gen -C none -a ep
fails 2 "vsp-gen: /nonexistent/hardware.params: No such file or directory" \
	env VSP_CONF=/nonexistent vsp-gen -a ep

bad header '[Hardware
cores = 12
' 'header/hardware.params:1: malformed section header "[Hardware"'
bad noeq '[Hardware]
cores 12
' 'noeq/hardware.params:2: expected key=value, got "cores 12"'
bad emptykey '[Hardware]
= 12
' 'emptykey/hardware.params:2: empty key'
bad outside 'cores = 12
[Hardware]
' 'outside/hardware.params:1: "cores" is outside the [Hardware] section'
bad othersection '[Hardware]
cores = 12
[Host]
sockets = 2
' 'othersection/hardware.params:4: "sockets" is outside the [Hardware] section'
bad unknown '[Hardware]
cores = 12
threads = 24
' 'unknown/hardware.params:3: unknown key "threads"'
bad twice '[Hardware]
cores = 12
sockets = 2
cores = 16
' 'twice/hardware.params:4: "cores" set twice (first on line 2)'
bad nocores '[Hardware]
sockets = 2
mem = 24
' 'nocores/hardware.params: missing "cores" in [Hardware]'
bad nosockets '[Hardware]
cores = 12
mem = 24
' 'nosockets/hardware.params: missing "sockets" in [Hardware]'
bad nomem '[Hardware]
cores = 12
sockets = 2
' 'nomem/hardware.params: missing "mem" in [Hardware]'
bad empty '' 'empty/hardware.params: missing "cores" in [Hardware]'
badhw zero '0' 2 24 ':2: cores "0" is out of range (1 to 65536)'
badhw negative '-12' 2 24 ':2: cores "-12" is out of range (1 to 65536)'
badhw word 'twelve' 2 24 ':2: cores "twelve" is not an integer (1 to 65536)'
badhw float '12.0' 2 24 ':2: cores "12.0" is not an integer (1 to 65536)'
badhw huge '65537' 1 24 ':2: cores "65537" is out of range (1 to 65536)'
badhw nocorevalue '' 2 24 ':2: cores "" is not an integer (1 to 65536)'
badhw sockets0 '12' 0 24 ':3: sockets "0" is out of range (1 to 1024)'
badhw divide '12' 5 24 ':3: sockets 5 does not divide cores 12'
badhw mem0 '12' 2 0 ':4: mem "0" is out of range (1 to 1073741824)'
done_testing
