#!/bin/bash
# vsp-gen -X: every class of bad definition, its exact message, exit 2 and
# no output at all.
. "$(dirname "$0")/lib.sh"
conf=$data/conf-12c2s4n
cd "$tmp" || exit 2

cat >base.xml <<'E'
<?xml version="1.0"?>
<scenarios>
	<scenario>
		<experiment name="e1" trials="1">
			<cluster>
				<topology nc="16" cpv="4" />
				<mapping idf="8" pstrat="BAL_ONE" />
			</cluster>
			<app name="parpac" runs="2" />
		</experiment>
	</scenario>
</scenarios>
E

# bad NAME SED-SCRIPT MESSAGE: base.xml edited by SED-SCRIPT is refused.
bad() {
	sed "$2" base.xml >"$1.xml"
	fails 2 "vsp-gen: $1.xml:$3" vsp-gen -C "$conf" -X "$1.xml"
	is "$out" "" "$1: no rows"
}

mkdir one
cp "$conf/hardware.params" one/
echo node01 >one/vsp.nodes

run vsp-gen -C "$conf" -X base.xml
is "$rc: $err" "0: " "the base definition is valid"

# Files and XML syntax
fails 2 "vsp-gen: none.xml: No such file or directory" vsp-gen -C "$conf" -X none.xml
: >empty.xml
fails 2 "vsp-gen: empty.xml:1: malformed XML: Document is empty" vsp-gen -C "$conf" -X empty.xml
bad mismatch '8s|</cluster>|</clusters>|' "8: malformed XML: Opening and ending tag mismatch: cluster line 5 and clusters"
bad unclosed '12d' "12: malformed XML: Premature end of data in tag scenarios line 2"
bad amp 's/e1/e\&amp/' "4: malformed XML: EntityRef: expecting ';'"
bad noscenario '3,11d' "2: no <scenario> in <scenarios>"
bad noexp '4,10d' "3: <scenario> has no <experiment>"

# Structure: unknown or repeated elements and attributes
bad elem-root '3s/scenario/scenery/;11s/scenario/scenery/' "3: unknown element <scenery> in <scenarios> (expected <scenario>)"
bad elem-scenario '4s/experiment/exp/;10s/experiment/exp/' "4: unknown element <exp> in <scenario> (expected <experiment>)"
bad elem-exp '9a\
			<hosts/>' "10: unknown element <hosts> in <experiment>"
bad elem-cluster '7a\
			<deploy/>' "8: unknown element <deploy> in <cluster>"
bad twice '6a\
			<topology nc="8" cpv="4" />' "7: <cluster> holds a second <topology> (first on line 6)"
bad twoapps '9a\
			<app name="x" runs="1" />' "10: <experiment> holds a second <app> (first on line 9)"
bad attr-case 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" firstnodeindex="1"/' "7: unknown attribute \"firstnodeindex\" of <mapping>"
bad attr-scenario 's/<scenario>/<scenario id="1">/' "3: unknown attribute \"id\" of <scenario>"
bad attr-exp 's/trials="1"/trials="1" runs="3"/' "4: unknown attribute \"runs\" of <experiment>"

# Required parts
bad noname 's/ name="e1"//' "4: <experiment> has no \"name\" attribute"
bad notrials 's/ trials="1"//' "4: <experiment> has no \"trials\" attribute"
bad nocluster '5,8d' "4: experiment \"e1\" has no <cluster>"
bad noapp '9d' "4: experiment \"e1\" has no <app>: vsp needs an application to run"
bad notopo '6d' "5: <cluster> has no <topology>"
bad nomapping '7d' "5: <cluster> has no <mapping> (needed unless virtual=\"False\")"
bad nonc 's/nc="16" //' "6: <topology> has no \"nc\" attribute"
bad nocpv 's/ cpv="4"//' "6: <topology> has no \"cpv\" attribute"
bad noidf 's/idf="8" //' "7: <mapping> has no \"idf\" attribute"
bad nopstrat 's/ pstrat="BAL_ONE"//' "7: <mapping> has no \"pstrat\" attribute"
bad noappname 's/app name="parpac"/app/' "9: <app> has no \"name\" attribute"
bad noruns 's/ runs="2"//' "9: <app> has no \"runs\" attribute"
bad noprocpin 's|<app name="parpac" runs="2" />|<app name="parpac" runs="2"><tuning><knem>True</knem></tuning></app>|' "9: <tuning> of <app> has no <procpin>"

# Numbers
bad nc-x 's/nc="16"/nc="x"/' "6: nc \"x\" of <topology> is not an integer"
bad cpv-inner 's/cpv="4"/cpv=" 4 4 "/' "6: cpv \" 4 4 \" of <topology> is not an integer"
bad nc-blanks 's/nc="16"/nc=" 16\&#10;"/;s/cpv="4"/cpv="3"/' "4: experiment \"e1\": cpv 3 does not divide nc 16"
bad idf-float 's/idf="8"/idf="8.0"/' "7: idf \"8.0\" of <mapping> is not an integer"
bad first-x 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" firstNodeIndex="one"/' "7: firstNodeIndex \"one\" of <mapping> is not an integer"
bad trials-0 's/trials="1"/trials="0"/' "4: trials \"0\" of <experiment> is out of range (1 to 1000000)"
bad runs-neg 's/runs="2"/runs="-2"/' "9: runs \"-2\" of <app> is out of range (1 to 1000000)"
bad nc-huge 's/nc="16"/nc="99999999999999999999"/' "6: nc \"99999999999999999999\" of <topology> is out of range (-1073741824 to 1073741824)"

# Enumerations: named, never evaluated
bad pstrat 's/BAL_ONE/__import__(\&apos;os\&apos;)/' "7: unknown pstrat \"__import__('os')\" (NONE, GREEDY, BAL_ONE, BAL_SET, SPLIT)"
bad pstrat-two 's/BAL_ONE/BAL_TWO/' "7: unknown pstrat \"BAL_TWO\" (NONE, GREEDY, BAL_ONE, BAL_SET, SPLIT)"
bad network '7a\
			<technology network="sriov" />' "8: network \"sriov\" is not one of virtio vhost sr-iov"
bad disk '7a\
			<technology disk="sata" />' "8: disk \"sata\" is not one of ide scsi virtio"
bad network-case '7a\
			<technology network="VHOST" />' "8: network \"VHOST\" is not one of virtio vhost sr-iov"
bad infiniband '7a\
			<technology infiniband="yes" />' "8: infiniband \"yes\" is not True or False"
bad knem 's|<app name="parpac" runs="2" />|<app name="parpac" runs="2"><tuning><procpin>core</procpin><knem>1</knem></tuning></app>|' "9: knem \"1\" is not True or False"
bad procpin 's|<app name="parpac" runs="2" />|<app name="parpac" runs="2"><tuning><procpin>BIND_CORE</procpin></tuning></app>|' "9: procpin \"BIND_CORE\" is not one of slot hwthread core l1cache l2cache l3cache socket numa board none"
bad virtual 's/<cluster>/<cluster virtual="no">/' "5: virtual \"no\" is not True or False"
bad appname 's/name="parpac"/name="par pac"/' "9: app \"par pac\" is not a plain name ([A-Za-z0-9._-])"

# Placement against hardware.params (12 cores, 2 sockets) and vsp.nodes (4)
bad cpv-nc 's/cpv="4"/cpv="3"/;s/nc="16"/nc="16"/' "4: experiment \"e1\": cpv 3 does not divide nc 16"
bad cpv-cores 's/cpv="4"/cpv="16"/;s/idf="8"/idf="0"/' "4: experiment \"e1\": cpv 16 exceeds the 12 cores of a PM"
bad idf-nc 's/nc="16"/nc="8"/' "4: experiment \"e1\": idf 8 equals nc (use idf 0 for one PM)"
bad idf0 's/idf="8"/idf="0"/' "4: experiment \"e1\": nc 16 does not fit the 12 cores of one PM (idf 0)"
bad idf-cpv 's/idf="8"/idf="6"/;s/nc="16"/nc="24"/' "4: experiment \"e1\": cpv 4 does not divide idf 6"
bad pms 's/nc="16"/nc="48"/;s/idf="8"/idf="4"/' "4: experiment \"e1\": needs 12 PMs from PM 0 on but vsp.nodes lists 4"
bad first 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" firstNodeIndex="3"/' "4: experiment \"e1\": needs 2 PMs from PM 3 on but vsp.nodes lists 4"
bad first-big 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" firstNodeIndex="4"/' "4: experiment \"e1\": first 4 is not a PM index (vsp.nodes lists 4)"
bad phys-pstrat 's/idf="8"/idf="-1"/' "4: experiment \"e1\": pstrat BAL-ONE needs VMs (idf -1 is the physical cluster)"
bad phys-pms 's/<cluster>/<cluster virtual="False">/;s/cpv="4"/cpv="2"/;7d' "4: experiment \"e1\": needs 8 PMs from PM 0 on but vsp.nodes lists 4"

# The same experiment twice (names differ, nothing else)
bad repeat '11a\
	<scenario><experiment name="e2" trials="2"><cluster><topology nc="16" cpv="4" /><mapping idf="8" pstrat="BAL-ONE" /></cluster><app name="parpac" runs="2" /></experiment></scenario>' "12: experiment \"e2\" repeats experiment \"e1\" of line 4 (both are parpac-nc16-cpv4-idf8-bal-one-procpinnone-knemno): use trials to repeat one"

# Lines past 65535 (libxml2 keeps 16 bits unless told otherwise)
{ sed -n 1,3p base.xml; seq -f '<!-- %g -->' 70000; sed -n '4,$p' base.xml; } >big.xml
sed 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" firstNodeIndex="4"/' big.xml >big-first.xml
fails 2 'vsp-gen: big-first.xml:70004: experiment "e1": first 4 is not a PM index (vsp.nodes lists 4)' \
	vsp-gen -C "$conf" -X big-first.xml
sed 's/pstrat="BAL_ONE"/pstrat="BAL_ONE" first="4"/' big.xml >big-attr.xml
fails 2 'vsp-gen: big-attr.xml:70007: unknown attribute "first" of <mapping>' \
	vsp-gen -C "$conf" -X big-attr.xml
sed '70006a\
<topology nc="1" cpv="1"/>' big.xml >big-twice.xml
fails 2 'vsp-gen: big-twice.xml:70007: <cluster> holds a second <topology> (first on line 70006)' \
	vsp-gen -C "$conf" -X big-twice.xml
sed '70005s/$/ <!-- end -->/' big.xml | sed '70012s/<.scenarios>/<\/scenario>/' >big-bad.xml
fails 2 'vsp-gen: big-bad.xml:70012: malformed XML: Opening and ending tag mismatch: scenarios line 2 and scenario' \
	vsp-gen -C "$conf" -X big-bad.xml

# The original's resources that vsp refuses
cd "$data/xml" || exit 2
c12=$data/conf-12c2s12n
fails 2 'vsp-gen: empty-app.xml:4: experiment "exp1" has no <app>: vsp needs an application to run' \
	vsp-gen -C "$c12" -X empty-app.xml
fails 2 'vsp-gen: withFirstNode.xml:4: experiment "exp1" has no <app>: vsp needs an application to run' \
	vsp-gen -C "$c12" -X withFirstNode.xml
fails 2 'vsp-gen: scenario-example.xml:11: procpin "BIND_CORE" is not one of slot hwthread core l1cache l2cache l3cache socket numa board none' \
	vsp-gen -C "$c12" -X scenario-example.xml
# withFirstNode.xml with an <app>: exp3 starts at PM 12 of 12 (the original
# rejected it too: isFirstNodeIndexPermitted)
fails 2 'vsp-gen: app-firstnode.xml:34: experiment "exp3": first 12 is not a PM index (vsp.nodes lists 12)' \
	vsp-gen -C "$c12" -X app-firstnode.xml
is "$out" "" "app-firstnode.xml: no rows"
# two-exps.xml needs 2 PMs: on one PM its exp1 is refused (after the notes)
fails 2 'vsp-gen: two-exps.xml:9: <tuning> of <cluster> is ignored, as the original did
vsp-gen: two-exps.xml:29: <tuning> of <cluster> is ignored, as the original did
vsp-gen: two-exps.xml:4: experiment "exp1": idf 8 needs more than one PM (vsp.nodes lists 1)' \
	vsp-gen -C "$tmp/one" -X two-exps.xml

# -X with sweep options
fails 2 "vsp-gen: -X: the XML file defines the experiments: give no sweep options" \
	vsp-gen -C "$conf" -X base.xml -a parpac
fails 2 "vsp-gen: -X: the XML file defines the experiments: give no sweep options" \
	vsp-gen -C "$conf" -n 16 -X base.xml
# The older format (<experiments>): the same checks, and its own structure.
cd "$tmp" || exit 2
cat >old.xml <<'E'
<?xml version="1.0"?>
<experiments>
	<experiment name="e1" trials="1">
		<clusters>
			<cluster>
				<app name="parpac" runs="2">
					<tuning><procpin>BIND_SOCKET</procpin></tuning>
				</app>
				<topology nc="16" cpv="4" />
				<mapping idf="8" pstrat="BAL_ONE" />
			</cluster>
		</clusters>
	</experiment>
</experiments>
E
run vsp-gen -C "$conf" -X old.xml
is "$rc: $err: $(printf '%s\n' "$out" | cut -f12 | tail -1)" "0: : socket" "the older base definition is valid"

# oldbad NAME SED-SCRIPT MESSAGE: old.xml edited by SED-SCRIPT is refused.
oldbad() {
	sed "$2" old.xml >"$1.xml"
	fails 2 "vsp-gen: $1.xml:$3" vsp-gen -C "$conf" -X "$1.xml"
	is "$out" "" "$1: no rows"
}
oldbad old-noclusters '/<clusters>/,/<\/clusters>/d' '3: experiment "e1" has no <clusters>'
oldbad old-bare-cluster '/clusters>/d' '4: unknown element <cluster> in <experiment>'
oldbad old-nocluster '/<cluster>/,/<\/cluster>/d' '4: experiment "e1" has no <cluster>'
oldbad old-twoclusters '/<\/cluster>/a <cluster><app name="x" runs="1"/><topology nc="1" cpv="1"/><mapping idf="1" pstrat="NONE"/></cluster>' \
	'12: <clusters> holds a second <cluster> (first on line 5)'
oldbad old-noapp '/<app /,/<\/app>/d' '5: experiment "e1" has no <app>: vsp needs an application to run'
oldbad old-apptwice '/<topology/i <app name="x" runs="1"/>' '9: <cluster> holds a second <app> (first on line 6)'
oldbad old-procpin 's/BIND_SOCKET/BIND_NUMA/' '7: procpin "BIND_NUMA" is not one of slot hwthread core l1cache l2cache l3cache socket numa board none'
oldbad old-pstrat 's/BAL_ONE/BAL_TWO/' '10: unknown pstrat "BAL_TWO" (NONE, GREEDY, BAL_ONE, BAL_SET, SPLIT)'
oldbad old-scenario 's/<experiment /<scenario /; s/<\/experiment>/<\/scenario>/' \
	'3: unknown element <scenario> in <experiments> (expected <experiment>)'
oldbad old-trials 's/trials="1"/trials="0"/' '3: trials "0" of <experiment> is out of range (1 to 1000000)'
printf '<experiments/>\n' >old-empty.xml
fails 2 "vsp-gen: old-empty.xml:1: no <experiment> in <experiments>" vsp-gen -C "$conf" -X old-empty.xml
# The newer format still refuses the older one's spellings and structure.
cd "$tmp" || exit 2
bad new-procpin-true 's/<app name="parpac" runs="2" \/>/<app name="parpac" runs="2"><tuning><procpin>True<\/procpin><\/tuning><\/app>/' \
	'9: procpin "True" is not one of slot hwthread core l1cache l2cache l3cache socket numa board none'
bad new-app-in-cluster 's/<\/cluster>/<app name="x" runs="1"\/><\/cluster>/' '8: unknown element <app> in <cluster>'
done_testing
