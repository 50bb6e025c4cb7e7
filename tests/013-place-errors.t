#!/bin/bash
# vsp-place: every class of bad input, with its message and status 2, and
# nothing half-written: the experiments before the bad one are whole.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-conf.sh"
mkconf "$tmp/c" 12 2 4
h='exp	app	nc	cpv	idf	pstrat	runs	first'
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
good=$(row e1 a 4 2 0 BAL-ONE 1 0)

place() {	# place INPUT: vsp-place on that text
	printf '%s\n' "$1" >"$tmp/in"
	run vsp-place -C "$tmp/c" "$tmp/in"
}
bad() {	# bad ROW MESSAGE: a good experiment, then ROW on line 3
	place "$h
$good
$1"
	is "$rc: $err" "2: vsp-place: $tmp/in:3: $2" "$2"
	is "$(printf '%s\n' "$out" | wc -l)" 3 "  the experiment before it is whole"
}

bad "$(row e2 a 0 2 0 NONE 1 0)" 'nc "0" is not a positive integer'
bad "$(row e2 a 4 0 0 NONE 1 0)" 'cpv "0" is not a positive integer'
bad "$(row e2 a 4 -2 0 NONE 1 0)" 'cpv "-2" is not a positive integer'
bad "$(row e2 a x 2 0 NONE 1 0)" 'nc "x" is not a positive integer'
bad "$(row e2 a 4 2 4x NONE 1 0)" 'idf "4x" is not an integer >= -1'
bad "$(row e2 a 4 2 -2 NONE 1 0)" 'idf "-2" is not an integer >= -1'
bad "$(row e2 a 4 2 '' NONE 1 0)" 'idf "" is not an integer >= -1'
bad "$(row e2 a 4 2 0 NONE 1 -1)" 'first "-1" is not a PM index'
bad "$(row e2 a 4 2 0 BEST 1 0)" 'unknown pstrat "BEST" (NONE, GREEDY, BAL-ONE, BAL-SET, SPLIT)'
bad "$(row e2 a 4 3 0 NONE 1 0)" 'cpv 3 does not divide nc 4'
bad "$(row e2 a 26 13 0 NONE 1 0)" 'cpv 13 exceeds the 12 cores of a PM'
bad "$(row e2 a 24 2 0 NONE 1 0)" 'nc 24 does not fit the 12 cores of one PM (idf 0)'
bad "$(row e2 a 24 2 24 NONE 1 0)" 'idf 24 exceeds the 12 cores of a PM'
bad "$(row e2 a 8 2 8 NONE 1 0)" 'idf 8 equals nc (use idf 0 for one PM)'
bad "$(row e2 a 12 2 5 NONE 1 0)" 'idf 5 does not divide nc 12'
bad "$(row e2 a 12 4 6 NONE 1 0)" 'cpv 4 does not divide idf 6'
bad "$(row e2 a 48 2 6 NONE 1 0)" 'needs 8 PMs from PM 0 on but vsp.nodes lists 4'
bad "$(row e2 a 24 2 6 NONE 1 1)" 'needs 4 PMs from PM 1 on but vsp.nodes lists 4'
bad "$(row e2 a 8 2 4 NONE 1 4)" 'first 4 is not a PM index (vsp.nodes lists 4)'
bad "$(row e2 a 8 2 -1 BAL-ONE 1 0)" 'pstrat BAL-ONE needs VMs (idf -1 is the physical cluster)'
bad "$(row e2 a 10 2 -1 NONE 1 0)" 'needs 5 PMs from PM 0 on but vsp.nodes lists 4'
bad "e2	a	4	2	0	NONE	1" 'expected 8 fields, got 7'
bad "e2	a	4	2	0	NONE	1	0	9" 'expected 8 fields, got more'
bad "e2	a	4	2	0	NONE	1	0\\q" 'unknown escape "\q"'
bad "e2	a	4	2	0	NONE	1	0\\" 'backslash at end of line'
bad "e2	a	4	2	0	NONE	1	0"$'\r' 'CR in line (use LF line ends and \r in fields)'

place "exp	app	nc	cpv	pstrat
e1	a	4	2	NONE"
is "$rc: $err" "2: vsp-place: $tmp/in:1: missing column \"idf\"" "missing column"
place "exp	app	Nc"
is "$rc: $err" "2: vsp-place: $tmp/in:1: bad column name \"Nc\" in header" "bad column name"
place "exp	exp"
is "$rc: $err" "2: vsp-place: $tmp/in:1: column \"exp\" appears twice in header" "duplicate column"
run vsp-place -C "$tmp/c" </dev/null
is "$rc: $err" "2: vsp-place: stdin: empty input, no header line" "empty input"
run vsp-place -C "$tmp/c" "$tmp/missing"
is "$rc: $err" "2: vsp-place: $tmp/missing: No such file or directory" "missing input file"

# Output: columns passed through and appended; idf -1; first; the pattern.
place "$h	extra
e3	a	4	2	2	GREEDY	1	2	x\\ty
e4	a	4	2	-1	NONE	1	1	z"
is "$out" "$h	extra	vm	node	slot	vcpus	pin
e3	a	4	2	2	GREEDY	1	2	x\\ty	vsp-node03-01	node03	0	2	0;1
e3	a	4	2	2	GREEDY	1	2	x\\ty	vsp-node04-01	node04	0	2	0;1
e4	a	4	2	-1	NONE	1	1	z		node02	0	2	
e4	a	4	2	-1	NONE	1	1	z		node03	0	2	" "pass-through, first PM, physical cluster"

mkconf "$tmp/p" 12 2 4 'vm_name = {exp}-{suffix}-{index}-{slot}' 'vm_prefix = kvm'
printf '%s\n%s\n' "$h" "$(row e5 a 4 2 2 NONE 1 0)" >"$tmp/in"
run vsp-place -C "$tmp/p" "$tmp/in"
is "$(printf '%s\n' "$out" | cut -f9 | tr '\n' ' ')" "vm e5-01-0-0 e5-02-1-0 " "vm_name placeholders"
mkconf "$tmp/p" 12 2 4 'vm_name = {prefix}-{what}'
run vsp-place -C "$tmp/p" "$tmp/in"
is "$rc: $err" "2: vsp-place: $tmp/p/vsp.params:1: vm_name \"{prefix}-{what}\" has an unknown placeholder (known: {prefix} {exp} {app} {node} {suffix} {index} {slot} {slot1})" "unknown placeholder"
mkconf "$tmp/p" 12 2 4 'vm_name = a b{slot}'
run vsp-place -C "$tmp/p" "$tmp/in"
is "$rc: $err" "2: vsp-place: $tmp/in:2: vm name \"a b0\" has a character other than A-Z a-z 0-9 . _ -" "bad character in a name"
mkconf "$tmp/p" 12 2 4 'vm_name = vm{slot}'
run vsp-place -C "$tmp/p" "$tmp/in"
is "$rc: $err" "2: vsp-place: $tmp/in:2: vm name \"vm0\" is given to two VMs: vm_name must tell VMs apart" "names that collide"
# One PM's names differ only where the slot goes: no slot, no difference.
mkconf "$tmp/p" 12 2 4 'vm_name = vm-{node}'
printf '%s\n%s\n' "$h" "$(row e6 a 4 2 0 NONE 1 0)" >"$tmp/in"
run vsp-place -C "$tmp/p" "$tmp/in"
is "$rc: $err" "2: vsp-place: $tmp/in:2: vm name \"vm-node01\" is given to two VMs: vm_name must tell VMs apart" "one PM's names without a slot collide"
mkconf "$tmp/p" 12 2 4 'vm_name = v{slot}-{slot1}x{node}'
run vsp-place -C "$tmp/p" "$tmp/in"
is "$(printf '%s\n' "$out" | cut -f9 | tr '\n' ' ')" "vm v0-01xnode01 v1-02xnode01 " "a name with two slots"
# Names of two PMs that meet: n1's slot 10 and n11's slot 0 are both n110.
mkconf "$tmp/p" 12 2 2 'vm_name = {node}{slot}'
printf 'n1\nn11\n' >"$tmp/p/vsp.nodes"
printf '%s\n%s\n' "$h" "$(row e7 a 24 1 12 NONE 1 0)" >"$tmp/in"
run vsp-place -C "$tmp/p" "$tmp/in"
is "$rc: $err" "2: vsp-place: $tmp/in:2: vm name \"n110\" is given to two VMs: vm_name must tell VMs apart" "names of two PMs that collide"
run vsp-place -C "$tmp/c" a b
is "$rc" 2 "two operands: usage"
done_testing
