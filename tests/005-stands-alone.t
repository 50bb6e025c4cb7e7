#!/bin/bash
# The project stands alone: no file points to documents outside it (vsp(7)
# and the tools' pages are the contract).
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
refs=$(grep -rlE 'DESIGN\.md|RUNNING-REAL-PARTS\.md|STYLE\.md|/work/shared|\.\./shared' \
	--exclude='*.[oad]' --exclude-dir=.git --exclude=005-stands-alone.t \
	lib tools tests man share bench .ci Makefile README.md HACKING 2>/dev/null)
is "$refs" "" "no references to documents outside the project"
done_testing
