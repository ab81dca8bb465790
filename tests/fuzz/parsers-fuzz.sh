#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# parsers-fuzz.sh SRCDIR BUILDDIR [SECONDS]
#
# Builds the cpulist, hexmask, cidlist and convert fuzz targets with
# libFuzzer, AddressSanitizer (leak checks included) and UBSan, the
# parsers' sources (convert: the library's) compiled in, and fuzzes each
# for SECONDS (default 60), starting from the committed seeds in
# SRCDIR/tests/fuzz/corpus/NAME and keeping what it finds in
# BUILDDIR/tests/fuzz/NAME-corpus.  Any crash, leak or UB report fails;
# the input is left in BUILDDIR/tests/fuzz/NAME-crashes.  Exits 77 when no
# clang links -fsanitize=fuzzer (Debian: libclang-rt-19-dev).
set -uo pipefail
src=$(cd "${1:?usage: parsers-fuzz.sh SRCDIR BUILDDIR [SECONDS]}" && pwd)
build=$(cd "${2:?usage: parsers-fuzz.sh SRCDIR BUILDDIR [SECONDS]}" && pwd)
secs=${3:-60}
out=$build/tests/fuzz
mkdir -p "$out" || exit 1
[ -f "$build/config.h" ] || { echo "parsers-fuzz: $build is not configured" >&2; exit 1; }

. "$src/tests/fuzz/fuzz-cc.sh"
fuzz_cc parsers-fuzz

lib="$src/libscxcmask"
parsers=("$lib/bitrange.c" "$lib/textout.c" "$lib/cpulist.c" "$lib/hexmask.c" "$lib/cidlist.c"
	"$lib/errmsg.c" "$lib/cmask.c")
# the conversion target (convert) needs the cid maps too, and they ask
# the BTF check for the kernel's generation: the whole library, with
# libbpf when it was configured (as the library itself links it)
library=("$lib"/*.c)
libs=()
grep -q '^#define HAVE_LIBBPF 1' "$build/config.h" && libs=($(pkg-config --libs libbpf))
failed=0 total=0
for t in cpulist hexmask cidlist convert; do
	srcs=("${parsers[@]}")
	[ "$t" != convert ] || srcs=("${library[@]}")
	echo "parsers-fuzz: $t: building with $cc ($("$cc" -dumpversion))"
	"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$build" -I"$build/include" -I"$src/include" -I"$src/common" -I"$lib" \
		-I"$src/tests/unit" "$src/tests/fuzz/${t}_fuzz.c" "${srcs[@]}" \
		$([ "$t" != convert ] || echo "${libs[@]}") -o "$out/${t}_fuzz_lf" || exit 1
	mkdir -p "$out/$t-corpus" "$out/$t-crashes"
	echo "parsers-fuzz: $t: fuzzing for ${secs}s"
	rc=0
	"$out/${t}_fuzz_lf" -max_total_time="$secs" -rss_limit_mb=2048 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$out/$t-crashes/" \
		"$out/$t-corpus" "$src/tests/fuzz/corpus/$t" >"$out/$t-fuzz.log" 2>&1 || rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$t-fuzz.log" | tail -n 1)
	grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$out/$t-fuzz.log"
	if [ $rc -ne 0 ] || [ -z "$runs" ]; then
		tail -n 40 "$out/$t-fuzz.log"
		echo "parsers-fuzz: $t: FAILED; inputs in $out/$t-crashes: $(ls "$out/$t-crashes")"
		failed=$((failed + 1))
	else
		echo "parsers-fuzz: $t: $runs runs, corpus $(ls "$out/$t-corpus" | wc -l) inputs"
		total=$((total + runs))
	fi
done
echo "$total passed, $failed failed"
[ $failed -eq 0 ]
