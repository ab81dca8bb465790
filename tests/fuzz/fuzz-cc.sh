# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Sourced by the libFuzzer drivers.  fuzz_cc NAME sets $cc to the first clang
# that links -fsanitize=fuzzer,address ($FUZZ_CC first, then the newest
# versioned clang), or prints why not and exits 77: Debian ships the fuzzer
# runtime apart from the compiler, in libclang-rt-NN-dev.
fuzz_cc() {
	local probe c
	probe=$(mktemp -d) || exit 1
	echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n; }' \
		>"$probe/t.c"
	cc=
	for c in ${FUZZ_CC:-} clang-21 clang-20 clang-19 clang; do
		command -v "$c" >/dev/null 2>&1 || continue
		if "$c" -fsanitize=fuzzer,address "$probe/t.c" -o "$probe/t" >/dev/null 2>&1; then
			cc=$c
			break
		fi
	done
	rm -rf "$probe"
	if [ -z "$cc" ]; then
		echo "SKIP: $1: no clang links -fsanitize=fuzzer (install libclang-rt-19-dev)"
		exit 77
	fi
}
