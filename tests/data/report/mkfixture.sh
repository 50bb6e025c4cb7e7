#!/bin/sh
# Writes a results root into $1: 8 experiments of app "ep" (nc 4 8, idf 2 4,
# BAL-ONE SPLIT, cpv 2), 5 runs each, with metrics.tsv and mon/<host>.tsv in
# every run folder, one failed run, one outlier, one unknown value and a
# series with fields CSV must quote. Prints the metrics rows of all runs.
set -eu
root=$1
mkdir -p "$root"
cd "$root"
awk -v OFS='\t' '
function row(id, nc, idf, ps, run,   dir, st, reason, ex, el, us, sy, mops, cpu) {
	dir = "results/ep/" id "/run-" sprintf("%03d", run)
	st = "ok"; reason = ""; ex = 0
	el = sprintf("%.2f", 10 + nc + idf / 2 + (ps == "SPLIT") + run / 10)
	us = sprintf("%.2f", el * 1.5); sy = sprintf("%.3f", el / 8)
	mops = sprintf("%.1f", 100 * nc / el)
	cpu = sprintf("%.2f", 90 - run)
	if (id == "ep-nc8-cpv2-idf4-split" && run == 5) {	# the outlier
		el = "95.5"; us = "140.25"; mops = "8.4"
	}
	if (id == "ep-nc4-cpv2-idf2-split" && run == 3) {	# the failed run
		st = "failed"; reason = "exit status 1"; ex = 1; el = "3.5"
		us = ""; sy = ""; mops = ""; cpu = ""
	}
	if (id == "ep-nc4-cpv2-idf4-bal-one" && run == 2)	# no app metric
		mops = ""
	hdr = "exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\trun\tjob\toutdir\tstate\texit\tuser_s\tsys_s\telapsed_s\tmops\tcpu_vm_mean\tstatus\treason"
	line = id OFS "ep" OFS nc OFS 2 OFS idf OFS ps OFS 5 OFS 0 OFS run OFS \
	    (1000 + n++) ".head" OFS dir OFS (st == "ok" ? "done" : "failed") \
	    OFS ex OFS us OFS sy OFS el OFS mops OFS cpu OFS st OFS reason
	print line
	system("mkdir -p " dir "/mon")
	f = dir "/metrics.tsv"
	print hdr > f; print line > f; close(f)
	series(dir, run, id)
}
function series(dir, run, id,   t, f, c, h) {
	f = dir "/mon/node1.tsv"
	print "time\thost\tkind\tmetric\tdevice\tvalue" > f
	for (t = 0; t < 3; t++) {
		print 1700000000 + t, "node1", "pm", "cpu_idle", "all", 50 - t - run > f
		for (c = 0; c < 2; c++)
			print 1700000000 + t, "node1", "pm", "cpu_idle", c, 40 + c * 20 - t > f
		print 1700000000 + t, "node1", "pm", "mem_used_kb", "", 1000000 + t > f
	}
	close(f)
	f = dir "/mon/vsp-node1-01.tsv"
	print "time\thost\tkind\tmetric\tdevice\tvalue" > f
	for (t = 0; t < 3; t++) {
		for (c = 0; c < 2; c++) {
			print 1700000000 + t, "vsp-node1-01", "vm", "cpu_user", c, 80.5 + c > f
			print 1700000000 + t, "vsp-node1-01", "vm", "cpu_idle", c, 10 + c + t > f
		}
		print 1700000000 + t, "vsp-node1-01", "vm", "net_rx_kbs", \
		    (id == "ep-nc4-cpv2-idf2-bal-one" && run == 1 ? "eth,0 \\\\x" : "eth0"), \
		    (t == 1 ? "" : 12.25 * t) > f
	}
	close(f)
}
BEGIN {
	print "exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\trun\tjob\toutdir\tstate\texit\tuser_s\tsys_s\telapsed_s\tmops\tcpu_vm_mean\tstatus\treason"
	split("4 8", ncs, " "); split("2 4", idfs, " ")
	split("BAL-ONE SPLIT", pss, " "); split("bal-one split", pid, " ")
	for (a = 1; a <= 2; a++) for (b = 1; b <= 2; b++) for (c = 1; c <= 2; c++)
		for (r = 1; r <= 5; r++)
			row("ep-nc" ncs[a] "-cpv2-idf" idfs[b] "-" pid[c], ncs[a],
			    idfs[b], pss[c], r)
}'
