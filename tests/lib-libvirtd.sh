# Sourced by tests that need libvirtd with QEMU. The test runs in a private
# mount namespace (it is started again there, before it prints anything)
# with its own /run/libvirt, /var/lib/libvirt, /var/log/libvirt,
# /var/cache/libvirt and /etc/libvirt under $tmp/libvirt: libvirtd_start
# starts a virtlogd and a libvirtd of its own there, qemu:///system reaches
# them, and libvirtd_stop removes every domain, network and pool on them
# and stops both by PID. Tests run side by side and never see the
# machine's libvirtd or its VMs. When libvirtd cannot start the test bails
# out with one line, as tests/slurm.sh does. `make deps` (.ci/deps)
# installs the packages and makes the libvirt-qemu user and the kvm group.
if [ -z "${VSP_TEST_MOUNTNS:-}" ]; then
	[ -z "${tmp:-}" ] || rm -rf "$tmp"
	VSP_TEST_MOUNTNS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
libvirtd_started=

libvirtd_fail() {
	echo "Bail out! libvirtd: $*"
	[ -f /var/log/libvirt/libvirtd.log ] &&
		tail -5 /var/log/libvirt/libvirtd.log | sed 's/^/# /'
	exit 1
}

libvirtd_stop() {
	local pid x v="virsh -q -c qemu:///system"
	if [ -n "$libvirtd_started" ]; then	# all of it is this test's
		for x in $($v list --name 2>/dev/null); do $v destroy "$x" >/dev/null 2>&1; done
		for x in $($v net-list --name 2>/dev/null); do $v net-destroy "$x" >/dev/null 2>&1; done
		for x in $($v pool-list --name 2>/dev/null); do $v pool-destroy "$x" >/dev/null 2>&1; done
	fi
	for pid in $libvirtd_started; do
		kill "$pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	done
	libvirtd_started=
}

# daemon NAME CMD...: started with -d and a pid file under $tmp/libvirt.
libvirt_daemon() {
	local name=$1 pid
	shift
	"$@" -d -p "$tmp/libvirt/$name.pid" || libvirtd_fail "$name did not start"
	for _ in $(seq 50); do [ -s "$tmp/libvirt/$name.pid" ] && break; sleep 0.1; done
	pid=$(cat "$tmp/libvirt/$name.pid" 2>/dev/null) || libvirtd_fail "$name wrote no pid file"
	libvirtd_started="$pid $libvirtd_started"
}

libvirtd_start() {
	case $0 in *.t) need_real_tier "libvirtd" ;; esac
	local d=$tmp/libvirt i
	getent passwd libvirt-qemu >/dev/null ||
		libvirtd_fail "no libvirt-qemu user (make deps makes it)"
	chmod 755 "$tmp"	# QEMU runs as libvirt-qemu
	for i in run lib log cache etc; do mkdir -p "$d/$i"; done
	# the machine's settings, never its domains, networks or pools
	for i in /etc/libvirt/*.conf; do [ -f "$i" ] && cp -p "$i" "$d/etc/"; done
	mkdir -p /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt /etc/libvirt
	mount --bind "$d/run" /run/libvirt && mount --bind "$d/lib" /var/lib/libvirt &&
		mount --bind "$d/log" /var/log/libvirt &&
		mount --bind "$d/cache" /var/cache/libvirt && mount --bind "$d/etc" /etc/libvirt ||
		libvirtd_fail "cannot give the test its own libvirt folders"
	libvirt_daemon virtlogd virtlogd
	libvirt_daemon libvirtd libvirtd
	for _ in $(seq 100); do
		virsh -q -c qemu:///system version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	libvirtd_fail "qemu:///system does not answer"
}
