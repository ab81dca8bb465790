#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Every reference to a section of docs/ABI.md, anywhere in the sources,
# names a section that exists.  A reference is "ABI.md" followed by
# section numbers ("docs/ABI.md 6.3", "ABI.md 3 and 7", "docs/ABI.md
# (sections 2, 3 and 5)"), an anchor ("docs/ABI.md#cid-walk", "](#cid-walk)"
# inside docs/ABI.md), or a quoted title ('docs/ABI.md, "The cid map"').
# spec/ABI.md is not in the tree: any mention of it is dangling.  Prints
# every dangling reference with its file and line, then the counts.
set -eu
: "${top_srcdir:?}"
doc=$top_srcdir/docs/ABI.md
[ -f "$doc" ] || { echo "FAIL: $doc is missing"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/doc-refs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# What exists: section numbers and titles of the headings, explicit
# <a id> anchors, and the GitHub slug of each heading.
sed -n 's/^#\{2,6\} \([0-9][0-9.]*\) .*/\1/p' "$doc" | sed 's/\.$//' >"$tmp/numbers"
sed -n 's/^#\{2,6\} \([0-9][0-9.]*\)\{0,1\} *//p' "$doc" |
	sed 's/^[0-9][0-9.]* //' | tr 'A-Z' 'a-z' >"$tmp/titles"
{
	grep -o '<a id="[^"]*"' "$doc" | sed 's/<a id="//; s/"$//'
	sed -n 's/^#\{1,6\} //p' "$doc" | tr 'A-Z' 'a-z' |
		sed 's/[^a-z0-9 _-]//g; s/ /-/g'
} >"$tmp/anchors"

# The sources: git's list when the source tree is a checkout, else every
# text file of the source tree that is not generated
# (a tarball unpacked inside some other checkout is not one).
if [ "$(git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$top_srcdir" && pwd -P)" ]; then
	git -C "$top_srcdir" ls-files --cached --others --exclude-standard
else
	(cd "$top_srcdir" && find . -type f ! -path './.git/*' ! -path './autom4te.cache/*' \
		! -path '*/man/man3/*' ! -path './build-aux/*' ! -path './_build/*' ! -path './_inst/*' ! -name 'Makefile' ! -name 'Makefile.in' \
		! -name configure ! -name aclocal.m4 ! -name '*.log' ! -name '*.trs' | sed 's|^\./||')
fi | grep -v -e '^LICENSES/' -e '^tests/unit/check-doc-refs\.sh$' >"$tmp/files"

pass=0 fail=0
bad() { echo "FAIL: $1: $2"; fail=$((fail + 1)); }
num='[0-9][0-9]*\(\.[0-9][0-9]*\)*'
while IFS= read -r f; do
	p=$top_srcdir/$f
	[ -f "$p" ] || continue
	grep -Iq . "$p" 2>/dev/null || continue
	case $f in docs/ABI.md) self=1 ;; *) self=0 ;; esac
	# one reference per line of output: FILE:LINE:TEXT
	grep -n -o -e "ABI\.md#[A-Za-z0-9_-]*" \
		-e "ABI\.md,\{0,1\} (\{0,1\}\(sections\{0,1\} \)\{0,1\}§\{0,1\}$num\(\(, \| and \| or \)$num\)*" \
		-e "ABI\.md,\{0,1\} (\{0,1\}\"[^\"]*\"" \
		-e "spec/ABI\.md" "$p" 2>/dev/null | sed "s|^|$f:|" >>"$tmp/refs" || true
	[ $self = 1 ] && grep -n -o '](#[A-Za-z0-9_-]*)' "$p" | sed "s|^|$f:|; s|](#|ABI.md#|; s|)\$||" >>"$tmp/refs" || true
done <"$tmp/files"
touch "$tmp/refs"

while IFS= read -r ref; do
	where=${ref%%:ABI.md*}
	case $ref in
	*spec/ABI.md*)
		bad "${ref%%:spec/ABI.md*}" "spec/ABI.md is not in the tree; cite a section of docs/ABI.md"
		continue ;;
	esac
	text=${ref#"$where":}
	case $text in
	'ABI.md#'*)
		a=${text#ABI.md#}
		if grep -qxF -- "$a" "$tmp/anchors"; then pass=$((pass + 1)); else bad "$where" "no anchor #$a in docs/ABI.md"; fi ;;
	*'"'*)
		t=$(printf '%s\n' "$text" | sed 's/^[^"]*"//; s/"$//' | tr 'A-Z' 'a-z')
		if grep -qxF -- "$t" "$tmp/titles"; then pass=$((pass + 1)); else bad "$where" "no section titled \"$t\" in docs/ABI.md"; fi ;;
	*)
		for n in $(printf '%s\n' "$text" | sed 's/^ABI\.md//' | grep -o "$num"); do
			if grep -qxF -- "$n" "$tmp/numbers"; then pass=$((pass + 1)); else bad "$where" "no section $n in docs/ABI.md ($text)"; fi
		done ;;
	esac
done <"$tmp/refs"

# a scan that finds nothing is broken, not clean
[ -s "$tmp/refs" ] || bad "$top_srcdir" "no reference to docs/ABI.md found at all"

echo "check-doc-refs: $(wc -l <"$tmp/files") files, $(wc -l <"$tmp/refs") references, $(wc -l <"$tmp/numbers") numbered sections, $(wc -l <"$tmp/anchors") anchors"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
