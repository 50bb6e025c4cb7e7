#!/bin/bash
# vsp-pbs on the local backend: runs here, one at a time.
. "$(dirname "$0")/lib.sh"
. "$top/tests/pbs-cases.sh"
pbs_cases local
done_testing
