#!/bin/bash
# A vsp-mon start killed while it starts sadc, and a run folder whose
# collectors were never stopped: every sadc vsp-mon started is found and
# stopped by the next vsp-mon stop (issue 11, item 2).
# tier: real (sadc)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
export TMPDIR=$tmp	# the collectors' folders, so that ours are told apart
ours() { pgrep -f "$tmp/vsp-mon\.[^/]*/sa" | sort -n | tr '\n' ' '; }
trap 'p=$(ours); [ -z "$p" ] || kill $p; rm_tmp' EXIT
# A sadc that says when it starts, then waits to be killed before its first sample.
cat >"$tmp/sadc" <<EOF2
#!/bin/sh
echo started >"$tmp/sadc-started"
sleep 2
exec /usr/lib/sysstat/sadc "\$@"
EOF2
chmod +x "$tmp/sadc"
mkconf "$tmp/conf" "mon_sadc = $tmp/sadc"
cd "$tmp" || exit 1
mkdir run1
printf 'localhost\n' >run1/nodefile
setsid vsp-mon start -C conf -d run1 -n run1/nodefile 2>/dev/null &
pid=$!
for _ in $(seq 100); do [ -f sadc-started ] && break; sleep 0.05; done
kill -KILL -"$pid"
wait "$pid" 2>/dev/null
is "$([ -n "$(ours)" ] && echo running)" running "killed while starting: its sadc runs on"
is "$(cut -f1,4 run1/mon/state 2>&1 | tail -1)" "localhost	starting" "  and is recorded before it started"
run vsp-mon stop -C conf -d run1
is "$rc" 1 "vsp-mon stop fails: no data"
is "$(cut -f1,4,7 run1/mon/state | tail -1)" "localhost	failed	start interrupted: stopped" "  but says the start was interrupted"
for _ in $(seq 100); do [ -z "$(ours)" ] && break; sleep 0.05; done
is "$(ours)" "" "  and stopped the sadc"
is "$(ls "$tmp" | grep -c '^vsp-mon\.')" 0 "  and removed its folder"

# abort: a collector that runs is stopped, its data dropped (a run redone).
mkconf "$tmp/conf2"
mkdir run2
printf 'localhost\n' >run2/nodefile
run vsp-mon start -C conf2 -d run2 -n run2/nodefile
is "$rc:$([ -n "$(ours)" ] && echo running)" "0:running" "started"
run vsp-mon abort -C conf2 -d run2
is "$rc:$err:$(cut -f4,6 run2/mon/state | tail -1)" "0::aborted	" "abort"
is "$(ours)" "" "  stops the collector"
is "$(ls "$tmp" | grep -c '^vsp-mon\.'):$(ls run2/mon)" "0:state" "  and keeps no data"
run vsp-mon abort -C conf2 -d run2
is "$rc:$err" "0:" "  a second abort has nothing to do"
done_testing
