# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Conversion costs per cpu (docs/PERFORMANCE.md, "cid map and conversions"):
# bench/convert_bench with no argument uses the 256-cpu fixture, with a
# sysfs root any tree.  Included from bench/local.mk after bench_programs.
bench_programs += bench/convert_bench
bench_convert_bench_SOURCES = bench/convert_bench.c
bench_convert_bench_CPPFLAGS = $(AM_CPPFLAGS) -DCONVERT_SRCDIR='"$(abs_top_srcdir)"'
bench_convert_bench_LDADD = libscxcmask/libscxcmask.la
