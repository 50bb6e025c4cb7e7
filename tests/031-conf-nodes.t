#!/bin/bash
# vsp.nodes: comments, blanks, order, and every error with its exact message.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-conf.sh"
cd "$tmp" || exit 2

# nodes NAME TEXT: a config folder NAME (12 cores, 2 sockets), vsp.nodes TEXT.
nodes() {
	mkdir -p "$1"
	cp "$data/conf-12c2s4n/hardware.params" "$1/"
	printf '%s' "$2" >"$1/vsp.nodes"
	mkapp "$1" ep
}

bad() {
	nodes "$1" "$2"
	conf_refused "$1" "$3"
}

# File order, not sorted; blanks, comments and surrounding blanks dropped.
nodes good '# PMs
  pm-b.example.org  

pm_a
	# indented comment
10.0.0.7
'
run sh -c 'vsp-gen -C good -a ep -n 24 -c 12 -i 12 -p NONE | vsp-place -C good'
is "$rc: $err" "0: " "a good vsp.nodes"
is "$(printf '%s\n' "$out" | cut -f10 | tail -n +2)" "pm-b.example.org
pm_a" "PMs in file order from the first"
run sh -c 'vsp-gen -C good -a ep -n 8 -c 4 -i 4 -f 1 -p NONE | vsp-place -C good'
is "$(printf '%s\n' "$out" | cut -f10 | tail -n +2)" "pm_a
10.0.0.7" "first 1 starts at the second PM"
run vsp-gen -C good -a ep -n 48
is "$rc: $err" "2: vsp-gen: -n: nc 48 exceeds the 36 cores of the cluster (3 PMs of 12)" \
	"three PMs counted"

mkdir nonodes
cp "$data/conf-12c2s4n/hardware.params" nonodes/
fails 2 "vsp-gen: nonodes/vsp.nodes: No such file or directory" vsp-gen -C nonodes -a ep
fails 2 "vsp-place: nonodes/vsp.nodes: No such file or directory" vsp-place -C nonodes </dev/null
bad empty '' 'empty/vsp.nodes: no nodes listed'
bad comments '# none yet

' 'comments/vsp.nodes: no nodes listed'
bad twice 'node01
node02
node01
' 'twice/vsp.nodes:3: node "node01" is listed twice'
bad trailing 'node01 # the head
' 'trailing/vsp.nodes:1: "node01 # the head" is more than a host name and an address'
bad three 'node01	10.0.0.1 x
' 'three/vsp.nodes:1: "node01 10.0.0.1 x" is more than a host name and an address'
bad badaddr 'node01
node02 10.0.0/2
' 'badaddr/vsp.nodes:2: address "10.0.0/2" of node02 is not a host name or an IP address'
bad dashaddr 'node01 -x
' 'dashaddr/vsp.nodes:1: address "-x" of node01 is not a host name or an IP address'
bad oneaddr 'pm1 10.0.0.1
pm2 10.0.0.2
pm3 10.0.0.1
' 'oneaddr/vsp.nodes:3: pm1 and pm3 have one address, 10.0.0.1'
bad nameaddr 'pm1
pm2 pm1
' 'nameaddr/vsp.nodes:2: pm1 and pm2 have one address, pm1'

# An address after the name (blanks between): the name stays the PM's name
# everywhere; the address is where it is reached.
nodes addr 'pm01 10.78.0.11
  pm02	 fd00::12  
pm03
'
run sh -c 'vsp-gen -C addr -a ep -n 6 -c 2 -i 2 -p NONE | vsp-place -C addr'
is "$rc: $err" "0: " "names with addresses"
is "$(printf '%s\n' "$out" | cut -f10 | tail -n +2)" "pm01
pm02
pm03" "PM names, not addresses, in the VM rows"
bad dash '-node01
' 'dash/vsp.nodes:1: "-node01" is not a host name'
bad slash 'node/01
' 'slash/vsp.nodes:1: "node/01" is not a host name'
# A NUL byte is an error, never the end of the name ("pm" of "pm\0x").
mkdir nul
cp "$data/conf-12c2s4n/hardware.params" nul/
printf 'node01\npm\000x\n' >nul/vsp.nodes
fails 2 'vsp-gen: nul/vsp.nodes:2: NUL byte in line' vsp-gen -C nul -a ep
# Names are bounded: 255 characters at most (the message shows 80).
long=$(printf '%0256d' 0 | tr 0 a)
bad long "$long
" "long/vsp.nodes:1: \"$(printf '%080d' 0 | tr 0 a)...\" is not a host name"
bad longest "node01
$(printf '%0255d' 0 | tr 0 a)
node01
" 'longest/vsp.nodes:3: node "node01" is listed twice'
# Many nodes: the first repeated line is named, whatever the order.
awk 'BEGIN { for (i = 100000; i > 0; i--) print "n" i; print "n7"; print "n99999" }' >many.txt
bad many "$(cat many.txt)" 'many/vsp.nodes:100001: node "n7" is listed twice'
done_testing
