#!/bin/bash
# comparisons.csv, answers.txt and runs.tsv against truths known beforehand:
# simulated runs with and without a real difference, values computed
# independently, and the original's own test data.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
H='exp	app	nc	cpv	idf	pstrat	runs	run	exit	elapsed_s	status'

# sim SEED SHAPES PLACEMENTS RUNS SD EFFECT: normal runs, mean 100, and
# 100 * (1 + EFFECT) for every placement but idf 0. A Lehmer generator of
# our own and Box-Muller: the same numbers with any awk.
sim() {
	awk -v seed="$1" -v shapes="$2" -v pl="$3" -v runs="$4" -v sd="$5" -v eff="$6" '
	function u() { s = (s * 48271) % 2147483647; return s / 2147483647 }
	function norm() { return sqrt(-2 * log(u())) * cos(6.283185307179586 * u()) }
	BEGIN {
		s = seed; OFS = "\t"
		print "exp", "app", "nc", "cpv", "idf", "pstrat", "runs", "run", "exit", "elapsed_s", "status"
		for (k = 1; k <= shapes; k++)
			for (p = 0; p < pl; p++)
				for (r = 1; r <= runs; r++)
					print "sim-nc" k "-idf" p, "sim", k, 1, p, "NONE", runs, r, 0,
					    sprintf("%.4f", 100 * (p ? 1 + eff : 1) + sd * norm()), "ok"
	}'
}

# No real difference: 1000 shapes of 3 placements, 5 runs each. Holm's
# correction over the 3 pairs of a shape keeps the shapes where some
# placement is significantly worse than the best at 5% at most. SciPy
# 1.10.1's Welch tests of the same data with Holm's adjustment find 25
# such shapes; uncorrected, 88 shapes have a pair with p < 0.05.
sim 7 1000 3 5 5 0 >null.tsv
run vsp-report -o null -P -S null.tsv
is "$rc:$err" "0:" "1000 simulated shapes are compared"
wins=$(grep -c ' wins by ' null/answers.txt)
ties=$(grep -c ' tie with ' null/answers.txt)
is "$((wins + ties))" 1000 "every shape has an answer"
sig=$(awk -F, '$(NF - 1) == "worse" { print $1 }' null/comparisons.csv | sort -u | wc -l)
is "$sig" 25 "no real difference: a significant difference in 25 of 1000 shapes (<= 5%)"
raw=$(awk -F, 'NR > 1 && $(NF - 3) != "" && $(NF - 3) < 0.05 { print $1 }' null/comparisons.csv |
    sort -u | wc -l)
is "$([ "$raw" -gt 50 ] && echo more)" more \
    "without the correction $raw of 1000 shapes would have one"

# A real 10% difference, sd 5%, 10 runs: found in (nearly) every shape.
sim 11 200 2 10 5 0.1 >real.tsv
vsp-report -o real -P -S real.tsv
wins=$(grep -c '  idf 0 NONE  wins by ' real/answers.txt)
is "$([ "$wins" -ge 190 ] && echo "at least 190")" "at least 190" \
    "a 10% difference found in $wins of 200 shapes (power about 0.99)"
is "$(grep -c 'idf 1 NONE  wins' real/answers.txt)" 0 "never the wrong winner"

# Values computed independently with SciPy 1.10.1:
# scipy.stats.ttest_ind(b, a, equal_var=False) for t and p, and Fieller's
# bounds as numpy.roots of (ma - r mb)^2 - q^2 (va + r^2 vb), q =
# scipy.stats.t.ppf(0.975, df), df Welch-Satterthwaite's at r = ma / mb.
# Data: the two samples of Wikipedia's "Welch's t-test", example 1.
a='27.5 21.0 19.0 23.6 17.0 17.9 16.9 20.1 21.9 22.6 23.1 19.6 19.0 21.7 21.4'
b='27.1 22.0 20.8 23.4 23.4 23.5 25.8 22.0 24.8 20.2 21.9 22.1 22.9 20.5 24.4'
{
	echo "$H"
	i=0; for v in $a; do i=$((i + 1)); printf 'w-a\tw\t4\t1\t1\tNONE\t15\t%s\t0\t%s\tok\n' $i "$v"; done
	i=0; for v in $b; do i=$((i + 1)); printf 'w-b\tw\t4\t1\t2\tNONE\t15\t%s\t0\t%s\tok\n' $i "$v"; done
} >welch.tsv
vsp-report -o welch -P -S welch.tsv
# near GOT WANT: equal within 1e-9, relative.
near() { awk -v g="$1" -v w="$2" 'BEGIN { d = g - w; if (d < 0) d = -d; m = w < 0 ? -w : w
	print (d <= 1e-9 * m) ? "near" : g " is not " w }'; }
row=$(grep '^w nc 4 cpv 1,elapsed_s,lower,w-b,' welch/comparisons.csv)
col() { echo "$row" | cut -d, -f"$1"; }
is "$(col 13)" "w-a" "the lower mean is the best"
is "$(near "$(col 14)" 1.1040666026256805)" near "ratio of means (22.2867 / 20.82)"
is "$(near "$(col 15)" 1.0155934160550457)" near "Fieller's lower bound"
is "$(near "$(col 16)" 1.2039997967042204)" near "Fieller's upper bound"
is "$(near "$(col 17)" 0.021378001462866985)" near "Welch's p (t = 2.4554, df = 27.1)"
is "$(col 19):$(col 18)" "worse:$(col 17)" "one pair: Holm's p is the p; significant"

# The runs a tie needs: samples {m - 1, m, m + 1} (sd 1) whose means differ
# by d. Two-sided test at 5%, power 0.8; R's pwr.t.test(d, power = 0.8)
# (Cohen 1988, table 2.4.1) gives n = 63.77, 25.52, 16.71 per group.
{
	echo "$H"
	for d in 0.5 0.8 1.0; do
		for v in 99 100 101; do printf 'p%s-a\tp\t%s\t1\t1\tNONE\t3\t%s\t0\t%s\tok\n' $d $d $((v - 98)) $v; done
		for v in 99 100 101; do
			printf 'p%s-b\tp\t%s\t1\t2\tNONE\t3\t%s\t0\t%s\tok\n' $d $d $((v - 98)) \
			    "$(awk -v v=$v -v d=$d 'BEGIN { print v + d }')"
		done
	done
} >power.tsv
vsp-report -o power -P -S power.tsv
is "$(awk -F, '$4 ~ /-b$/ { print $6 "/" $(NF - 1) "/" $NF }' power/comparisons.csv | sort | tr '\n' ' ')" \
    "0.5/tie/64 0.8/tie/26 1.0/tie/17 " "runs needed for d = 0.5, 0.8 and 1 (power 0.8)"
is "$(grep -c 'runs each would tell them apart' power/answers.txt)" 3 "answers.txt names them"
is "$(cat power/runs.tsv)" "exp	app	runs
p0.5-a	p	64
p0.5-b	p	64
p0.8-a	p	26
p0.8-b	p	26
p1.0-a	p	17
p1.0-b	p	17" "runs.tsv: both sides of each tie, for vsp-gen -R"

# The original's test data: BAL-ONE on one PM beats NONE on two.
cp -r "$data/report/vespa/parpac" .
vsp-report -o vespa -P -S -i parpac
is "$(awk -F, '$2 == "elapsed_s" && $(NF - 1) == "best" { print $4 }' vespa/comparisons.csv)" \
    "parpac-nc4-cpv2-idf0-bal-one-procpinBIND_CORE
parpac-nc4-cpv2-idf0-bal-one-procpinNONE" "the original's data: idf 0 BAL-ONE is the best of both shapes"
is "$(tail -n +4 vespa/answers.txt | cut -c1-93)" \
"parpac nc 4 cpv 2 procpin BIND_CORE  idf 0 BAL-ONE  tie with idf 2 NONE: ahead by 32% (95% CI
parpac nc 4 cpv 2 procpin NONE       idf 0 BAL-ONE  wins by 33.4% (95% CI 27.0% to 39.9%) ove" \
    "with 2 runs each one shape is a tie, one a win"

# Means in index.html are rounded to two digits of their interval, without
# exponents: 849.63 with a half-width of 290 reads "850 ± 290".
{
	echo "$H"
	printf 'r-a\tr\t1\t1\t1\tNONE\t3\t%s\t0\t%s\tok\n' 1 766.23 2 849.63 3 933.03
} >round.tsv
vsp-report -o round -P -S round.tsv
is "$(grep -o '<td>850<br><small>&plusmn;&nbsp;210</small></td>' round/index.html)" \
    "<td>850<br><small>&plusmn;&nbsp;210</small></td>" "849.63 +- 207.2 reads 850 +- 210"

# A best mean of 0 leaves no ratio: the test still decides.
{
	echo "$H"
	printf 'z-a\tz\t1\t1\t1\tNONE\t2\t%s\t0\t0\tok\n' 1 2
	printf 'z-b\tz\t1\t1\t2\tNONE\t2\t%s\t0\t%s\tok\n' 1 1.0 2 1.1
} >zero.tsv
run vsp-report -o zero -S zero.tsv
is "$rc:$err" "0:" "a best mean of 0: no plot point, no error"
is "$(tail -1 zero/answers.txt)" \
    "z nc 1 cpv 1  idf 1 NONE  wins by an unknown margin (the best's mean is 0) over idf 2 NONE" \
    "a win with an unknown margin"
is "$(grep '^z nc 1 cpv 1,elapsed_s,lower,z-b,' zero/comparisons.csv | cut -d, -f14-19)" \
    ",,,0.0302923443767363,0.0302923443767363,worse" \
    "no ratio, no interval; Welch's p (SciPy: 0.030292344376736304)"

# Direction: [Metrics] better.<metric> of the configuration (-C).
mkdir -p conf/apps/ep
sh "$data/report/mkfixture.sh" fx >fx.tsv
printf '[Metrics]\nbetter.mops = higher\n' >conf/apps/ep/application.config
vsp-report -o dir -P -S -C conf -m mops fx.tsv
is "$(awk -F, 'NR > 1 && $2 == "mops" { print $3 }' dir/comparisons.csv | sort -u)" higher \
    "better.mops = higher"
is "$(awk -F, '$2 == "mops" && $(NF - 1) == "best" { print $4 "," $13 }' dir/comparisons.csv)" \
    "ep-nc4-cpv2-idf2-bal-one,26.14
ep-nc8-cpv2-idf2-bal-one,41.46" "the best has the highest mops"
is "$(sed -n 1p dir/answers.txt | cut -c1-35)" "Answers for mops (higher is better)" "-m: the answers' metric"
VSP_CONF=conf vsp-report -o dir -P -S -m mops fx.tsv
is "$(awk -F, 'NR > 1 && $2 == "mops" { print $3 }' dir/comparisons.csv | sort -u)" higher \
    "the configuration from VSP_CONF"
printf '[Metrics]\nbetter.mops = up\n' >conf/apps/ep/application.config
fails 2 "vsp-report: conf/apps/ep/application.config:2: better.mops \"up\" is not lower or higher" \
    vsp-report -o dir -C conf fx.tsv
# Read by lib/appconf, as vsp-gen and vsp-pbs read it: the same checks.
printf '[Metrics]\nbetter.mops = higher\n[Plots]\nstyle = x\n' >conf/apps/ep/application.config
fails 2 'vsp-report: conf/apps/ep/application.config:4: "style" is in an unknown section (sections: Application, Execution, Metrics)' \
    vsp-report -o dir -C conf fx.tsv
fails 2 'vsp-report: -m: no metric "nosuch" in the input' vsp-report -o dir -P -m nosuch fx.tsv
done_testing
