#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
# ci-time-limit: 1500
#
# 'make check' under AddressSanitizer + UndefinedBehaviorSanitizer, built
# out of tree with gcc and with clang (-Wall -Wextra as errors), then a
# plain optimized build with each compiler, also warning-free.  The Check
# summaries of every sanitized run are printed.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
top=$ci_top
work=$(mktemp -d "${TMPDIR:-/tmp}/scxcmask-san.XXXXXX")
# kept when something fails, for its logs
trap '[ ${#failed[@]} -eq 0 ] && rm -rf "$work"' EXIT
failed=()
jobs=$(( $(nproc) < 2 ? $(nproc) : 2 ))

# An out-of-tree build needs an unconfigured source tree; CI's is
# configured in place by ./setup.sh, so build from a pristine copy.
src=$work/src
ci_fresh_src "$src"

# The clang whose sanitizer runtime is installed: clang-19 needs
# libclang-rt-19-dev (scripts/install-deps.sh --ci), plain clang its own.
pick_clang() {
	local c
	for c in clang-19 clang; do
		command -v "$c" >/dev/null 2>&1 || continue
		echo 'int main(void) { return 0; }' >"$work/t.c"
		if "$c" -fsanitize=address,undefined "$work/t.c" -o "$work/t" 2>/dev/null; then
			echo "$c"
			return
		fi
	done
}
clang=$(pick_clang)

export ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# build NAME CC [configure args...]: configure, build, and with sanitizers run 'make check'
build() {
	local name=$1 cc=$2 dir=$work/$1
	shift 2
	echo "== $name: CC=$cc $*"
	mkdir -p "$dir"
	if ! (cd "$dir" && "$src/configure" -q CC="$cc" "$@" >configure.out 2>&1); then
		tail -n 30 "$dir/configure.out"; failed+=("$name (configure)"); return
	fi
	if ! make -C "$dir" -s -j"$jobs" >"$dir/build.out" 2>&1; then
		grep -E 'error|warning' "$dir/build.out" | head -n 40 || tail -n 40 "$dir/build.out"
		failed+=("$name (build)"); return
	fi
	case " $* " in
	*" --enable-sanitizers "*)
		if ! make -C "$dir" -s -j"$jobs" check >"$dir/check.out" 2>&1; then
			tail -n 40 "$dir/check.out"
			find "$dir" -name test-suite.log -exec cat {} + | head -n 300
			failed+=("$name (make check)")
		fi
		"$top/.ci/summaries.sh" "$dir"
		;;
	esac
}

build gcc-asan-ubsan gcc --enable-sanitizers --enable-werror
if [ -n "$clang" ]; then
	build clang-asan-ubsan "$clang" --enable-sanitizers --enable-werror
else
	echo "no clang with a sanitizer runtime (install libclang-rt-19-dev)"
	failed+=("clang (missing)")
fi
build gcc-O2-werror gcc --enable-werror
[ -n "$clang" ] && build clang-O2-werror "$clang" --enable-werror

if [ ${#failed[@]} -ne 0 ]; then
	echo "sanitizers: FAILED: ${failed[*]} (logs kept in $work)"
	exit 1
fi
echo "sanitizers: gcc and ${clang} builds warning-free, make check clean under ASan+UBSan"
