# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The cid map's build cost (docs/PERFORMANCE.md, "cid map and conversions"):
# bench/cidmap_bench with no argument times the two 256-cpu trees, with a
# sysfs root any tree.  Included from bench/local.mk after bench_programs.
bench_programs += bench/cidmap_bench
bench_cidmap_bench_SOURCES = bench/cidmap_bench.c
bench_cidmap_bench_CPPFLAGS = $(AM_CPPFLAGS) -DCIDMAP_SRCDIR='"$(abs_top_srcdir)"'
bench_cidmap_bench_LDADD = libscxcmask/libscxcmask.la
