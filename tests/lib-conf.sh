# mkconf DIR CORES SOCKETS NODES [vsp.params lines...]: a config folder
# (with applications a, app and ep).
mkconf() {
	local dir=$1 cores=$2 sockets=$3 nodes=$4 i
	shift 4
	mkdir -p "$dir"
	printf '[Hardware]\ncores = %s\nsockets = %s\nmem = 64\n' "$cores" "$sockets" >"$dir/hardware.params"
	: >"$dir/vsp.nodes"
	for i in $(seq 1 "$nodes"); do printf 'node%02d\n' "$i" >>"$dir/vsp.nodes"; done
	: >"$dir/vsp.params"
	for i in "$@"; do printf '%s\n' "$i" >>"$dir/vsp.params"; done
	mkapp "$dir" a app ep
}
