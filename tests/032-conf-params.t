#!/bin/bash
# vsp.params: optional, key=value, every error with its exact message.
. "$(dirname "$0")/lib.sh"
. "$top/tests/lib-conf.sh"
cd "$tmp" || exit 2

params() {
	mkdir -p "$1"
	cp "$data/conf-12c2s4n/hardware.params" "$data/conf-12c2s4n/vsp.nodes" "$1/"
	printf '%s' "$2" >"$1/vsp.params"
}

bad() {
	params "$1" "$2"
	conf_refused "$1" "$3"
}

# Absent: the defaults (vm_name {prefix}-{node}-{slot1}, vm_prefix vsp).
run sh -c "vsp-gen -C '$data/conf-12c2s4n' -a ep -n 1 -p NONE | vsp-place -C '$data/conf-12c2s4n' | cut -f9"
is "$rc: $out" "0: vm
vsp-node082-01" "no vsp.params: default VM names"

params good '# names as the original
VM_PREFIX = kvm
vm_name = {prefix}-pbs{suffix}-{slot1}
; another comment
'
run sh -c 'vsp-gen -C good -a ep -n 2 -c 1 -i 0 -p NONE | vsp-place -C good | cut -f9'
is "$rc: $out" "0: vm
kvm-pbs082-01
kvm-pbs082-02" "settings are used (keys case-insensitive)"

bad unknown 'vm_prefix = kvm
vm_names = x
' 'unknown/vsp.params:2: unknown setting "vm_names"'
bad noeq 'vm_prefix kvm
' 'noeq/vsp.params:1: expected key=value, got "vm_prefix kvm"'
bad twice 'vm_prefix = a
vm_prefix = b
' 'twice/vsp.params:2: "vm_prefix" set twice (first on line 1)'
bad header '[vsp
' 'header/vsp.params:1: malformed section header "[vsp"'
bad emptykey '=1
' 'emptykey/vsp.params:1: empty key'
mkdir dir
cp "$data/conf-12c2s4n/hardware.params" "$data/conf-12c2s4n/vsp.nodes" dir/
mkdir dir/vsp.params
fails 2 "vsp-gen: dir/vsp.params: read error: Is a directory" vsp-gen -C dir -a ep
done_testing
