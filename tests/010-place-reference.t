#!/bin/bash
# vsp-gen | vsp-place on 12 cores, 2 sockets, 4 PMs equals the original's set.
. "$(dirname "$0")/lib.sh"
conf=$data/conf-12c2s4n

# Reference pins to vsp's form: cores "0,1,2" -> "0-2", "-" -> "".
awk -F'\t' -v OFS='\t' '
function canon(set,   n, a, i, j, s) {
	n = split(set, a, ",")
	s = ""
	for (i = 1; i <= n; i = j + 1) {
		for (j = i; j < n && a[j + 1] == a[j] + 1; j++) ;
		s = s (s == "" ? "" : ",") a[i] (j > i ? "-" a[j] : "")
	}
	return s
}
NR > 1 {
	if ($6 == "-") pin = ""
	else {
		n = split($6, v, ";"); pin = ""
		for (i = 1; i <= n; i++) pin = pin (i > 1 ? ";" : "") canon(v[i])
	}
	print $1, $2, $3, $4, $5, pin
}' "$data/placement-12c-2s-4n.tsv" | sort >"$tmp/want"

vsp-gen -C "$conf" -a ep >"$tmp/exps"
is "$?" 0 "vsp-gen runs"
vsp-place -C "$conf" <"$tmp/exps" >"$tmp/vms"
is "$?" 0 "vsp-place runs"
# The reference pins one PM: keep the first PM's slots.
awk -F'\t' -v OFS='\t' 'NR > 1 && $10 == "node082" {
	print $3, $4, $5, $6, $11, $13 }' "$tmp/vms" | sort >"$tmp/got"
same "$tmp/got" "$tmp/want" "placements and pinnings equal the original's"
is "$(awk 'END { print NR - 1 }' "$tmp/exps")" \
   "$(awk -F'\t' 'NR > 1 { print $1, $2, $3, $4 }' "$data/placement-12c-2s-4n.tsv" | sort -u | wc -l)" \
   "as many experiments as the reference"
is "$(cut -f1 "$tmp/exps" | sort | uniq -d)" "" "experiment ids are unique"
done_testing
