# Sourced by tests that need libvirtd with QEMU: starts virtlogd and
# libvirtd if they are not running (RUNNING-REAL-PARTS.md) and stops, by
# PID, what it started when the test exits. Failing to start is a failure.
libvirtd_started=
libvirtd_stop() {
	local pid
	for pid in $libvirtd_started; do
		kill "$pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
}

running() {
	local pid
	pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

libvirtd_start() {
	local pid
	virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
	mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt
	getent group kvm >/dev/null || groupadd -r kvm
	if ! getent passwd libvirt-qemu >/dev/null; then
		getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
		useradd -r -g libvirt-qemu -G kvm -d /var/lib/libvirt \
			-s /usr/sbin/nologin libvirt-qemu
	fi
	# by pid file, not by name: a lab's private daemons (tests/lib-lab.sh)
	# serve other sockets and do not count
	if ! running /var/run/virtlogd.pid; then
		virtlogd -d || return 1
		for _ in $(seq 50); do [ -s /var/run/virtlogd.pid ] && break; sleep 0.1; done
		pid=$(cat /var/run/virtlogd.pid 2>/dev/null) && libvirtd_started="$pid $libvirtd_started"
	fi
	if ! running /var/run/libvirtd.pid; then
		libvirtd -d || return 1
		for _ in $(seq 50); do [ -s /var/run/libvirtd.pid ] && break; sleep 0.1; done
		pid=$(cat /var/run/libvirtd.pid 2>/dev/null) && libvirtd_started="$pid $libvirtd_started"
	fi
	for _ in $(seq 100); do
		virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
