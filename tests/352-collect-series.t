#!/bin/bash
# vsp-collect: summaries of the monitored series, and broken series.
. "$(dirname "$0")/lib.sh"
. "$data/collect/lib.sh"
mkconf "$tmp/conf"
cd "$tmp" || exit 1

# series HOST KIND T0 T1 IDLE MEM RX TX [RX2]: one sample a second, device
# all at IDLE% idle, CPU 0 always busy (ignored), eth0 RX/TX, lo noise,
# eth1 RX2 when given.
series() {
	awk -v h="$1" -v k="$2" -v t0="$3" -v t1="$4" -v idle="$5" -v mem="$6" \
	    -v rx="$7" -v tx="$8" -v rx2="$9" 'BEGIN {
		OFS = "\t"
		print "time", "host", "kind", "metric", "device", "value"
		for (t = t0; t <= t1; t++) {
			print t, h, k, "cpu_user", "all", 100 - idle
			print t, h, k, "cpu_idle", "all", idle
			print t, h, k, "cpu_idle", "0", 0
			print t, h, k, "mem_used_kb", "", mem
			print t, h, k, "mem_free_kb", "", 7
			print t, h, k, "net_rx_kbs", "lo", 999
			print t, h, k, "net_tx_kbs", "lo", 999
			print t, h, k, "net_rx_kbs", "eth0", rx
			print t, h, k, "net_tx_kbs", "eth0", tx
			if (rx2 != "") print t, h, k, "net_rx_kbs", "eth1", rx2
		}
	}'
}

# A run folder: start 1000, end 1010; VMs vm1 vm2, PM pm1.
mkmon() {
	local d=$1
	mkrun "$d" '1 1 1\n'
	mkdir -p "$d/mon"
	echo 1000 >"$d/start"
	echo 1010 >"$d/end"
	printf 'host\taddr\tkind\tstate\tpid\tdir\treason\n' >"$d/mon/state"
	printf 'vm1\t10.0.0.1\tvm\tdone\t1\t/tmp/vsp-mon.a\t\n' >>"$d/mon/state"
	printf 'vm2\t10.0.0.2\tvm\tdone\t1\t/tmp/vsp-mon.b\t\n' >>"$d/mon/state"
	printf 'pm1\tpm1\tpm\tdone\t1\t/tmp/vsp-mon.c\t\n' >>"$d/mon/state"
	# Inside the window: vm1 50% busy, vm2 idle but 100% busy at 1005.
	{ series vm1 vm 1001 1010 50 1000 10 1 5
	  series vm1 vm 1000 1000 0 1e9 1e9 1e9 | sed 1d
	  series vm1 vm 1011 1011 0 1e9 1e9 1e9 | sed 1d
	} >"$d/mon/vm1.tsv"
	{ series vm2 vm 1001 1004 100 3000 1 3
	  series vm2 vm 1005 1005 0 3000 1 3 | sed 1d
	  series vm2 vm 1006 1010 100 3000 1 3 | sed 1d
	} >"$d/mon/vm2.tsv"
	series pm1 pm 1001 1010 75 500 2.5 0.5 >"$d/mon/pm1.tsv"
}

for i in 1 2 3 4 5 6 7 9 10 11 12 13; do mkmon r$i; done
rm r2/start r2/end
printf 'vm3\tvm3\tvm\tfailed\t\t\tnot stopped: cannot connect\n' >>r3/mon/state
sed -i '4s/\t0$/\tabc/' r4/mon/vm1.tsv
sed -i '2s/\tvm1\t/\tvm9\t/' r5/mon/vm1.tsv
sed -i '3s/\tvm\t/\txx\t/' r6/mon/vm2.tsv
sed -i '1s/device/dev/' r7/mon/pm1.tsv
mkrun r8 '1 1 1\n'
echo abc >r9/start
sed -i '3s/\t75$/\t150/' r10/mon/pm1.tsv
for h in vm1 vm2 pm1; do head -1 r11/mon/$h.tsv >r11/mon/x && mv r11/mon/x r11/mon/$h.tsv; done
sed -i '3s/\t[^\t]*$//' r12/mon/vm2.tsv
echo 1005 >r13/end
{
	exec_header
	for i in $(seq 1 13); do exec_row $i r$i done 0; done
} >in.tsv
run vsp-collect -C conf in.tsv
is "$rc" 0 "collect runs"
printf '%s\n' "$out" | cut -f9,17- >got
cat >want <<'W'
run	cpu_vm_mean	cpu_vm_max	cpu_pm_mean	cpu_pm_max	mem_vm_used_kb	mem_pm_used_kb	net_vm_rx_kbs	net_vm_tx_kbs	net_pm_rx_kbs	net_pm_tx_kbs	status	reason
1	30	100	25	25	2000	500	8	2	2.5	0.5	ok	
2	36.363636	100	25	25	90910909.090909	500	90909098.181818	90909092.727273	2.5	0.5	ok	
3											failed	mon: no series of vm3 (not stopped: cannot connect)
4											failed	mon/vm1.tsv:4: value "abc" is not a number
5											failed	mon/vm1.tsv:2: host "vm9" is not the host of this file
6											failed	mon/vm2.tsv:3: kind "xx" differs from the kind on line 2
7											failed	mon/pm1.tsv:1: missing column "device"
8											failed	mon: not monitored (no mon/state)
9											failed	start: "abc" is not a number
10											failed	mon/pm1.tsv:3: value "150" is not a percentage
11											ok	
12											failed	mon/vm2.tsv:3: expected 6 fields, got 5
13	35	100	25	25	2000	500	8	2	2.5	0.5	ok	
W
same got want "summaries by host kind in the run's window; any broken series empties them"
# Check of the window arithmetic of run 2 (all samples) with awk.
is "$(awk -F'\t' 'FNR > 1 && $4 == "cpu_idle" && $5 == "all" && $3 == "vm" {
	s += 100 - $6; n++ } END { printf "%.6f", s / n }' r2/mon/vm1.tsv r2/mon/vm2.tsv)" \
	"36.363636" "awk agrees on the mean over every sample"

# A run shorter than one sampling interval (between the samples at 1003 and
# 1004) gets the sample that covers it, 1004's; the one at 1003 ends before.
mkmon r14
echo 1003.2 >r14/start
echo 1003.7 >r14/end
run vsp-collect -C conf <(exec_header; exec_row 14 r14 done 0)
is "$(printf '%s\n' "$out" | cut -f9,17- | tail -1)" "14	25	50	25	25	2000	500	8	2	2.5	0.5	ok	" \
	"a run shorter than one interval: the sample that covers it"
echo 1004 >r14/end
run vsp-collect -C conf <(exec_header; exec_row 14 r14 done 0)
is "$(printf '%s\n' "$out" | cut -f9,17- | tail -1)" "14	25	50	25	25	2000	500	8	2	2.5	0.5	ok	" \
	"... ending on a sample: that sample, not the next"

printf 'host\tkind\n' >r1/mon/state
run vsp-collect -C conf <(exec_header; exec_row 1 r1 done 0)
is "$(printf '%s\n' "$out" | cut -f27- | tail -1)" \
	"failed	mon/state:1: missing column host, state or reason" "a broken mon/state"
printf 'host\taddr\tkind\tstate\tpid\tdir\treason\n../x\ta\tvm\tdone\t\t\t\n' >r1/mon/state
run vsp-collect -C conf <(exec_header; exec_row 1 r1 done 0)
is "$(printf '%s\n' "$out" | cut -f27- | tail -1)" \
	'failed	mon/state:2: "../x" is not a host name' "a host name that leaves mon/"
mkconf "$tmp/conf-nomon" "mon = no"
run vsp-collect -C conf-nomon <(exec_header; exec_row 8 r8 done 0)
is "$(printf '%s\n' "$out" | cut -f27- | tail -1)" "ok	" "mon=no: no series, no failure"
done_testing
