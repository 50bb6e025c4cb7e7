#!/bin/bash
# make -k goes on past a failed experiment; a rerun does the one left.
# tier: real (whole sweeps)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -r 1"
echo "up:t-nc2-cpv2-idf0-bal-set" >"$d/failat"
sweep "$d"
is "$?" 2 "without -k make stops at the failed experiment"
is "$(grep -c 'done (1 runs' "$d/make.out")" 1 "  after the one before it"
is "$(grep 'VSP_SWEEP_HOOK failed' "$d/make.out")" \
	"vsp-sweep: [2/3] t-nc2-cpv2-idf0-bal-set: VSP_SWEEP_HOOK failed before up" "  saying which step failed"
sweep "$d" -k
is "$?" 2 "make -k: the sweep still fails"
is "$(ls -d "$d"/results/t/*/DONE | sed 's|.*/\(t-[^/]*\)/DONE|\1|' | tr '\n' ' ')" \
	"t-nc2-cpv2-idf0-bal-one t-nc2-cpv2-idf0-none " "  but the experiments after the failed one are done"
rm -f "$d/failat"
sweep "$d"
is "$?:$(tail -1 "$d/make.out")" "0:3 experiments: 3 done, 0 failed, 0 left" "a rerun does the one left"
is "$(grep -c ': starting (' "$d/make.out")" 1 "  and nothing else"
done_testing
