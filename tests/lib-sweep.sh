# sweep_setup DIR [SWEEP]: a sweep of a test application on the embedded
# default (test driver, local batch), results in DIR/results. The
# application prints a value known in advance ("value: <len(exp)><run>")
# and kills the whole sweep when DIR/killrun names its "exp:run"; the hook
# DIR/hook.sh kills it before the step DIR/killat names ("step:exp"),
# fails the step DIR/failat names and holds the step DIR/pauseat names
# (creating DIR/paused) until DIR/go exists.
# The sweep runs as a process group whose id is in DIR/pgid.
sweep_setup() {
	local d=$1 sweep=${2:--a t -n 2,4 -c 2 -r 2}
	mkdir -p "$d/conf/apps/t"
	cp "$top/share/examples/conf/hardware.params" "$top/share/examples/conf/vsp.nodes" "$d/conf/"
	cat >"$d/conf/vsp.params" <<-CONF
	libvirt_uri = test:///default
	vm_disk =
	batch = local
	mon = no
	results = $d/results
	CONF
	cat >"$d/app.sh" <<-APP
	#!/bin/sh
	if [ "\$(cat "$d/killrun" 2>/dev/null)" = "\$1:\$2" ]; then
		rm -f "$d/killrun"
		kill -KILL -"\$(cat "$d/pgid")"
		sleep 10
	fi
	[ -f "$d/slow" ] && sleep "\$(cat "$d/slow")"
	echo "value: \${#1}\$2"
	APP
	cat >"$d/hook.sh" <<-HOOK
	#!/bin/sh
	[ "\$(cat "$d/failat" 2>/dev/null)" = "\$1:\$2" ] && exit 1
	if [ "\$(cat "$d/pauseat" 2>/dev/null)" = "\$1:\$2" ]; then
		rm -f "$d/pauseat"
		: >"$d/paused"
		while [ ! -f "$d/go" ]; do sleep 0.1; done
		rm -f "$d/go" "$d/paused"
	fi
	if [ "\$(cat "$d/killat" 2>/dev/null)" = "\$1:\$2" ]; then
		rm -f "$d/killat"
		kill -KILL -"\$(cat "$d/pgid")"
		sleep 10
	fi
	HOOK
	chmod +x "$d/app.sh" "$d/hook.sh"
	cat >"$d/conf/apps/t/application.config" <<-CONF
	[Application]
	executable = $d/app.sh
	args = \${exp} \${run}
	[Execution]
	walltime = 00:01:00
	[Metrics]
	regex.value = stdout:value: ([0-9]+)
	CONF
	cat >"$d/Makefile" <<-MK
	VSP_CONF = conf
	SWEEP = $sweep
	include $top/share/vsp/sweep.mk
	MK
}

# sweep DIR [make args...]: runs make in DIR as its own process group.
sweep() {
	local d=$1
	shift
	(cd "$d" && VSP_SWEEP_HOOK="$d/hook.sh" exec setsid make --no-print-directory "$@") \
		>"$d/make.out" 2>&1 &
	echo $! >"$d/pgid"
	wait $!
	rc=$?
	# A killed group takes a moment to die: wait until none of it is left.
	while kill -0 -"$(cat "$d/pgid")" 2>/dev/null; do sleep 0.05; done
	return $rc
}

# The executions of a finished sweep: "exp run status value" sorted.
sweep_executions() {
	cat "$1"/results/t/*/run-*/metrics.tsv | awk -F'\t' '
		$1 == "exp" { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["exp"], $c["run"], $c["status"], $c["value"] }' | sort
}
