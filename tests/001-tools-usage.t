#!/bin/bash
# Every tool: -h prints a usage line and exits 2; a man page that formats
# without warnings.
. "$(dirname "$0")/lib.sh"
for tool in "$top"/bin/*; do
	name=${tool##*/}
	run "$tool" -h
	is "$rc" 2 "$name -h exits 2"
	is "${err%%$'\n'*}" "$(printf '%s\n' "$err" | grep -m1 "^usage: $name")" "$name -h prints its usage"
	is "$(printf '%s' "$err" | grep -c "^usage: $name")" 1 "$name usage names the tool"
	is "$([ -f "$top/man/$name.1" ] && echo yes)" yes "$name has a man page"
	is "$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$top/man/$name.1" 2>&1 >/dev/null)" "" "$name.1 formats cleanly"
done
is "$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$top/man/vsp.7" 2>&1 >/dev/null)" "" "vsp.7 formats cleanly"
done_testing
