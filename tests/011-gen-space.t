#!/bin/bash
# vsp-gen: the valid space of vsp-gen(1), its order, constraints and ids.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-conf.sh"

# vsp-gen(1)'s valid space written again, independently, in awk.
space() {	# space CORES NODES: "nc cpv idf pstrat" lines
	awk -v C="$1" -v N="$2" 'BEGIN {
	split("NONE BAL-SET SPLIT GREEDY BAL-ONE", ps, " ")
	for (nc = 1; nc <= C * N; nc++)
	for (cpv = 1; cpv <= C; cpv++) {
		if (nc % cpv) continue
		for (idf = 0; idf <= C; idf++) {
			if (idf == 0 && nc > C) continue
			if (idf > 0 && (nc % idf || idf == nc || idf % cpv || nc / idf > N || N < 2)) continue
			for (p = 1; p <= 5; p++) {
				s = ps[p]
				if (cpv == 1 && (s == "BAL-SET" || s == "SPLIT")) continue
				if ((cpv == idf || nc == cpv || idf == C) && s == "GREEDY") continue
				if ((cpv == C || cpv % 2) && s == "SPLIT") continue
				print nc, cpv, idf, s
			}
		}
	}}' | sort
}

for shape in "12 2 4" "8 4 3" "6 2 1" "16 2 2" "9 1 5"; do
	set -- $shape
	mkconf "$tmp/c$1-$2-$3" "$1" "$2" "$3"
	vsp-gen -C "$tmp/c$1-$2-$3" -a app | awk -F'\t' 'NR > 1 { print $3, $4, $5, $6 }' |
		sort >"$tmp/got"
	space "$1" "$3" >"$tmp/want"
	same "$tmp/got" "$tmp/want" "valid space of $1 cores, $2 sockets, $3 PMs"
done

mkconf "$tmp/ref" 12 2 12
# The original's enumeration of nc = 4 (spec 2.4), in its order.
vsp-gen -C "$tmp/ref" -a ep -n 4 | cut -f1 | tail -n +2 | tr '\n' ' ' >"$tmp/got"
is "$(cat "$tmp/got")" "ep-nc4-cpv1-idf0-none ep-nc4-cpv1-idf0-greedy ep-nc4-cpv1-idf0-bal-one ep-nc4-cpv1-idf1-none ep-nc4-cpv1-idf1-bal-one ep-nc4-cpv1-idf2-none ep-nc4-cpv1-idf2-greedy ep-nc4-cpv1-idf2-bal-one ep-nc4-cpv2-idf0-none ep-nc4-cpv2-idf0-bal-set ep-nc4-cpv2-idf0-split ep-nc4-cpv2-idf0-greedy ep-nc4-cpv2-idf0-bal-one ep-nc4-cpv2-idf2-none ep-nc4-cpv2-idf2-bal-set ep-nc4-cpv2-idf2-split ep-nc4-cpv2-idf2-bal-one ep-nc4-cpv4-idf0-none ep-nc4-cpv4-idf0-bal-set ep-nc4-cpv4-idf0-split ep-nc4-cpv4-idf0-bal-one " \
	"nc 4 in the original's order"

run vsp-gen -C "$tmp/ref" -a ep -n 24 -m 2,3
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 { n++; s[$4 "," $5] } END { printf "%d", n; for (k in s) printf " %s", k }' | tr ' ' '\n' | sort -n | tr '\n' ' ')" \
	"1,12 1,8 2,12 2,8 3,12 4,12 4,8 6,12 8,8 12,12 37 " "nc 24 on 2 or 3 PMs: 37 experiments (spec 2.4)"

run vsp-gen -C "$tmp/ref" -a ep -r 3 -n 24 -c 2 -i 4 -p BAL_ONE,split
is "$out" "exp	app	nc	cpv	idf	pstrat	runs	first
ep-nc24-cpv2-idf4-split	ep	24	2	4	SPLIT	3	0
ep-nc24-cpv2-idf4-bal-one	ep	24	2	4	BAL-ONE	3	0" "constraints intersect; original spellings accepted"

run vsp-gen -C "$tmp/ref" -a ep -n 24 -c 2 -d 0.25,1/12 -p NONE
is "$(printf '%s\n' "$out" | cut -f5 | tail -n +2 | tr '\n' ' ')" "4 12 " "df as 0.25 and 1/12"
run vsp-gen -C "$tmp/ref" -a ep -n 8 -c 4 -d 0 -p NONE
is "$(printf '%s\n' "$out" | cut -f1 | tail -n +2)" "ep-nc8-cpv4-idf0-none" "df 0 is one PM"

run vsp-gen -C "$tmp/ref" -a ep -n 1-3 -c all -i 0 -p NONE
is "$(printf '%s\n' "$out" | cut -f3,4 | tail -n +2 | tr '\t\n' ', ')" "1,1 2,1 2,2 3,1 3,3 " "ranges and all"

run vsp-gen -C "$tmp/ref" -a ep -n 24 -c 12 -i -1
is "$out" "exp	app	nc	cpv	idf	pstrat	runs	first
ep-nc24-cpv12-phys	ep	24	12	-1	NONE	1	0" "idf -1: the physical cluster, on request"

run vsp-gen -C "$tmp/ref" -a ep -n 24 -c 12 -i 12 -p NONE -f 0,10
is "$(printf '%s\n' "$out" | cut -f1,8 | tail -n +2 | tr '\t\n' ' ;')" \
	"ep-nc24-cpv12-idf12-none 0;ep-nc24-cpv12-idf12-none-first10 10;" "first PMs that fit"

run vsp-gen -C "$tmp/ref" -a ep -n 4 -c 4 -i 0 -p NONE -x size=A,B -x args='10 20,x-y'
is "$out" "exp	app	nc	cpv	idf	pstrat	runs	first	size	args
ep-nc4-cpv4-idf0-none-sizeA-args10_20_a63e59fe	ep	4	4	0	NONE	1	0	A	10 20
ep-nc4-cpv4-idf0-none-sizeA-argsx_y_ced28ca5	ep	4	4	0	NONE	1	0	A	x-y
ep-nc4-cpv4-idf0-none-sizeB-args10_20_a63e59fe	ep	4	4	0	NONE	1	0	B	10 20
ep-nc4-cpv4-idf0-none-sizeB-argsx_y_ced28ca5	ep	4	4	0	NONE	1	0	B	x-y" "extra parameters multiply the sweep"

# (the suffixes are FNV-1a of "10 20" and "x-y", computed with python.)
# Ids are unique over the whole space with extras, and stable.
vsp-gen -C "$tmp/ref" -a ep -x a=1,2 -f 0,1 >"$tmp/all"
is "$(cut -f1 "$tmp/all" | sort | uniq -d | head -3)" "" "ids unique over the whole space"
vsp-gen -C "$tmp/ref" -a ep -x a=1,2 -f 0,1 | cmp -s - "$tmp/all"
is "$?" 0 "same inputs, same output"

# Values that can never be valid.
fails 2 "vsp-gen: -c: cpv 13 exceeds the 12 cores of a PM" vsp-gen -C "$tmp/ref" -a ep -c 13
fails 2 "vsp-gen: -c: cpv 0 is not a positive integer" vsp-gen -C "$tmp/ref" -a ep -c 0
fails 2 "vsp-gen: -n: nc 145 exceeds the 144 cores of the cluster (12 PMs of 12)" vsp-gen -C "$tmp/ref" -a ep -n 145
fails 2 "vsp-gen: -n: nc -2 is not a positive integer" vsp-gen -C "$tmp/ref" -a ep -n -2
fails 2 "vsp-gen: -i: idf 13 exceeds the 12 cores of a PM" vsp-gen -C "$tmp/ref" -a ep -i 13
fails 2 "vsp-gen: -i: idf -2 is below -1" vsp-gen -C "$tmp/ref" -a ep -i -2
fails 2 "vsp-gen: -m: 13 PMs is not between 1 and the 12 of vsp.nodes" vsp-gen -C "$tmp/ref" -a ep -m 13
fails 2 "vsp-gen: -f: first 12 is not a PM index (0 to 11)" vsp-gen -C "$tmp/ref" -a ep -f 12
fails 2 "vsp-gen: -p: unknown pstrat \"BEST\" (NONE, GREEDY, BAL-ONE, BAL-SET, SPLIT)" vsp-gen -C "$tmp/ref" -a ep -p BEST
fails 2 "vsp-gen: -d: df \"0.3\" is not 1/N for an integer N" vsp-gen -C "$tmp/ref" -a ep -d 0.3
fails 2 "vsp-gen: -d: df \"2\" is not a number in [0, 1]" vsp-gen -C "$tmp/ref" -a ep -d 2
fails 2 "vsp-gen: -n: \"4-2\" is not a number or range" vsp-gen -C "$tmp/ref" -a ep -n 4-2
fails 2 "vsp-gen: -n: \"x\" is not a number or range" vsp-gen -C "$tmp/ref" -a ep -n x
fails 2 "vsp-gen: -r: runs \"0\" is not a positive integer" vsp-gen -C "$tmp/ref" -a ep -r 0
fails 2 "vsp-gen: -a: app \"a/b\" is not a plain name ([A-Za-z0-9._-])" vsp-gen -C "$tmp/ref" -a a/b
fails 2 "vsp-gen: -x: \"Size\" is not a column name ([a-z][a-z0-9_]*)" vsp-gen -C "$tmp/ref" -a ep -x Size=1
fails 2 "vsp-gen: -x: \"nc\" is a column of vsp-gen's own" vsp-gen -C "$tmp/ref" -a ep -x nc=1
fails 2 "vsp-gen: -x: \"s\" is given twice" vsp-gen -C "$tmp/ref" -a ep -x s=1 -x s=2
fails 2 "vsp-gen: -x: \"s\" is not name=v1,v2" vsp-gen -C "$tmp/ref" -a ep -x s
fails 2 "vsp-gen: -i and -d both constrain idf: give one" vsp-gen -C "$tmp/ref" -a ep -i 1 -d 1
fails 2 "vsp-gen: no valid experiment satisfies the constraints" vsp-gen -C "$tmp/ref" -a ep -n 7 -c 2
fails 2 "vsp-gen: no valid experiment satisfies the constraints" vsp-gen -C "$tmp/ref" -a ep -c 1 -p SPLIT
mkconf "$tmp/one" 12 2 1
fails 2 "vsp-gen: -i: idf 4 needs more than one PM (vsp.nodes lists 1)" vsp-gen -C "$tmp/one" -a ep -i 4
run vsp-gen -C "$tmp/ref"
is "$rc" 2 "-a is required"
is "${err%%$'\n'*}" "usage: vsp-gen [-C dir] -a app [-r runs] [-n nc] [-c cpv] [-i idf]" "usage on stderr"
run vsp-gen -h
is "$rc" 2 "-h: usage, status 2"
VSP_CONF=$tmp/ref run vsp-gen -a ep -n 1 -p NONE
is "$out" "exp	app	nc	cpv	idf	pstrat	runs	first
ep-nc1-cpv1-idf0-none	ep	1	1	0	NONE	1	0" "\$VSP_CONF names the config folder"
mkconf "$tmp/s" 12 2 4 'results = /data/vsp'
run vsp-gen -C "$tmp/s" -s results
is "$rc:$out" "0:/data/vsp" "-s prints a setting"
run vsp-gen -C "$tmp/s" -s vm_name
is "$rc:$out" "0:{prefix}-{node}-{slot1}" "-s prints a default"
fails 2 'vsp-gen: -s: unknown setting "color"' vsp-gen -C "$tmp/s" -s color
fails 2 'vsp-gen: -s prints a setting: give no other option' vsp-gen -C "$tmp/s" -s results -a x
# -R: the runs a report asks for (its runs.tsv), never fewer than -r.
printf 'exp\tapp\truns\nep-nc1-cpv1-idf0-none\tep\t7\nep-nc2-cpv1-idf0-none\tep\t2\nother\tep\t9\n' >"$tmp/runs.tsv"
run vsp-gen -C "$tmp/ref" -a ep -n 1,2 -c 1 -p NONE -i 0 -r 3 -R "$tmp/runs.tsv"
is "$rc:$out" "0:exp	app	nc	cpv	idf	pstrat	runs	first
ep-nc1-cpv1-idf0-none	ep	1	1	0	NONE	7	0
ep-nc2-cpv1-idf0-none	ep	2	1	0	NONE	3	0" "-R raises the runs of the experiments it names"
fails 2 "vsp-gen: -R: $tmp/nowhere.tsv: No such file or directory" \
    vsp-gen -C "$tmp/ref" -a ep -R "$tmp/nowhere.tsv"
printf 'exp\truns\nep-nc1-cpv1-idf0-none\tmany\n' >"$tmp/runs.tsv"
fails 2 "vsp-gen: $tmp/runs.tsv:2: runs \"many\" is not a number of runs (1-1000000)" \
    vsp-gen -C "$tmp/ref" -a ep -R "$tmp/runs.tsv"
printf 'exp\tapp\nx\ty\n' >"$tmp/runs.tsv"
fails 2 "vsp-gen: $tmp/runs.tsv:1: missing column \"runs\"" vsp-gen -C "$tmp/ref" -a ep -R "$tmp/runs.tsv"
run vsp-gen -V
is "$rc:$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "0:vsp libvirt libxml2 libssh2 libcsv " "-V: versions of vsp and its libraries"
is "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 2 || $2 !~ /^[0-9]+\.[0-9]+\.[0-9]+$/')" "" "-V: each a dotted version"
done_testing
