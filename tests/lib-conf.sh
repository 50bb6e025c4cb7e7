# mkconf DIR CORES SOCKETS NODES [vsp.params lines...]: a config folder.
mkconf() {
	local dir=$1 cores=$2 sockets=$3 nodes=$4 i
	shift 4
	mkdir -p "$dir"
	printf '[Hardware]\ncores = %s\nsockets = %s\nmem = 64\n' "$cores" "$sockets" >"$dir/hardware.params"
	: >"$dir/vsp.nodes"
	for i in $(seq 1 "$nodes"); do printf 'node%02d\n' "$i" >>"$dir/vsp.nodes"; done
	: >"$dir/vsp.params"
	for i in "$@"; do printf '%s\n' "$i" >>"$dir/vsp.params"; done
}

# conf_refused DIR MESSAGE: vsp-gen and vsp-place refuse the folder with
# MESSAGE (status 2) and vsp-gen prints nothing.
conf_refused() {
	fails 2 "vsp-gen: $2" vsp-gen -C "$1" -a ep
	is "$out" "" "$1: vsp-gen prints nothing"
	fails 2 "vsp-place: $2" vsp-place -C "$1" </dev/null
}
