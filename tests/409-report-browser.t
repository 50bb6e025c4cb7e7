#!/bin/bash
# index.html in a real browser (headless Chromium, 1280 px wide): every
# image and every link loads, the page does not scroll sideways, the
# answers come first; a screenshot is kept for a person to look at
# (VSP_SHOT=file.png copies it out).
# tier: real (headless Chromium)
. "$(dirname "$0")/lib.sh"

if ! command -v chromium >/dev/null; then
	echo "Bail out! chromium is not installed (make deps check installs it)"
	exit 1
fi
pg=
trap '[ -n "$pg" ] && kill -KILL -"$pg" 2>/dev/null; rm_tmp' EXIT

# browse PAGE ARGS...: Chromium on file PAGE, in its own process group,
# with a fresh profile; prints what it prints.
browse() {
	local page=$1 profile
	shift
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	setsid timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$profile" \
	    --allow-file-access-from-files --window-size=1280,900 \
	    --virtual-time-budget=10000 "$@" "file://$page" 2>"$tmp/chromium.err" &
	pg=$!
	wait $pg
	local rc=$?
	pg=
	return $rc
}

# The checks run in the page: a copy of index.html beside it, with a script
# that tries every image and link after load and writes what failed.
check_page() {
	local dir=$1
	sed 's|</body>|<script>\
window.addEventListener("load", function () {\
	var out = [], i, x, r, w;\
	for (i = 0; i < document.images.length; i++) {\
		x = document.images[i];\
		if (!x.complete \|\| x.naturalWidth === 0)\
			out.push("image " + x.getAttribute("src"));\
	}\
	for (i = 0; i < document.links.length; i++) {\
		x = document.links[i].getAttribute("href");\
		try { r = new XMLHttpRequest(); r.open("GET", x, false); r.send(); }\
		catch (e) { out.push("link " + x); }\
	}\
	w = document.documentElement.scrollWidth;\
	if (w > window.innerWidth) out.push("scrolls sideways: " + w + " px wide");\
	out.push("images " + document.images.length + " links " + document.links.length);\
	var p = document.createElement("pre");\
	p.id = "vsp-check"; p.textContent = out.join("\\n");\
	document.body.appendChild(p);\
});\
</script></body>|' "$dir/index.html" >"$dir/check.html"
	browse "$dir/check.html" --dump-dom |
	    sed -n '/<pre id="vsp-check">/,/<\/pre>/p' |
	    sed 's/<pre id="vsp-check">//; s|</pre>.*||'
	rm -f "$dir/check.html"
}

cd "$tmp" || exit 1
sh "$data/report/mkfixture.sh" . >metrics.tsv
vsp-report -o report metrics.tsv 2>/dev/null
is "$?" 0 "a report with plots"
got=$(check_page "$tmp/report")
is "$(printf '%s\n' "$got" | grep -v '^images ')" "" \
    "Chromium: every image and link loads, no sideways scrolling at 1280 px"
is "$(printf '%s\n' "$got" | grep -c '^images 21 links [0-9]')" 1 \
    "  it saw the 21 plots ($(printf '%s\n' "$got" | grep '^images '))"

browse "$tmp/report/index.html" --screenshot="$tmp/shot.png" >/dev/null 2>&1
is "$(file -b "$tmp/shot.png" | cut -d, -f1,2)" "PNG image data, 1280 x 900" "a screenshot at 1280 px"
[ -n "${VSP_SHOT:-}" ] && cp "$tmp/shot.png" "$VSP_SHOT"

# The answers come before the means, the means before the plots.
is "$(grep -o '<h2>[A-Za-z ]*</h2>' report/index.html | tr '\n' ' ')" \
    "<h2>Answers</h2> <h2>Means</h2> <h2>Plots</h2> <h2>Tables</h2> <h2>Experiments</h2> " \
    "the order of the sections"

# The checks can fail: a missing plot, a dead link, a page too wide.
rm report/plots/mops-vs-nc-ep-cpv2-idf2.png
sed -i 's|</h1>|</h1><a href="nowhere.csv">x</a><div style="width: 2000px">wide</div>|' report/index.html
got=$(check_page "$tmp/report")
is "$(printf '%s\n' "$got" | grep -v '^images ' | sed 's/: [0-9]* px wide//')" \
    "image plots/mops-vs-nc-ep-cpv2-idf2.png
link nowhere.csv
link plots/mops-vs-nc-ep-cpv2-idf2.png
scrolls sideways" "a missing image, a dead link and a wide page are found"
done_testing
