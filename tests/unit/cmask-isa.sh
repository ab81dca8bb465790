#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Runs the cmask property tests (inline and out-of-line builds) once per
# dispatch target of the library's wide word loops: SCXCMASK_FORCE_ISA
# selects "generic" or "avx2" (the latter only where the CPU has AVX2; on
# other CPUs that pass is skipped, saying so).  The default run of the same
# programs (make check) takes whatever the CPU picks.
set -u
pass=0 fail=0 skip=0
isas=generic
if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
	isas="generic avx2"
else
	echo "SKIP: the avx2 target: this CPU has no AVX2 (/proc/cpuinfo)"
	skip=$((skip + 1))
fi
for isa in $isas; do
	for prog in tests/unit/test_cmask_prop tests/unit/test_cmask_prop_noinline; do
		if SCXCMASK_FORCE_ISA=$isa CK_VERBOSITY=minimal ./$prog; then
			echo "PASS: $prog with SCXCMASK_FORCE_ISA=$isa"; pass=$((pass + 1))
		else
			echo "FAIL: $prog with SCXCMASK_FORCE_ISA=$isa"; fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
