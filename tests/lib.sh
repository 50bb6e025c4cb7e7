# Shared by the shell tests: TAP output, the built tools on PATH, a temp dir.
# is GOT EXPECTED NAME; fails STATUS MESSAGE CMD...; same FILE1 FILE2 NAME.
# KEEP=1 keeps the temp dir (its path on stderr) for a look after a failure.
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$top/bin:$PATH" VSP_SHARE="$top/share/vsp"
unset VSP_CONF
# a sweep's make in a test is not a child of `make -j2 check`'s jobserver
unset MAKEFLAGS MFLAGS MAKELEVEL
data="$top/tests/data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vsp-test.XXXXXX")
# rm_tmp: the end of every test's EXIT trap.
rm_tmp() {
	if [ -n "${KEEP:-}" ]; then echo "# kept: $tmp" >&2; else rm -rf "$tmp"; fi
}
trap rm_tmp EXIT
ntest=0 nfail=0

is() {
	ntest=$((ntest + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $ntest - $3"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $3"
		printf '%s\n' "$1" | sed 's/^/#   got: /' | head -20
		printf '%s\n' "$2" | sed 's/^/#  want: /' | head -20
	fi
}

# Runs a command; sets out, err and rc.
run() {
	"$@" >"$tmp/.out" 2>"$tmp/.err"
	rc=$?
	out=$(cat "$tmp/.out")
	err=$(cat "$tmp/.err")
}

# fails STATUS MESSAGE CMD...: the exit status and the whole stderr.
fails() {
	local status=$1 msg=$2
	shift 2
	run "$@"
	is "$rc: $err" "$status: $msg" "fails: $msg"
}

same() {
	ntest=$((ntest + 1))
	if cmp -s "$1" "$2"; then
		echo "ok $ntest - $3"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $3"
		diff -u "$2" "$1" | head -30 | sed 's/^/# /'
	fi
}

done_testing() {
	echo "1..$ntest"
	[ "$nfail" -eq 0 ]
}

# mkapp DIR APP...: a minimal apps/APP/application.config in config folder DIR
# (vsp-gen -a refuses an application without one).
mkapp() {
	local d=$1 a
	shift
	for a in "$@"; do
		mkdir -p "$d/apps/$a"
		printf '[Application]\nexecutable = /bin/true\n[Execution]\nwalltime = 60\n' \
			>"$d/apps/$a/application.config"
	done
}

# need_real_tier WHAT: a test that starts a daemon belongs to the real-parts
# tier (tests/tier); one that is not marked so bails out, naming the fix.
need_real_tier() {
	grep -q '^# tier: real' "$0" && return 0
	echo "Bail out! $0 starts $1 but is not marked '# tier: real'"
	exit 1
}
