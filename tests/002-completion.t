#!/bin/bash
# bash completion: subcommands, options and pstrats.
. "$(dirname "$0")/lib.sh"
. "$top/share/bash-completion/vsp"
complete_words() {	# the completions of the words given (last: being typed)
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_vsp
	printf '%s ' "${COMPREPLY[@]}"
}
is "$(complete_words vsp-virt '')" "up down xml ls hosts dhcp net " "vsp-virt subcommands"
is "$(complete_words vsp-pbs s)" "submit script " "vsp-pbs subcommands"
is "$(complete_words vsp-mon start -)" "-C -d -n -m -t -h " "vsp-mon options"
is "$(complete_words vsp-gen -p BAL)" "BAL-ONE BAL-SET " "pstrats"
is "$(complete_words vsp-gen -a app -s)" "-s " "vsp-gen options"
is "$(complete_words vsp-report -)" "-o -P -S -C -m -b -j -r -i -e -h " "vsp-report options"
is "$(complete_words vsp-gen -a app -R)" "-R " "vsp-gen -R"
is "$(complete -p vsp-report)" "complete -F _vsp vsp-report" "every tool has it"
done_testing
