#!/bin/bash
# vsp-gen -X: the original's experiment definitions, exact rows and notes.
. "$(dirname "$0")/lib.sh"
conf=$data/conf-12c2s12n
xml=$data/xml
cd "$xml" || exit 2

# Columns by name: cols a,b,c <file.
cols() {
	awk -F'\t' -v want="$1" 'NR == 1 { n = split(want, w, ",")
		for (i = 1; i <= NF; i++) at[$i] = i; next }
	{ s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? " " : "") $at[w[i]]; print s }'
}

# gen NAME: rows equal NAME.tsv, stderr equals $2.
gen() {
	run vsp-gen -C "$conf" -X "$1.xml"
	is "$rc" 0 "$1: exit 0"
	printf '%s\n' "$out" >"$tmp/got"
	same "$tmp/got" "$1.tsv" "$1: rows"
	is "$err" "$2" "$1: notes on stderr"
}

gen scenariogen-expected ""
gen two-exps "vsp-gen: two-exps.xml:9: <tuning> of <cluster> is ignored, as the original did
vsp-gen: two-exps.xml:29: <tuning> of <cluster> is ignored, as the original did"
gen app-infiniband ""
gen physical 'vsp-gen: physical.xml:16: idf and pstrat of <mapping> are ignored: virtual="False" is the physical cluster (idf -1, pstrat NONE)'
gen trials "vsp-gen: trials.xml:4: <scenario> holds 2 experiments: the original ran only the first, vsp runs all of them, one after another"

# The older <experiments><experiment><clusters><cluster><app> format of the
# original's output/autorun files (copied unchanged): procpin True or
# BIND_CORE is core, False or NONE none, BIND_SOCKET socket.
gen old-npb-ep-cpv8-idf0 ""
gen old-cavity3d-cpv2-idf4 ""
gen old-parpac-test ""
fails 2 'vsp-gen: old-cavity3d-place48-cpv8-idf0.xml:3: experiment "nc48-cpv8-idf0-psBAL_ONE-ppFalse": nc 48 does not fit the 12 cores of one PM (idf 0)' \
	vsp-gen -C "$conf" -X old-cavity3d-place48-cpv8-idf0.xml

# Standard input, and the same rows as the file.
run vsp-gen -C "$conf" -X - <app-infiniband.xml
printf '%s\n' "$out" >"$tmp/got"
same "$tmp/got" app-infiniband.tsv "-X - reads standard input"

# The rows place as the original did (vector V2: kvm-pbs082-01 0-3, -02 6-9;
# BAL_SET(0,12) six vcpus on 0-5, six on 6-11).
vsp-gen -C "$conf" -X two-exps.xml 2>/dev/null | vsp-place -C "$conf" |
	cols app,node,pin >"$tmp/got"
cat >"$tmp/want" <<'E'
parpac node082 0;1;2;3
parpac node082 6;7;8;9
parpac node083 0;1;2;3
parpac node083 6;7;8;9
parpac node082 0-5;0-5;0-5;0-5;0-5;0-5;6-11;6-11;6-11;6-11;6-11;6-11
E
same "$tmp/got" "$tmp/want" "two-exps.xml places as vector V2"

# firstNodeIndex moves the PMs (as exp1 of withFirstNode.xml: 3 -> node085, node086).
vsp-gen -C "$conf" -X firstnode3.xml | vsp-place -C "$conf" |
	cols first,node | sort -u >"$tmp/got"
printf '3 node085\n3 node086\n' >"$tmp/want"
same "$tmp/got" "$tmp/want" "firstNodeIndex 3 deploys on node085 and node086"

# vsp-place takes every row vsp-gen -X prints.
for f in ./*.tsv; do
	run vsp-place -C "$conf" "$f"
	is "$rc: $err" "0: " "vsp-place takes ${f#./}"
done

# Every id is unique and file-name safe.
is "$(cat ./*.tsv | cut -f1 | grep -v '^exp$' | sort | uniq -d)" "" "ids are unique"
is "$(cut -f1 ./*.tsv | grep -v '^[A-Za-z0-9._-]*$')" "" "ids are file-name safe"
done_testing
