#!/bin/bash
# bash completion comes from each tool's own table (--complete): the
# subcommands and options its usage names, pstrats, value kinds.
. "$(dirname "$0")/lib.sh"
. "$top/share/bash-completion/vsp"
complete_words() {	# the completions of the words given (last: being typed)
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_vsp
	printf '%s ' "${COMPREPLY[@]}"
}
# The subcommands a tool's usage names, in order ("hosts | dhcp" is two).
usage_subs() {
	"$1" -h 2>&1 | awk -v t="$1" '{ n = $1 == "usage:" ? 2 : 1 } $n == t {
		printf "%s ", $(n + 1); if ($(n + 2) == "|") printf "%s ", $(n + 3) }'
}
# The options a usage line names ([-C dir] [-PS] -d rundir), then -h.
usage_opts() {
	printf '%s\n' "$1" | grep -o -- '-[A-Za-z]\+' | sed 's/^-//; s/./-& /g' |
		tr -d '\n' | tr -s ' '
	printf -- '-h '
}
for tool in vsp-virt vsp-pbs vsp-mon; do
	subs=$(usage_subs $tool)
	is "$(complete_words $tool '')" "$subs" "$tool: the subcommands of its usage"
	for sub in $subs; do
		line=$("$tool" -h 2>&1 | grep -E " $tool ([a-z]+ \| )?$sub( |\$)|$tool [a-z]+ \| $sub " |
			sed "s/.* $tool //")
		want=$(usage_opts "${line#*$sub}" | tr ' ' '\n' | sort -u | tr '\n' ' ')
		got=$(complete_words $tool $sub - | tr ' ' '\n' | sort -u | tr '\n' ' ')
		is "$got" "$want" "$tool $sub: the options of its usage"
	done
done
is "$(complete_words vsp-pbs s)" "submit status script " "vsp-pbs status is completed"
is "$(complete_words vsp-mon start -)" "-C -d -n -m -t -h " "vsp-mon options"
is "$(complete_words vsp-gen -p BAL)" "BAL-ONE BAL-SET " "pstrats"
is "$(complete_words vsp-gen -a app -s)" "-s " "vsp-gen options"
is "$(complete_words vsp-report -)" "-o -P -S -C -m -b -j -r -i -e -h " "vsp-report options"
is "$(complete_words vsp-gen -a app -R)" "-R " "vsp-gen -R"
mkdir "$tmp/d1" && : >"$tmp/f1"
is "$(complete_words vsp-virt xml -o "$tmp/")" "$tmp/d1 " "a folder option offers folders"
is "$(complete_words vsp-mon start -n "$tmp/")" "$tmp/d1 $tmp/f1 " "a file option offers files"
is "$(complete_words vsp-pbs submit -R '')" " " "a value option offers nothing"
is "$(complete -p vsp-report)" "complete -F _vsp vsp-report" "every tool has it"
for tool in "$top"/bin/*; do
	run "$tool" --complete
	is "$rc:$(printf '%s\n' "$out" | grep -vc $'^[-a-z]*\t-[A-Za-z]\t')" "0:0" "${tool##*/} --complete"
done
done_testing
