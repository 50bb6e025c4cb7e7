#!/bin/bash
# summary.csv against statistics awk computes from metrics.tsv on its own.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" . >metrics.tsv
vsp-report -o report -S -P metrics.tsv
is "$?" 0 "vsp-report runs"

# Student t 0.975 quantiles (tables) for the sample sizes of the fixture.
awk -F'\t' -v OFS=, '
function q(p,   h, i) {	# R type 7 on the sorted v[1..n]
	h = (n - 1) * p + 1; i = int(h)
	return i >= n ? v[n] : v[i] + (h - i) * (v[i + 1] - v[i])
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	if (!($1 in seen)) { seen[$1] = 1; exps[++ne] = $1 }
	for (m = 1; m <= 5; m++) {
		name = substr("user_s     sys_s      elapsed_s  mops       cpu_vm_mean", (m - 1) * 11 + 1, 11)
		gsub(/ /, "", name); mname[m] = name
		k = $1 SUBSEP m
		if ($col["status"] != "ok") { failed[k]++; continue }
		if ($col[name] == "") { unknown[k]++; continue }
		vals[k, ++cnt[k]] = $col[name] + 0
		runs[k, cnt[k]] = $col["run"]
	}
}
END {
	t[3] = 3.18244630528371; t[4] = 2.77644510519779
	for (e = 1; e <= ne; e++) for (m = 1; m <= 5; m++) {
		k = exps[e] SUBSEP m; n = cnt[k]
		for (i = 1; i <= n; i++) v[i] = vals[k, i]
		for (i = 2; i <= n; i++)	# insertion sort
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) { x = v[j]; v[j] = v[j - 1]; v[j - 1] = x }
		s = 0; for (i = 1; i <= n; i++) s += v[i]; mean = s / n
		ss = 0; for (i = 1; i <= n; i++) ss += (v[i] - mean) ^ 2
		sd = sqrt(ss / (n - 1)); h = t[n - 1] * sd / sqrt(n)
		q1 = q(0.25); q3 = q(0.75); lo = q1 - 1.5 * (q3 - q1); hi = q3 + 1.5 * (q3 - q1)
		out = ""
		for (i = 1; i <= n; i++) {
			x = vals[k, i]
			if (x < lo || x > hi) out = out (out == "" ? "" : " ") runs[k, i]
		}
		printf "%s,%s,%d,%d,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s\n",
		    exps[e], mname[m], n, unknown[k], failed[k], mean, sd, mean - h,
		    mean + h, v[1], q(0.5), v[n], out
	}
}' metrics.tsv >want

# Equal within 1e-12 relative: summary.csv prints 15 significant digits.
# The parameter columns (2-8) aside.
tail -n +2 report/summary.csv | cut -d, -f1,9- | awk -F, -v OFS=, '
NR == FNR { w[NR] = $0; next }
{
	split(w[FNR], a, ",")
	for (i = 1; i <= 13; i++) {
		if (i >= 6 && i <= 12) {
			d = $i - a[i]; if (d < 0) d = -d
			m = a[i] < 0 ? -a[i] : a[i]
			if (d > 1e-12 * (m > 1 ? m : 1)) { print FNR ": field " i ": " $i " != " a[i]; bad++ }
		} else if ($i != a[i]) { print FNR ": field " i ": " $i " != " a[i]; bad++ }
	}
}
END { print (bad ? bad : 0) " differences"; if (FNR != 40) print FNR " rows" }' want - >diffs
is "$(cat diffs)" "0 differences" "every statistic agrees with awk's"
is "$(grep -c ',5$' report/summary.csv)" 3 \
    "run 5 of the outlier experiment is flagged for user_s, elapsed_s, mops"
done_testing
