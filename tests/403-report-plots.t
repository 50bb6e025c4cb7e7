#!/bin/bash
# Plots are valid PNG and SVG; index.html links every file it names, and
# only those; a report without gnuplot fails and keeps the last one.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" . >metrics.tsv
vsp-report -o report metrics.tsv
is "$?" 0 "vsp-report runs"

pngs=$(ls report/plots/*.png | wc -l)
svgs=$(ls report/plots/*.svg | wc -l)
is "$pngs:$svgs" "21:21" "5 metrics x (2 against nc + 2 against idf) + 1 CPU plot, PNG and SVG"
bad=
for f in report/plots/*.png; do
	file -b "$f" | grep -q '^PNG image data, 900 x 560,' || bad="$bad $f"
	[ "$(stat -c %s "$f")" -gt 5000 ] || bad="$bad $f(size)"
done
is "$bad" "" "every PNG is a 900 x 560 PNG image of more than 5 kB"
bad=
for f in report/plots/*.svg; do
	file -b "$f" | grep -q '^SVG Scalable Vector Graphics image' || bad="$bad $f"
	grep -q '</svg>' "$f" || bad="$bad $f(end)"
	[ "$(stat -c %s "$f")" -gt 5000 ] || bad="$bad $f(size)"
done
is "$bad" "" "every SVG is a whole SVG image of more than 5 kB"

# The plot of elapsed_s against nc: two lines (pstrat), the outlier's ratio
# to the best of its shape with its confidence interval (comparisons.csv).
gp=report/plots/plots.gp
is "$(grep -c "^set output 'plots/elapsed_s-vs-nc-ep-cpv2-idf4\.\(png\|svg\)'" "$gp")" 2 \
    "the script writes both formats of a plot"
is "$(awk '/^\$p[0-9]+l1 << EOD/ { n++ } END { print n }' "$gp")" 20 \
    "every plot against nc or idf has a second line (one per pstrat)"
is "$(grep -c '^8 1.87046632124352 -0.265694161465799 4.00701388691475$' "$gp")" 1 \
    "the point of the outlier experiment: its ratio to the best and the CI"
is "$(grep -c '^ep nc 8 cpv 2,elapsed_s,lower,ep-nc8-cpv2-idf4-split,.*,1.87046632124352,-0.265694161465799,4.00701388691475,' report/comparisons.csv)" 1 \
    "the same numbers as comparisons.csv"

# index.html: every href and src names a file of the report; every table,
# plot and series file is linked.
grep -o '\(href\|src\)="[^"]*"' report/index.html | sed 's/^[a-z]*="//; s/"$//' |
    sort -u >linked
missing=$(while read -r f; do [ -f "report/$f" ] || echo "$f"; done <linked)
is "$missing" "" "index.html links only files that exist"
(cd report && find . -type f ! -name .vsp-report ! -name index.html | sed 's|^\./||' | sort) >all
same linked all "index.html links every file of the report"
is "$(grep -o '<tr><td>ep-nc4-cpv2-idf2-split</td><td>4</td><td>[^/]*/small></td><td>[^/]*/small></td><td>' report/index.html)" \
    "<tr><td>ep-nc4-cpv2-idf2-split</td><td>4</td><td>24.45<br><small>&plusmn;&nbsp;0.44</small></td><td>2.037<br><small>&plusmn;&nbsp;0.036</small></td><td>" \
    "index.html shows the means rounded to their confidence intervals"
is "$(grep -o '<td>36<br><small>&plusmn;&nbsp;41</small></td>' report/index.html)" \
    "<td>36<br><small>&plusmn;&nbsp;41</small></td>" \
    "a wide interval rounds the mean to whole units, not 36.1 or 3.6e+01"

# The CPU plot: the chosen execution, PM and VM lines, busy = 100 - idle.
vsp-report -o report -e ep-nc8-cpv2-idf4-split:5 metrics.tsv
is "$(ls report/plots | grep '^cpu-')" "cpu-ep-nc8-cpv2-idf4-split-run-005.png
cpu-ep-nc8-cpv2-idf4-split-run-005.svg" "-e chooses the execution of the CPU plot"
is "$(awk '/^\$p21h0 << EOD/,/^EOD/' report/plots/plots.gp | tr '\n' ' ')" \
    '$p21h0 << EOD 0 55 1 56 2 57 EOD ' "the PM line: 100 - cpu_idle of device all"
is "$(awk '/^\$p21h1 << EOD/,/^EOD/' report/plots/plots.gp | tr '\n' ' ')" \
    '$p21h1 << EOD 0 89.5 1 88.5 2 87.5 EOD ' "the VM line: 100 - the mean idle of its CPUs"

# Text from the input reaches gnuplot only inside quoted strings.
{ head -1 metrics.tsv; tail -n +2 metrics.tsv | sed "s/BAL-ONE/it's\\\\n\`id\`/"; } >odd.tsv
run vsp-report -o odd -S odd.tsv
is "$rc:$err" "0:" "gnuplot takes pstrat values with quotes, newlines, backquotes"
is "$(grep -c "title 'it''s \`id\`'" odd/plots/plots.gp)" 20 "they are quoted as gnuplot strings"

# A flat line (sd 0) or a single sample give gnuplot nothing to complain of.
printf 'exp\tnc\tpstrat\trun\toutdir\texit\tconst\tstatus\n' >flat.tsv
for nc in 2 4; do for r in 1 2; do
	printf 'e%s\t%s\tNONE\t%s\t%s\t0\t5\tok\n' $nc $nc $r "$([ $nc = 2 ] && echo f2)" >>flat.tsv
done; done
mkdir -p f2/mon && printf 'time\thost\tkind\tmetric\tdevice\tvalue\n1\th\tpm\tcpu_idle\tall\t5\n' >f2/mon/h.tsv
run vsp-report -o flat flat.tsv
is "$rc:$err:$(ls flat/plots | tr '\n' ' ')" "0::const-vs-nc.png const-vs-nc.svg cpu-e2-run-001.png cpu-e2-run-001.svg plots.gp " \
    "no gnuplot warnings for a flat line or a single sample"

# -P: no plots; no gnuplot: the report fails and the last one stays.
vsp-report -o report -P metrics.tsv
is "$(ls report | tr '\n' ' ')" "answers.txt comparisons.csv executions.csv experiments.csv index.html runs.tsv series summary.csv " \
    "-P: no plots folder"
vsp-report -o report metrics.tsv
mkdir bin && ln -s "$(command -v vsp-report)" bin/
fails 1 "vsp-report: cannot run gnuplot: No such file or directory (--no-plots skips the plots)" \
    env PATH="$tmp/bin" vsp-report -o report metrics.tsv
is "$(ls report/plots | wc -l)" 43 "the last report is untouched"
printf '#!/bin/sh\necho "line 3: boom" >&2\nexit 1\n' >bin/gnuplot
chmod +x bin/gnuplot
fails 1 "vsp-report: gnuplot: line 3: boom
vsp-report: gnuplot failed with status 1" env PATH="$tmp/bin" vsp-report -o report metrics.tsv
is "$(ls report/plots | wc -l)" 43 "a failing gnuplot leaves the last report too"
is "$(ls -A | grep -c tmp-)" 0 "and the unfinished one is gone"
done_testing
