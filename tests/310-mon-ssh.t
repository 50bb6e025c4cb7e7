#!/bin/bash
# vsp-mon over SSH: two sshd "hosts" on loopback addresses, real sadc,
# SFTP and SCP copies, a host that dies, changed and unknown host keys,
# agent authentication.
# tier: real (sshd on loopback and sadc)
. "$(dirname "$0")/lib.sh"
. "$data/mon/lib.sh"
sshd_pids=() agent_pid=
cleanup() {
	kill_collectors
	for p in "${sshd_pids[@]}" $agent_pid; do kill "$p" 2>/dev/null; done
	rm_tmp
}
trap cleanup EXIT
cd "$tmp" || exit 1
mkdir -p /run/sshd

port=$((20000 + RANDOM % 20000))
while [ -n "$(ss -Hltn "sport = :$port")" ]; do port=$((port + 1)); done
for k in hk_a hk_b hk_other uk uk_other; do ssh-keygen -q -t ed25519 -N '' -f "$tmp/$k"; done
ssh-keygen -q -t ecdsa -N '' -f "$tmp/hk_a_ecdsa"
cp uk.pub authorized_keys

# sshd NAME ADDR [options]: starts an sshd listening on ADDR:port.
sshd() {
	local name=$1 addr=$2
	shift 2
	rm -f "$tmp/sshd_$name.pid"
	/usr/sbin/sshd -f /dev/null -o Port=$port -o ListenAddress="$addr" \
		-o AuthorizedKeysFile="$tmp/authorized_keys" -o StrictModes=no \
		-o PidFile="$tmp/sshd_$name.pid" -E "$tmp/sshd_$name.log" "$@" || return 1
	for _ in $(seq 50); do [ -s "$tmp/sshd_$name.pid" ] && break; sleep 0.1; done
	sshd_pids+=("$(cat "$tmp/sshd_$name.pid")")
}
# Host a offers ECDSA first but is known by its ed25519 key; host b has
# no SFTP server, so copies from it go by SCP.
sshd a 127.0.0.2 -o HostKey="$tmp/hk_a_ecdsa" -o HostKey="$tmp/hk_a" \
	-o Subsystem="sftp /usr/lib/openssh/sftp-server"
is "$?" 0 "sshd a runs"
sshd b 127.0.0.3 -o HostKey="$tmp/hk_b"
is "$?" 0 "sshd b runs"
{ echo "[127.0.0.2]:$port $(cut -d' ' -f1,2 hk_a.pub)"
  echo "[127.0.0.3]:$port $(cut -d' ' -f1,2 hk_b.pub)"; } >known_hosts
ssh_conf() {
	mkconf "$tmp/$1" "ssh_port = $port" "ssh_key = $tmp/${2:-uk}" \
		"ssh_known_hosts = $tmp/${3:-known_hosts}" "ssh_timeout = 5"
}
ssh_conf conf
printf 'vm\tnode\taddr\nvma\tlocalhost\t127.0.0.2\nvmb\tlocalhost\t127.0.0.3\n' >vms.tsv
unset SSH_AUTH_SOCK

mkdir run1
run vsp-mon start -C conf -d run1 -t vms.tsv
is "$rc: $err" "0: " "start on two SSH hosts and localhost"
is "$(cut -f1-4 run1/mon/state)" "host	addr	kind	state
vma	127.0.0.2	vm	started
localhost	localhost	pm	started
vmb	127.0.0.3	vm	started" "three collectors started"
sleep 3
# Host b dies: its sshd and its collector are gone.
kill "$(cat sshd_b.pid)"
kill -KILL "$(awk -F'\t' '$1 == "vmb" { print $5 }' run1/mon/state)"
sleep 0.2
run vsp-mon stop -C conf -d run1
is "$rc" 1 "stop: 1 when a host is lost"
is "$err" "vsp-mon: vmb: not stopped: cannot connect to 127.0.0.3 port $port: Connection refused" \
	"the dead host is named with the reason"
is "$(cut -f1,4 run1/mon/state | tr '\t\n' ': ')" "host:state vma:done localhost:done vmb:failed " \
	"state: the others are done"
is "$(check_series run1/mon/vma.tsv vma vm) $(check_series run1/mon/localhost.tsv localhost pm)" \
	"ok ok" "the other hosts' series are whole (SFTP copy)"
is "$(ls run1/mon | tr '\n' ' ')" "localhost.sa localhost.tsv state vma.sa vma.tsv " \
	"the dead host costs only its own series"

# Host b comes back: fetch copies what its collector wrote before it died.
sshd b 127.0.0.3 -o HostKey="$tmp/hk_b"
run vsp-mon fetch -C conf -d run1
is "$rc: $err" "0: " "fetch after the host is back"
is "$(check_series run1/mon/vmb.tsv vmb vm)" ok "its series is recovered (SCP copy)"
is "$(cut -f1,4 run1/mon/state | tr '\t\n' ': ')" "host:state vma:done localhost:done vmb:done " \
	"state: all done"

# A changed host key and an unknown host are refused; the others run.
sed "1s/.*/[127.0.0.2]:$port $(cut -d' ' -f1,2 hk_other.pub | sed 's/\//\\\//g')/" known_hosts >kh_changed
ssh_conf conf-changed uk kh_changed
mkdir run2
run vsp-mon start -C conf-changed -d run2 -t vms.tsv
is "$rc" 1 "start: 1 when a host is refused"
is "$err" "vsp-mon: vma: not started: 127.0.0.2: host key does not match $tmp/kh_changed (changed key or an attack): refused" \
	"a changed host key refuses the host"
is "$(cut -f1,4 run2/mon/state | tr '\t\n' ': ')" "host:state vma:failed localhost:started vmb:started " \
	"the other hosts are monitored"
sed 2d known_hosts >kh_unknown
ssh_conf conf-unknown uk kh_unknown
mkdir run3
run vsp-mon start -C conf-unknown -d run3 127.0.0.3
is "$rc: $err" "1: vsp-mon: 127.0.0.3: not started: 127.0.0.3: host key (ssh-ed25519) is not in $tmp/kh_unknown: refused" \
	"an unknown host is refused"
# A key on an @revoked line is refused even where it is also known (OpenSSH).
{ cat known_hosts; echo "@revoked * $(cut -d' ' -f1,2 hk_b.pub)"; } >kh_revoked
ssh_conf conf-revoked uk kh_revoked
mkdir run3r
run vsp-mon start -C conf-revoked -d run3r 127.0.0.3
is "$rc: $err" "1: vsp-mon: 127.0.0.3: not started: 127.0.0.3: host key is revoked in $tmp/kh_revoked:3: refused" \
	"a revoked host key is refused"
mkdir run3r2
run vsp-mon start -C conf-revoked -d run3r2 127.0.0.2
is "$rc: $err" "0: " "a host whose key is not revoked is accepted"
vsp-mon stop -C conf-revoked -d run3r2
ssh_conf conf-nokh uk nosuch
mkdir run4
run vsp-mon start -C conf-nokh -d run4 127.0.0.3
is "$rc: $err" "1: vsp-mon: 127.0.0.3: not started: 127.0.0.3: cannot read known hosts $tmp/nosuch: Failed to open file" \
	"no known_hosts file: refused"
ssh_conf conf-badkey uk_other
mkdir run5
run vsp-mon start -C conf-badkey -d run5 127.0.0.3
is "$rc" 1 "a key the host does not accept: start fails"
is "${err%%: key*}" "vsp-mon: 127.0.0.3: not started: 127.0.0.3: authentication as root failed" \
	"authentication failure named"

# Hashed known_hosts (ssh-keygen -H) work too, key type preference included.
cp known_hosts kh_hashed
ssh-keygen -q -H -f kh_hashed 2>/dev/null
is "$(grep -c '^|1|' kh_hashed)" 2 "known_hosts hashed"
ssh_conf conf-hashed uk kh_hashed
mkdir run8
run vsp-mon start -C conf-hashed -d run8 127.0.0.2
is "$rc: $err" "0: " "a host found in hashed known_hosts"
vsp-mon stop -C conf-hashed -d run8

# A host that accepts the connection but never answers: ssh_timeout.
hang=$((port + 1))
while [ -n "$(ss -Hltn "sport = :$hang")" ]; do hang=$((hang + 1)); done
busybox nc -l -p "$hang" -e /bin/sleep 30 &
sshd_pids+=($!)
for _ in $(seq 50); do [ -n "$(ss -Hltn "sport = :$hang")" ] && break; sleep 0.1; done
mkconf conf-hang "ssh_port = $hang" "ssh_known_hosts = $tmp/known_hosts" "ssh_timeout = 1"
mkdir run7
run vsp-mon start -C conf-hang -d run7 127.0.0.5
is "$rc: $err" "1: vsp-mon: 127.0.0.5: not started: 127.0.0.5: SSH handshake failed: Timed out waiting on socket" \
	"a host that hangs is given up after ssh_timeout"

# Agent authentication (no key file).
eval "$(ssh-agent -a "$tmp/agent.sock" -s)" >/dev/null
agent_pid=$SSH_AGENT_PID
ssh-add -q uk 2>/dev/null
mkconf conf-agent "ssh_port = $port" "ssh_key =" "ssh_known_hosts = $tmp/known_hosts"
mkdir run6
run vsp-mon start -C conf-agent -d run6 127.0.0.2
is "$rc: $err" "0: " "start with a key from the agent"
sleep 3
run vsp-mon stop -C conf-agent -d run6
is "$rc: $err" "0: " "stop with the agent"
is "$(check_series run6/mon/127.0.0.2.tsv 127.0.0.2 vm)" ok "series of a host named by its address"
kill "$agent_pid"; agent_pid=
unset SSH_AUTH_SOCK SSH_AGENT_PID
run vsp-mon stop -C conf-changed -d run2
is "$rc" 1 "stop of the run with a refused host"
is "$(check_series run2/mon/vmb.tsv vmb vm)" ok "the accepted hosts' series are whole"

# A start over SSH cut short: the collector was recorded before it started
# and stop finds and stops it (issue 11).
cat >slow-sadc <<EOF
#!/bin/sh
echo started >"$tmp/sadc-started"
sleep 2
exec /usr/lib/sysstat/sadc "\$@"
EOF
chmod +x slow-sadc
mkconf conf-slow "ssh_port = $port" "ssh_key = $tmp/uk" "ssh_known_hosts = $tmp/known_hosts" \
	"ssh_timeout = 5" "mon_sadc = $tmp/slow-sadc"
mkdir run9
setsid vsp-mon start -C conf-slow -d run9 127.0.0.2 2>/dev/null &
pid=$!
for _ in $(seq 100); do [ -f sadc-started ] && break; sleep 0.05; done
kill -KILL -"$pid"
wait "$pid" 2>/dev/null
name=$(awk -F'\t' 'NR == 2 { print $6 }' run9/mon/state)
is "$(cut -f4 run9/mon/state | tail -1):${name%%.*}" "starting:vsp-mon" \
	"vsp-mon start killed over SSH: the collector was recorded"
sadcs() { pgrep -f "/tmp/$name/sa"; }
is "$([ -n "$(sadcs)" ] && echo running)" running "  and runs on"
run vsp-mon stop -C conf-slow -d run9
is "$rc:$(cut -f4,7 run9/mon/state | tail -1)" "1:failed	start interrupted: stopped" \
	"stop finds it over SSH"
is "$(sadcs)" "" "  and stops it"
is "$([ -e "/tmp/$name" ] && echo left)" "" "  and removes its folder"
done_testing
