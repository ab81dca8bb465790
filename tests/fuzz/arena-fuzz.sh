#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# arena-fuzz.sh SRCDIR BUILDDIR [SECONDS]
#
# Builds tests/fuzz/arena_fuzz.c with libFuzzer, AddressSanitizer and
# UBSan (the arena view's sources compiled in) and fuzzes it for SECONDS
# (default 60), keeping the corpus in BUILDDIR/tests/fuzz/arena-corpus.
# Prints "arena-fuzz: N passed, 0 failed" (N = inputs run) or the crash and
# the input that caused it.  Exits 77 when no clang can link -fsanitize=fuzzer
# (Debian: libclang-rt-NN-dev).
set -uo pipefail
src=$(cd "${1:?usage: arena-fuzz.sh SRCDIR BUILDDIR [SECONDS]}" && pwd)
build=$(cd "${2:?usage: arena-fuzz.sh SRCDIR BUILDDIR [SECONDS]}" && pwd)
secs=${3:-60}
out=$build/tests/fuzz
mkdir -p "$out/arena-corpus" "$out/arena-crashes" || exit 1
[ -f "$build/config.h" ] || { echo "arena-fuzz: $build is not configured" >&2; exit 1; }

. "$src/tests/fuzz/fuzz-cc.sh"
fuzz_cc arena-fuzz

libs=()
grep -q '^#define HAVE_LIBBPF 1' "$build/config.h" && libs=($(pkg-config --libs libbpf))
echo "arena-fuzz: building with $cc ($("$cc" -dumpversion))"
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I"$build" -I"$build/include" -I"$src/include" -I"$src/common" -I"$src/libscxcmask" \
	"$src/tests/fuzz/arena_fuzz.c" "$src/libscxcmask/arena.c" "$src/libscxcmask/errmsg.c" \
	"$src/libscxcmask/cmask.c" "$src/libscxcmask/opts.c" "${libs[@]}" -o "$out/arena_fuzz_lf" || exit 1

echo "arena-fuzz: fuzzing for ${secs}s"
"$out/arena_fuzz_lf" -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$out/arena-crashes/" "$out/arena-corpus" >"$out/arena-fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/arena-fuzz.log" | tail -n 1)
grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$out/arena-fuzz.log"
echo "corpus: $(ls "$out/arena-corpus" | wc -l) inputs"
if [ $rc -ne 0 ] || [ -z "$runs" ]; then
	tail -n 40 "$out/arena-fuzz.log"
	echo "arena-fuzz: crash inputs in $out/arena-crashes: $(ls "$out/arena-crashes")"
	echo "arena-fuzz: ${runs:-0} passed, 1 failed"
	exit 1
fi
echo "arena-fuzz: $runs passed, 0 failed"
