#!/bin/bash
# Run order: sorted, a seeded random shuffle (the same on every machine) or
# interleaved, recorded in .sweep/order.tsv; a bad ORDER or SEED is refused.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2,4 -c 2 -r 1"
plan() {	# plan ORDER SEED: the experiments in planned order
	(cd "$d" && VSP_CONF=conf SWEEP="-a t -n 2,4 -c 2 -r 1" ORDER=$1 SEED=$2 \
		"$top/share/vsp/vsp-sweep" plan) || return
	cut -f2 "$d/results/.sweep/order.tsv" | tail -n +2 | sed 's/^t-//' | tr '\n' ' '
}
is "$(plan sorted 1)" "nc2-cpv2-idf0-none nc2-cpv2-idf0-bal-set nc2-cpv2-idf0-bal-one nc4-cpv2-idf2-none nc4-cpv2-idf2-bal-set nc4-cpv2-idf2-bal-one " "sorted: vsp-gen's order"
is "$(plan interleaved 1)" "nc2-cpv2-idf0-none nc4-cpv2-idf2-none nc2-cpv2-idf0-bal-set nc4-cpv2-idf2-bal-set nc2-cpv2-idf0-bal-one nc4-cpv2-idf2-bal-one " "interleaved: one of each nc in turn"
# The shuffle is Fisher-Yates driven by the LCG s = s * 48271 mod (2^31 - 1).
is "$(plan random 1)" "$(awk 'BEGIN { n = split("nc2-cpv2-idf0-none nc2-cpv2-idf0-bal-set nc2-cpv2-idf0-bal-one nc4-cpv2-idf2-none nc4-cpv2-idf2-bal-set nc4-cpv2-idf2-bal-one", id, " ")
	s = 1; for (i = n; i > 1; i--) { s = (s * 48271) % 2147483647; j = 1 + s % i; t = id[i]; id[i] = id[j]; id[j] = t }
	for (i = 1; i <= n; i++) printf "%s ", id[i] }')" "random, seed 1: the documented shuffle"
is "$(plan random 1)" "$(plan random 1)" "random: the same seed, the same order"
[ "$(plan random 1)" != "$(plan random 2)" ]
is "$?" 0 "random: another seed, another order"
is "$(head -2 "$d/results/.sweep/order.tsv" | tr '\t\n' ' |')" "pos exp order seed|1 $(plan random 2 | cut -d' ' -f1 | sed 's/^/t-/') random 2|" "the order is recorded with its seed"
is "$(grep -c 'run t-' "$d/results/.sweep/targets.mk")" 6 "one target per experiment"
run plan shuffled 1
is "$err" "vsp-sweep: ORDER \"shuffled\" is not sorted, random or interleaved" "a bad ORDER"
run plan random x
is "$err" "vsp-sweep: SEED \"x\" is not a number" "a bad SEED"
done_testing
