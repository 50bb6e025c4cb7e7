#!/bin/bash
# A job that dies after its application ended but before it stopped its
# monitors: the sweep stops them (their data kept); no sadc is left
# (issue 11, item 2); unfinished writes are removed when the experiment
# is finished (item 4).
# tier: real (whole sweeps with sadc)
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-sweep.sh"
export TMPDIR=$tmp	# the collectors' folders, to find our sadc
ours() { pgrep -f "$tmp/vsp-mon\.[^/]*/sa" | tr '\n' ' '; }
trap 'p=$(ours); [ -z "$p" ] || kill $p; rm_tmp' EXIT
d=$tmp/s
sweep_setup "$d" "-a t -n 2 -c 2 -i 0 -p NONE -r 2"
sed -i 's/^mon = no$/mon = yes/' "$d/conf/vsp.params"
# The job's monitor command: "stop" of run 1 kills the job instead.
cat >"$d/mon" <<EOF
#!/bin/sh
if [ "\$1" = stop ] && [ "\${5##*/}" = run-001 ]; then kill -KILL \$PPID; exit 1; fi
exec vsp-mon "\$@"
EOF
chmod +x "$d/mon"
printf 'mon_hosts = localhost\nmon_command = %s\n' "$d/mon" >>"$d/conf/vsp.params"
e=$d/results/t/t-nc2-cpv2-idf0-none
echo "done:${e##*/}" >"$d/killat"	# killed once every run is collected
sweep "$d"
is "$?" 137 "the sweep, killed before it finishes the experiment"
is "$(grep -c 'stopping the monitors run-001 left running' "$d/make.out")" 1 \
	"  stops the monitors the dead job left"
# Unfinished writes (lib/atomic's temporary names) are removed when the
# experiment is finished, from run folders and their mon/ folders.
: >"$e/run-001/metrics.tsv.Ab12Cd.tmp"
: >"$e/run-002/mon/localhost.tsv.Ab12Cd.tmp"
sweep "$d"
is "$?" 0 "the rerun finishes it"
is "$(cd "$e" && find . -name '*.tmp')" "" "  no temporary file left"
is "$(cut -f1,4 "$e/run-001/mon/state" | tail -1)" "localhost	done" "  keeping their data"
is "$(sweep_executions "$d" | tr '\n' ';')" "t-nc2-cpv2-idf0-none 1 ok 201;t-nc2-cpv2-idf0-none 2 ok 202;" \
	"  every run ok"
is "$(ours)" "" "no sadc left"
done_testing
