#!/bin/bash
# Every fuzz target (tests/fuzz) on its seeds: the project's test data and
# the edge cases of tests/fuzz/corpus. Bad input may end in an error
# (status 1 or 2), never in a signal or a sanitizer's report.
. "$(dirname "$0")/lib.sh"
export ASAN_OPTIONS=abort_on_error=1 UBSAN_OPTIONS=abort_on_error=1:print_stacktrace=1
for src in "$top"/tests/fuzz/fuzz-*.c; do
	bin=${src%.c} t=${src##*/fuzz-}
	t=${t%.c}
	if [ ! -x "$bin" ]; then
		is "missing" "built" "fuzz-$t is built (make check builds it)"
		continue
	fi
	rm -rf "$tmp/seeds"
	"$top/tests/fuzz/seeds" "$t" "$tmp/seeds"
	n=0 bad=
	for f in "$tmp"/seeds/*; do
		n=$((n + 1))
		"$bin" <"$f" >/dev/null 2>"$tmp/err"
		st=$?
		if [ "$st" -gt 2 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
			bad="$bad ${f##*/} (status $st: $(grep -m1 'ERROR\|runtime error' "$tmp/err"))"
		fi
	done
	is "$n:$bad" "$n:" "fuzz-$t: $n inputs, none crashes"
done
done_testing
