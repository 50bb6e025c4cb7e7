#!/bin/bash
# vsp-mon on localhost with the real sadc: start, stop, fetch, series.
# tier: real (sadc collectors)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
trap 'kill_collectors; rm_tmp' EXIT
mkconf "$tmp/conf"
cd "$tmp" || exit 1
mkdir run1
printf 'localhost\nlocalhost\n\n' >run1/nodefile

run vsp-mon start -C conf -d run1 -n run1/nodefile
is "$rc: $err" "0: " "start on localhost"
is "$(cut -f1-4 run1/mon/state)" "host	addr	kind	state
localhost	localhost	vm	started" "state: one host (deduplicated), started"
pid=$(awk -F'\t' 'NR == 2 { print $5 }' run1/mon/state)
dir=$(awk -F'\t' 'NR == 2 { print $6 }' run1/mon/state)
is "$(tr '\0' ' ' </proc/$pid/cmdline)" "/usr/lib/sysstat/sadc -S XALL 1 $dir/sa " \
	"the recorded PID is our sadc"
fails 1 "vsp-mon: run1/mon/state exists: collectors were started in this run folder already (stop them first)" \
	vsp-mon start -C conf -d run1 -n run1/nodefile
sleep 3
run vsp-mon stop -C conf -d run1
is "$rc: $err" "0: " "stop"
is "$(cut -f1-4,7 run1/mon/state)" "host	addr	kind	state	reason
localhost	localhost	vm	done	" "state: done"
is "$(ls run1/mon)" "localhost.sa
localhost.tsv
state" "the sadc file and the series are kept, nothing else"
is "$(check_series run1/mon/localhost.tsv localhost vm)" ok "the series is complete"
is "$([ -e "/proc/$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline")" "" "sadc is stopped"
is "$([ -e "$dir" ] && echo left)" "" "the collector's folder is removed"
# The series equals what sadf says of the kept file (the sample stop takes
# may fall in the second of the one before: it gets the next second).
bump='t = $3; if (t <= last) t = last + 1; last = t;'
is "$(awk -F'\t' '$4 == "cpu_idle" && $5 == "all" { print $1, $6 }' run1/mon/localhost.tsv)" \
	"$(LC_ALL=C sadf -d -U run1/mon/localhost.sa -- -u | awk -F';' "!/^#/ { $bump"' print t, $NF }')" \
	"cpu_idle of device all is sadf's %idle"
is "$(awk -F'\t' '$4 == "mem_used_kb" { print $1, $6 }' run1/mon/localhost.tsv)" \
	"$(LC_ALL=C sadf -d -U run1/mon/localhost.sa -- -r | awk -F';' "!/^#/ { $bump"' print t, $6 }')" \
	"mem_used_kb is sadf's kbmemused"
cp run1/mon/localhost.tsv before.tsv
run vsp-mon stop -C conf -d run1
is "$rc: $err" "0: " "stop again: nothing to do"
same run1/mon/localhost.tsv before.tsv "the series is untouched"

# fetch converts again when the series is lost but the data is here.
rm run1/mon/localhost.tsv
run vsp-mon fetch -C conf -d run1
is "$rc: $err" "0: " "fetch"
same run1/mon/localhost.tsv before.tsv "fetch makes the same series from the kept file"

# sadf that prints nothing, stalls or prints a time out of range: the host
# is not done, with the reason.
cp -r run1 run1s
rm run1s/mon/localhost.tsv
mkdir fakebin
printf '#!/bin/sh\nexit 0\n' >fakebin/sadf
chmod +x fakebin/sadf
PATH=$tmp/fakebin:$PATH run vsp-mon fetch -C conf -d run1s
is "$rc: $err" "1: vsp-mon: localhost: not converted: run1s/mon/localhost.sa: sadf printed nothing for run1s/mon/localhost.sa" \
	"sadf printing nothing is not an empty series"
is "$(cut -f1,4 run1s/mon/state | tail -1):$(ls run1s/mon | tr '\n' ' ')" \
	"localhost	failed:localhost.sa state " "  state failed, no series file"
# One record (sadc stopped before its second): sadf's headers, no rows:
# not done, never an empty series.
mkdir run1h
cp -r run1/mon run1h/
rm run1h/mon/localhost.sa run1h/mon/localhost.tsv
/usr/lib/sysstat/sadc -S XALL 1 1 run1h/mon/localhost.sa
run vsp-mon fetch -C conf -d run1h
is "$rc: $err" "1: vsp-mon: localhost: not converted: run1h/mon/localhost.sa: no samples (sadc recorded fewer than two)" \
	"one record: no series"
is "$(cut -f1,4 run1h/mon/state | tail -1):$(ls run1h/mon | tr '\n' ' ')" \
	"localhost	failed:localhost.sa state " "  state failed, no series file"
cp run1/mon/state run1s/mon/state
printf '#!/bin/sh\nexec sleep 30.%s\n' $$ >fakebin/sadf
mkconf "$tmp/conf-sadf" "mon_sadf_timeout = 1"
PATH=$tmp/fakebin:$PATH run vsp-mon fetch -C conf-sadf -d run1s
is "$rc: $err" "1: vsp-mon: localhost: not converted: run1s/mon/localhost.sa: sadf: killed after 1 s" \
	"a stalled sadf is stopped at mon_sadf_timeout"
is "$(pgrep -fx "sleep 30.$$")" "" "  and leaves no process"
for t in -1 9223372036854775808 1e9; do
	printf '#!/bin/sh\necho "# hostname;interval;timestamp;CPU;%%user;%%system;%%iowait;%%steal;%%idle"\necho "h;1;%s;-1;1;1;1;1;96"\n' "$t" >fakebin/sadf
	cp run1/mon/state run1s/mon/state
	PATH=$tmp/fakebin:$PATH run vsp-mon fetch -C conf -d run1s
	is "$rc: $err" "1: vsp-mon: localhost: not converted: run1s/mon/localhost.sa: sadf: line 2: timestamp \"$t\" is not a time (0 to 253402300799)" \
		"sadf time $t refused"
done
# One sadf run prints the three reports: one missing is not a whole series.
printf '#!/bin/sh\necho "# hostname;interval;timestamp;CPU;%%user;%%system;%%iowait;%%steal;%%idle"\necho "h;1;5;-1;1;1;1;1;96"\n' >fakebin/sadf
cp run1/mon/state run1s/mon/state
PATH=$tmp/fakebin:$PATH run vsp-mon fetch -C conf -d run1s
is "$rc: $err" "1: vsp-mon: localhost: not converted: run1s/mon/localhost.sa: sadf printed no memory report" \
	"a report missing from sadf's output"
rm -r fakebin

# TSV of VMs: vm names with addresses, node as PM; mon_pms=no drops PMs.
mkdir run2 run3
printf 'vm\tnode\taddr\nvm-a\tlocalhost\tlocalhost\nvm-b\tlocalhost\tlocalhost\n' >vms.tsv
run vsp-mon start -C conf -d run2 -t vms.tsv
is "$(cut -f1-4 run2/mon/state)" "host	addr	kind	state
vm-a	localhost	vm	started
localhost	localhost	pm	started
vm-b	localhost	vm	started" "-t: VMs and their PM, in order of appearance"
mkconf "$tmp/conf-nopm" "mon_pms = no"
vsp-mon start -C conf-nopm -d run3 -t - <vms.tsv
is "$(cut -f1 run3/mon/state | tr '\n' ' ')" "host vm-a vm-b " "mon_pms=no: PMs dropped"
sleep 3
run vsp-mon stop -C conf -d run2
is "$rc: $err" "0: " "stop three collectors on one host"
is "$(check_series run2/mon/vm-b.tsv vm-b vm) $(check_series run2/mon/localhost.tsv localhost pm)" \
	"ok ok" "series named and kinded by host"
vsp-mon stop -C conf -d run3

# -m PMs, operands, mon_hosts replacing them, mon=no doing nothing.
mkdir run4 run5 run6
mkconf "$tmp/conf-fixed" "mon_hosts = localhost:pm,nohost.invalid:vm"
run vsp-mon start -C conf-fixed -d run4 -n run1/nodefile -m node1,node2 vmx
is "$rc" 1 "mon_hosts: a host that cannot be reached fails start"
is "$(cut -f1-4 run4/mon/state)" "host	addr	kind	state
localhost	localhost	pm	started
nohost.invalid	nohost.invalid	vm	failed" "mon_hosts replaces the execution's hosts"
is "$err" "vsp-mon: nohost.invalid: not started: cannot resolve nohost.invalid: Name or service not known" \
	"the unreachable host is named with the reason"
sleep 3
run vsp-mon stop -C conf-fixed -d run4
is "$rc" 1 "stop: 1 when a host has no series"
is "$err" "vsp-mon: nohost.invalid: not started: cannot resolve nohost.invalid: Name or service not known" \
	"stop reports the host again"
is "$(check_series run4/mon/localhost.tsv localhost pm)" ok "the other host's series is whole"
mkconf "$tmp/conf-off" "mon = no"
run vsp-mon start -C conf-off -d run5 -n run1/nodefile
is "$rc: $err: $(ls run5)" "0: : " "mon=no: start does nothing"
run vsp-mon stop -C conf-off -d run5
is "$rc: $err" "0: " "mon=no: stop does nothing"

# A host that lost its collector's folder (a reboot wipes /tmp).
mkdir run10
vsp-mon start -C conf -d run10 localhost
pid=$(awk -F'\t' 'NR == 2 { print $5 }' run10/mon/state)
dir=$(awk -F'\t' 'NR == 2 { print $6 }' run10/mon/state)
kill "$pid"
rm -rf "$dir"
run vsp-mon stop -C conf -d run10
is "$rc: $err" "1: vsp-mon: localhost: data lost: no data file $dir/sa on the host" \
	"a collector whose data is gone"

# A data file sadf cannot read: the host fails, the file is kept.
mkdir -p run8/mon
printf 'host\taddr\tkind\tstate\tpid\tdir\treason\njunk\tlocalhost\tvm\tstarted\t1\t/tmp/vsp-mon.none\t\n' >run8/mon/state
echo garbage >run8/mon/junk.sa
run vsp-mon stop -C conf -d run8
is "$rc: $err" "1: vsp-mon: junk: not converted: run8/mon/junk.sa: sadf failed (status 3): Invalid system activity file: run8/mon/junk.sa" \
	"an unreadable data file is reported"
is "$(ls run8/mon | tr '\n' ' ')" "junk.sa state " "no series, no temporary file; the data file is kept"

# Bad usage and bad input.
u="usage: vsp-mon start [-C dir] -d rundir [-n nodefile] [-m pm,...] [-t vms.tsv] [host[:kind] ...]
       vsp-mon stop [-C dir] -d rundir
       vsp-mon fetch [-C dir] -d rundir
       vsp-mon abort [-C dir] -d rundir"
usage() { run "$@"; is "$rc: $err" "2: $u" "usage: $*"; }
usage vsp-mon -h
usage vsp-mon
run vsp-mon begin -d run6
is "$rc: $err" "2: vsp-mon: unknown command \"begin\"
$u" "usage: an unknown command"
usage vsp-mon start -C conf localhost
usage vsp-mon stop -C conf -d run6 -n run1/nodefile
fails 2 "vsp-mon: nodir: not a folder" vsp-mon start -C conf -d nodir localhost
fails 2 "vsp-mon: no hosts to monitor (give -n, -m, -t or hosts)" vsp-mon start -C conf -d run6
fails 2 "vsp-mon: nofile: No such file or directory" vsp-mon start -C conf -d run6 -n nofile
printf 'node1\nbad host\n' >bad.nodes
fails 2 'vsp-mon: bad.nodes:2: "bad host" is not a host name' vsp-mon start -C conf -d run6 -n bad.nodes
printf 'localhost\000x\nbad host\n' >nul.nodes
fails 2 'vsp-mon: nul.nodes:1: NUL byte in line' vsp-mon start -C conf -d run6 -n nul.nodes
fails 2 'vsp-mon: operand: kind "xx" of h is not vm or pm' vsp-mon start -C conf -d run6 h:xx
fails 2 'vsp-mon: -m: "-x" is not a host name' vsp-mon start -C conf -d run6 -m a,-x
printf 'vm\tnode\taddr\nv1\tn1\t10.0.0.1\nv1\tn1\t10.0.0.2\n' >bad.tsv
fails 2 'vsp-mon: bad.tsv:3: host v1 has two addresses, 10.0.0.1 and 10.0.0.2' \
	vsp-mon start -C conf -d run6 -t bad.tsv
printf 'vm\taddr\nv1\t10.0.0.1\n' >bad.tsv
fails 2 'vsp-mon: bad.tsv:1: missing column "node"' vsp-mon start -C conf -d run6 -t bad.tsv
fails 2 "vsp-mon: run6/mon/state: No such file or directory (was vsp-mon start run with this -d?)" \
	vsp-mon stop -C conf -d run6
mkconf "$tmp/conf-bad" "mon_activities = XALL;rm"
fails 2 'vsp-mon: conf-bad/vsp.params:1: mon_activities "XALL;rm" is not a list of sadc activities (XALL, DISK,SNMP ...)' \
	vsp-mon start -C conf-bad -d run6 localhost
mkconf "$tmp/conf-bogus" "mon_activities = BOGUS"
mkdir slow
run vsp-mon start -C conf-bogus -d slow localhost
is "$rc: $err" "1: vsp-mon: localhost: not started: start script exited 1: Usage: /usr/lib/sysstat/sadc [ options ] [ <interval> [ <count> ] ] [ <outfile> ]" \
	"a collector that fails at once: sadc's message"
is "$(cut -f4,5,6 slow/mon/state | tail -1)" "failed		" "no collector recorded"
mkconf "$tmp/conf-def" "mon_activities ="
mkdir run7
vsp-mon start -C conf-def -d run7 localhost
pid=$(awk -F'\t' 'NR == 2 { print $5 }' run7/mon/state)
dir=$(awk -F'\t' 'NR == 2 { print $6 }' run7/mon/state)
is "$(tr '\0' ' ' </proc/$pid/cmdline)" "/usr/lib/sysstat/sadc 1 $dir/sa " \
	"empty mon_activities: sadc's default set"
run vsp-mon stop -C conf-def -d run7	# at once: perhaps no sample yet
mkconf "$tmp/conf-bad" "mon_sadc = sadc"
fails 2 'vsp-mon: conf-bad/vsp.params:1: mon_sadc "sadc" is not an absolute path' \
	vsp-mon start -C conf-bad -d run6 localhost
mkconf "$tmp/conf-bad" "mon_interval = 0"
fails 2 'vsp-mon: conf-bad/vsp.params:1: mon_interval "0" is out of range (1 to 86400)' \
	vsp-mon start -C conf-bad -d run6 localhost
mkconf "$tmp/conf-bad" "mon_sadc = /nonexistent/sadc"
run vsp-mon start -C conf-bad -d run6 localhost
is "$rc: $err" "1: vsp-mon: localhost: not started: start script exited 127: /nonexistent/sadc: not found" \
	"a missing sadc is reported"
# Stopped before its first interval ends, a collector still has a sample:
# stop takes one (a run shorter than mon_interval is not left without data).
mkconf "$tmp/conf-slow" "mon_interval = 60"
mkdir short
vsp-mon start -C conf-slow -d short localhost
sleep 1
run vsp-mon stop -C conf-slow -d short
is "$rc: $err" "0: " "stop before the first interval ends"
is "$(check_series short/mon/localhost.tsv localhost vm)" "fewer than 2 sample times; " \
	"one sample, taken at stop"
is "$(awk -F'\t' '$4 == "cpu_idle" && $5 == "all"' short/mon/localhost.tsv | wc -l)" 1 \
	"... with cpu_idle of device all"
# A slow host (a guest without KVM on a loaded machine): every nap of the
# stop script takes 0.3 s and sadc gets no CPU at all. stop waits by the
# clock (2 s for the last sample, 5 s for sadc to end, then SIGKILL), not
# by the naps (82 of them: 25 s, over ssh_timeout), and keeps the data.
mkconf "$tmp/conf-slowhost" "ssh_timeout = 10"
mkdir slowhost fakebin
printf '#!/bin/sh\nexec /bin/sleep 0.3\n' >fakebin/sleep
chmod +x fakebin/sleep
vsp-mon start -C conf-slowhost -d slowhost localhost
pid=$(awk -F'\t' 'NR == 2 { print $5 }' slowhost/mon/state)
sleep 1.5
kill -STOP "$pid"
PATH=$tmp/fakebin:$PATH run vsp-mon stop -C conf-slowhost -d slowhost
kill -CONT "$pid" 2>/dev/null
is "$rc: $err" "0: " "stop on a slow host: within ssh_timeout"
is "$(awk -F'\t' '$4 == "cpu_idle" && $5 == "all"' slowhost/mon/localhost.tsv | wc -l | awk '{ print ($1 > 0) }')" 1 \
	"... with the host's samples"
is "$([ -e "/proc/$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline")" "" "... and sadc stopped"
done_testing
