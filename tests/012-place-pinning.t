#!/bin/bash
# vsp-place: pinning strategies on 1, 2 and 4 sockets and odd cores per
# socket, and the validity of every pinning over whole spaces.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-conf.sh"

# pinned CONF "GEN-ARGS" WANT NAME: the "pstrat slot pin|" of the first PM
# of the sweep GEN-ARGS on CONF are WANT.
pinned() {
	is "$(vsp-gen -C "$1" -a a $2 | vsp-place -C "$1" |
		awk -F'\t' 'NR > 1 && $10 == "node01" && $6 != "NONE" { printf "%s %s %s|", $6, $11, $13 }')" \
		"$3" "$4"
}

mkconf "$tmp/s1" 8 1 2
pinned "$tmp/s1" "-n 8 -c 2 -i 0 -p GREEDY,BAL-ONE,BAL-SET,SPLIT" \
	"BAL-SET 0 0-1;0-1|BAL-SET 1 2-3;2-3|BAL-SET 2 4-5;4-5|BAL-SET 3 6-7;6-7|SPLIT 0 0;1|SPLIT 1 2;3|SPLIT 2 4;5|SPLIT 3 6;7|GREEDY 0 0;1|GREEDY 1 2;3|GREEDY 2 4;5|GREEDY 3 6;7|BAL-ONE 0 0;1|BAL-ONE 1 2;3|BAL-ONE 2 4;5|BAL-ONE 3 6;7|" \
	"1 socket: every strategy packs"

mkconf "$tmp/s2" 12 2 12
pinned "$tmp/s2" "-n 24 -c 2 -i 4" \
	"BAL-SET 0 0-1;0-1|BAL-SET 1 6-7;6-7|SPLIT 0 0;6|SPLIT 1 1;7|GREEDY 0 0;1|GREEDY 1 2;3|BAL-ONE 0 0;1|BAL-ONE 1 6;7|" \
	"2 sockets: the original's worked example (spec 3.4)"
pinned "$tmp/s2" "-n 24 -c 4 -i 12 -p BAL-ONE,BAL-SET" \
	"BAL-SET 0 0-3;0-3;0-3;0-3|BAL-SET 1 6-9;6-9;6-9;6-9|BAL-SET 2 4-5;4-5;10-11;10-11|BAL-ONE 0 0;1;2;3|BAL-ONE 1 6;7;8;9|BAL-ONE 2 4;5;10;11|" \
	"2 sockets: a VM that would cross sockets is split evenly"

mkconf "$tmp/s4" 16 4 2
pinned "$tmp/s4" "-n 16 -c 2 -i 8" \
	"BAL-SET 0 0-1;0-1|BAL-SET 1 4-5;4-5|BAL-SET 2 8-9;8-9|BAL-SET 3 12-13;12-13|SPLIT 0 0;4|SPLIT 1 8;12|SPLIT 2 1;5|SPLIT 3 9;13|GREEDY 0 0;1|GREEDY 1 2;3|GREEDY 2 4;5|GREEDY 3 6;7|BAL-ONE 0 0;1|BAL-ONE 1 4;5|BAL-ONE 2 8;9|BAL-ONE 3 12;13|" \
	"4 sockets: cpv 2 (the original gave SPLIT empty pinnings)"
pinned "$tmp/s4" "-n 16 -c 8 -i 0 -p BAL-ONE,BAL-SET,SPLIT" \
	"BAL-SET 0 0-3;0-3;0-3;0-3;4-7;4-7;4-7;4-7|BAL-SET 1 8-11;8-11;8-11;8-11;12-15;12-15;12-15;12-15|SPLIT 0 0;1;4;5;8;9;12;13|SPLIT 1 2;3;6;7;10;11;14;15|BAL-ONE 0 0;1;2;3;4;5;6;7|BAL-ONE 1 8;9;10;11;12;13;14;15|" \
	"4 sockets: VMs larger than a socket"

mkconf "$tmp/odd" 6 2 2
pinned "$tmp/odd" "-n 6 -c 2 -i 0" \
	"BAL-SET 0 0-1;0-1|BAL-SET 1 3-4;3-4|BAL-SET 2 2;5|SPLIT 0 0;3|SPLIT 1 1;4|SPLIT 2 2;5|GREEDY 0 0;1|GREEDY 1 2;3|GREEDY 2 4;5|BAL-ONE 0 0;1|BAL-ONE 1 3;4|BAL-ONE 2 2;5|" \
	"3 cores per socket: the third VM takes what is left on both"

mkconf "$tmp/big" 16 2 2
pinned "$tmp/big" "-n 30 -c 5 -i 15 -p BAL-ONE" \
	"BAL-ONE 0 0;1;2;3;4|BAL-ONE 1 8;9;10;11;12|BAL-ONE 2 5;6;7;13;14|" \
	"16 cores, cpv 5, idf 15: no overlap (the original overlapped, spec 11.7)"

# Every pinning of whole spaces: cores inside the PM, cpv vcpus, no core
# shared by two vcpus (one core each) under GREEDY, BAL-ONE and SPLIT, no
# core shared by two VMs and one socket per vcpu set under BAL-SET, SPLIT
# balanced over sockets, NONE empty.
check_space() {	# check_space CONF CORES SOCKETS
	vsp-gen -C "$1" -a a | vsp-place -C "$1" | awk -F'\t' -v C="$2" -v S="$3" '
	function bad(why) { print $1 " slot " $11 ": " why; nbad++ }
	NR == 1 { next }
	$10 != "node01" { next }
	$1 != cur { cur = $1; delete used }
	{
		ps = $6; cpv = $4; P = C / S
		if (ps == "NONE") { if ($13 != "") bad("NONE pinned"); next }
		n = split($13, v, ";")
		if (n != cpv) bad(n " vcpus, not " cpv)
		delete mine; delete per
		for (i = 1; i <= n; i++) {
			m = split(v[i], r, ",")
			sock = -1
			for (j = 1; j <= m; j++) {
				lo = r[j]; hi = r[j]
				if (index(r[j], "-")) { split(r[j], lh, "-"); lo = lh[1]; hi = lh[2] }
				for (c = lo + 0; c <= hi + 0; c++) {
					if (c < 0 || c >= C) bad("core " c " outside the PM")
					s = int(c / P)
					if (sock >= 0 && s != sock) bad("vcpu set spans sockets")
					sock = s
					if (ps == "BAL-SET") { if (used[c] && !mine[c]) bad("core " c " shared by VMs"); mine[c] = 1 }
					else { if (used[c]) bad("core " c " shared"); used[c] = 1; per[s]++ }
				}
			}
			if (ps != "BAL-SET" && (m != 1 || index(v[i], "-"))) bad("vcpu has more than one core")
		}
		if (ps == "BAL-SET") for (c in mine) used[c] = 1
		if (ps == "SPLIT") {
			lo = cpv; hi = 0
			for (s = 0; s < S; s++) { k = per[s] + 0; if (k < lo) lo = k; if (k > hi) hi = k }
			if (hi - lo > 1) bad("SPLIT unbalanced")
		}
	}
	END { print nbad + 0 " bad" }'
}
for shape in "8 1" "12 2" "6 2" "16 4" "12 4" "24 8" "16 2" "10 2" "9 3"; do
	set -- $shape
	mkconf "$tmp/p$1-$2" "$1" "$2" 4
	is "$(check_space "$tmp/p$1-$2" "$1" "$2" | tail -5)" "0 bad" "valid pinnings: $1 cores, $2 sockets"
done
done_testing
