# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Benchmarks: built and run by 'make bench', never by 'make' or
# 'make check' (timings belong in docs/PERFORMANCE.md, not in tests).
# Other benchmarks append to bench_programs.
bench_programs = bench/cmask_bench
EXTRA_PROGRAMS = $(bench_programs)
CLEANFILES += $(bench_programs)

bench_cmask_bench_SOURCES = bench/cmask_bench.c
bench_cmask_bench_CFLAGS = $(AM_CFLAGS) $(HWLOC_CFLAGS)
bench_cmask_bench_LDADD = libscxcmask/libscxcmask.la $(HWLOC_LIBS)

include bench/cidmap.mk
include bench/arena.mk
include bench/convert.mk

.PHONY: bench
bench: $(bench_programs)
	@for b in $(bench_programs); do echo "== $$b"; ./$$b || exit 1; done
