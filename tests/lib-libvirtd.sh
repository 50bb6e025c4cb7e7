# Sourced by tests that need libvirtd with QEMU: starts virtlogd and
# libvirtd if they are not running and stops, by PID, what it started when
# the test exits. When libvirtd cannot start the test bails out with one
# line, as tests/slurm.sh does. `make deps` (.ci/deps) installs the
# packages and makes the libvirt-qemu user and the kvm group.
libvirtd_started=
libvirtd_stop() {
	local pid
	for pid in $libvirtd_started; do
		kill "$pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
}

# By pid file, not by name: a lab's private daemons (tests/lib-lab.sh)
# serve other sockets and do not count.
running() {
	local pid
	pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

libvirtd_fail() {
	echo "Bail out! libvirtd: $*"
	[ -f /var/log/libvirt/libvirtd.log ] &&
		tail -5 /var/log/libvirt/libvirtd.log | sed 's/^/# /'
	exit 1
}

start_virtlogd() {
	local pid
	virtlogd -d || libvirtd_fail "virtlogd did not start"
	for _ in $(seq 50); do [ -s /var/run/virtlogd.pid ] && break; sleep 0.1; done
	pid=$(cat /var/run/virtlogd.pid 2>/dev/null) && libvirtd_started="$pid $libvirtd_started"
}

libvirtd_start() {
	local pid
	mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt
	# a running libvirtd without virtlogd cannot start a domain
	if running /var/run/libvirtd.pid && ! running /var/run/virtlogd.pid; then
		start_virtlogd
	fi
	virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
	getent passwd libvirt-qemu >/dev/null ||
		libvirtd_fail "no libvirt-qemu user (make deps makes it)"
	running /var/run/virtlogd.pid || start_virtlogd
	if ! running /var/run/libvirtd.pid; then
		libvirtd -d || libvirtd_fail "libvirtd did not start"
		for _ in $(seq 50); do [ -s /var/run/libvirtd.pid ] && break; sleep 0.1; done
		pid=$(cat /var/run/libvirtd.pid 2>/dev/null) && libvirtd_started="$pid $libvirtd_started"
	fi
	for _ in $(seq 100); do
		virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	libvirtd_fail "qemu:///system does not answer"
}
