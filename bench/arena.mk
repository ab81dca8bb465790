# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The arena view's checks (docs/PERFORMANCE.md, "Arena view"): bench/arena_bench.
# Included from bench/local.mk after bench_programs.
bench_programs += bench/arena_bench
bench_arena_bench_SOURCES = bench/arena_bench.c
bench_arena_bench_LDADD = libscxcmask/libscxcmask.la
