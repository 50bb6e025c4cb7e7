#!/bin/bash
# Every vsp.params setting is documented in vsp(7) with its default.
. "$(dirname "$0")/lib.sh"
sed -n 's/^	{ "\([a-z_0-9]*\)", "\(.*\)" },$/\1=\2/p' "$top/lib/params.c" >"$tmp/settings"
is "$(wc -l <"$tmp/settings" | awk '$1 > 40 { print "many" }')" many "the settings table is read"
MANWIDTH=200 man -l "$top/man/vsp.7" 2>/dev/null | sed -n '/^SETTINGS/,/^APPLICATIONS/p' |
	sed 's/^ *//' >"$tmp/man"
while IFS= read -r kv; do
	is "$(grep -Fxc -- "$kv" "$tmp/man")" 1 "vsp(7) documents $kv"
done <"$tmp/settings"
done_testing
