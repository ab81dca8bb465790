#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# 'scxcmask map --svg' on machines of 2, 64 and 256 cpus and on a guest
# with a tail of offline cpus: well-formed SVG holding every possible cpu
# with its cid (svg-check.py), and, where Debian's chromium is installed,
# a headless rendering to PNG of the right size.  SVG_REQUIRE_CHROMIUM=1
# (the CI stage) makes a missing chromium a failure.  The pictures stay in
# tests/unit/svg-work/ of the build tree, and their sizes are printed.
set -eu
. "$top_srcdir/tests/unit/tool-env.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
work=$top_builddir/tests/unit/svg-work
rm -rf "$work"
mkdir -p "$work"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "note: chromium is not installed: the SVGs are checked, not rendered"
	if [ "${SVG_REQUIRE_CHROMIUM:-0}" = 1 ]; then
		echo "FAIL: SVG_REQUIRE_CHROMIUM=1 and no chromium (scripts/install-deps.sh --ci installs it)"
		fail=$((fail + 1))
	fi
fi

render() {	# render SVG PNG: headless chromium, at the SVG's own size
	size=$(sed -n 's/.*<svg [^>]*width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$1" | head -n 1)
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$tmp/chromium" --window-size="$size" \
		--screenshot="$2" "file://$1" >"$tmp/chromium.log" 2>&1
}

for case in realsysfs/2arm-2c realsysfs/64amd64-4p2n4ca2co realsysfs/256ppc-8n8s4t vm/maxcpus-k73; do
	name=$(basename "$case")
	root=$tmp/$name
	mkdir -p "$root"
	if [ -d "$top_srcdir/tests/fixtures/$case" ]; then
		tar -xzf "$top_srcdir/tests/fixtures/$case/sysfs.tar.gz" -C "$root"
	else
		tar -xzf "$top_srcdir/tests/fixtures/$case.tar.gz" -C "$root"
	fi
	"$tool" map --sysfs "$root" --json >"$work/$name.json"
	if ! "$tool" map --sysfs "$root" --svg "$work/$name.svg"; then
		echo "FAIL: $name: scxcmask map --svg failed"
		fail=$((fail + 1))
		continue
	fi
	png=
	if [ -n "$chromium" ]; then
		png=$work/$name.png
		if ! render "$work/$name.svg" "$png" || [ ! -s "$png" ]; then
			echo "FAIL: $name: chromium did not render the SVG:"
			sed 's/^/  /' "$tmp/chromium.log" | tail -n 20
			fail=$((fail + 1))
			continue
		fi
	fi
	if python3 "$top_srcdir/tests/unit/svg-check.py" "$work/$name.json" "$work/$name.svg" $png \
		>"$tmp/check" 2>&1; then
		pass=$((pass + 1))
		sed "s/^/$name: /" "$tmp/check"
	else
		fail=$((fail + 1))
		sed "s/^/$name: /" "$tmp/check"
	fi
done

# The checker must catch a wrong label: swap two cids in a copy.
sed 's/>cid 0</>cid 9</' "$work/2arm-2c.svg" >"$tmp/bad.svg"
if python3 "$top_srcdir/tests/unit/svg-check.py" "$work/2arm-2c.json" "$tmp/bad.svg" >"$tmp/check" 2>&1; then
	echo "FAIL: svg-check.py accepted a cpu labelled with a wrong cid"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
	echo "caught: $(cat "$tmp/check")"
fi
# Writing to an unwritable file is an error with a message.
if "$tool" map --sysfs "$tmp/2arm-2c" --svg /nonexistent/dir/x.svg 2>"$tmp/err"; then
	echo "FAIL: --svg into a missing directory exited 0"
	fail=$((fail + 1))
elif grep -q "cannot create '/nonexistent/dir/x.svg'" "$tmp/err"; then
	pass=$((pass + 1))
else
	echo "FAIL: --svg error message: $(cat "$tmp/err")"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
