# Shared by the vsp-mon tests: a config folder, and cleanup of every sadc
# the test's run folders recorded (by PID, only if it still writes there).
mkconf() {
	local d=$1
	shift
	mkdir -p "$d"
	cp "$data/conf-12c2s4n/hardware.params" "$data/conf-12c2s4n/vsp.nodes" "$d/"
	printf '%s\n' "$@" >"$d/vsp.params"
}

kill_collectors() {
	local st pid dir
	for st in "$tmp"/*/mon/state; do
		[ -f "$st" ] || continue
		while IFS=$'\t' read -r _ _ _ _ pid dir _; do
			case $pid in ''|*[!0-9]*) continue ;; esac
			tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" |
				grep -qxF "$dir/sa" && kill "$pid"
			case $dir in /tmp/vsp-mon.*) rm -rf "$dir" ;; esac
		done <"$st"
	done
}

# check_series FILE HOST KIND: the series is well formed and complete.
check_series() {
	awk -F'\t' -v h="$2" -v k="$3" -v ncpu="$(nproc)" '
	NR == 1 { if ($0 != "time\thost\tkind\tmetric\tdevice\tvalue") bad = "header " $0; next }
	NF != 6 || $2 != h || $3 != k || $1 !~ /^[0-9]+$/ || $6 !~ /^[0-9]+(\.[0-9]+)?$/ {
		bad = bad "line " NR ": " $0 "; "; next }
	{ seen[$4]++; t[$1] = 1 }
	$4 ~ /^cpu_/ { dev[$5] = 1 }
	END {
		n = 0; for (x in t) n++
		if (n < 2) bad = bad "fewer than 2 sample times; "
		split("cpu_user cpu_system cpu_iowait cpu_steal cpu_idle", cm, " ")
		for (i in cm) if (seen[cm[i]] != n * (ncpu + 1)) bad = bad cm[i] " " seen[cm[i]] " rows; "
		if (seen["mem_used_kb"] != n || seen["mem_free_kb"] != n) bad = bad "memory rows; "
		if (!seen["net_rx_kbs"] || seen["net_rx_kbs"] != seen["net_tx_kbs"]) bad = bad "net rows; "
		if (!dev["all"]) bad = bad "no device all; "
		for (i = 0; i < ncpu; i++) if (!dev[i]) bad = bad "no CPU " i "; "
		print bad == "" ? "ok" : bad
	}' "$1"
}
