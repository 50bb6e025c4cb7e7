# Shared by the vsp-collect tests: a config folder and run folders.
# mkconf DIR [vsp.params lines...]: the 12-core config, app "bench" without metrics.
mkconf() {
	local d=$1
	shift
	mkdir -p "$d/apps/bench"
	cp "$data/conf-12c2s4n/hardware.params" "$data/conf-12c2s4n/vsp.nodes" "$d/"
	printf '%s\n' "$@" >"$d/vsp.params"
	printf '[Application]\nexecutable = /bin/true\n' >"$d/apps/bench/application.config"
}

# mkrun DIR TIME-TEXT: a finished run folder with exit 0 and the given time file.
mkrun() {
	mkdir -p "$1"
	printf '%b' "$2" >"$1/time"
	echo 0 >"$1/exit"
	: >"$1/stdout"
	: >"$1/stderr"
}

# exec_header: the columns vsp-pbs wait prints.
exec_header() {
	printf 'exp\tapp\tnc\tcpv\tidf\tpstrat\truns\tfirst\trun\tjob\toutdir\tstate\texit\n'
}

# exec_row RUN OUTDIR STATE EXIT [APP]
exec_row() {
	printf 'bench-nc4-cpv2-idf0-bal-one\t%s\t4\t2\t0\tBAL-ONE\t9\t0\t%s\t%s\t%s\t%s\t%s\n' \
		"${5:-bench}" "$1" "10$1" "$2" "$3" "$4"
}
