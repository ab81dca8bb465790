# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# BPF tests on the running kernel: the agreement test (BPF helpers vs the
# library, tests/bpf/agree*) and the verifier budget (tests/bpf/budget*).
# Every BPF object is built in each mode: native __arena (clang >= 19) and
# the asm-cast fallback forced on the same clang; the budget also with
# bpf_for loops, for comparison.  They need root and arenas, else exit 77.
EXTRA_DIST += \
	tests/bpf/agree.bpf.c \
	tests/bpf/budget.bpf.c \
	tests/bpf/bench.bpf.c \
	tests/bpf/test.bpf.h \
	tests/bpf/bench.h

if HAVE_BPF

tests_bpf_clang = $(bpf_compile) -I$(top_srcdir)/tests/bpf
tests_bpf_deps = $(top_srcdir)/tests/bpf/test.bpf.h $(top_srcdir)/tests/bpf/agree.h \
	$(top_srcdir)/bpf/scxcmask/cmask.bpf.h $(top_srcdir)/bpf/scxcmask/arena.bpf.h \
	$(top_srcdir)/common/scxcmask/cmask_ops.h $(top_srcdir)/common/scxcmask/cmask_defs.h
# fallback: forced asm casts, and a vmlinux.h-like struct scx_cmask with
# preserve_access_index that must not leak into arena accesses
tests_bpf_fallback_flags = -DSCXCMASK_BPF_FORCE_ASM_CAST -DAGREE_VMLINUX_SCX

tests/bpf/%_native.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -c $< -o $@
tests/bpf/%_fallback.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) $(tests_bpf_fallback_flags) -c $< -o $@
tests/bpf/%_bpffor.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -DSCXCMASK_BPF_LOOP_BPF_FOR -c $< -o $@
# global: the helpers as global subprograms (SCXCMASK_BPF_GLOBAL_FUNCS), with
# native __arena and with the asm casts
tests/bpf/%_global.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -DSCXCMASK_BPF_GLOBAL_FUNCS -c $< -o $@
tests/bpf/%_globalfb.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) $(tests_bpf_fallback_flags) \
		-DSCXCMASK_BPF_GLOBAL_FUNCS -c $< -o $@
tests/bpf/%.skel.h: tests/bpf/%.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton $< name $* > $@.tmp && mv $@.tmp $@

tests_bpf_cppflags = $(AM_CPPFLAGS) -I$(top_builddir)/tests/bpf -I$(top_srcdir)/tests/bpf \
	$(LIBBPF_CFLAGS)
tests_bpf_ldadd = libscxcmask/libscxcmask.la $(LIBBPF_LIBS)

check_PROGRAMS += tests/bpf/agree-native tests/bpf/agree-fallback tests/bpf/agree-bpffor \
	tests/bpf/agree-global tests/bpf/agree-globalfb \
	tests/bpf/budget-native tests/bpf/budget-fallback tests/bpf/budget-bpffor \
	tests/bpf/budget-global
TESTS += tests/bpf/agree-native tests/bpf/agree-fallback tests/bpf/agree-bpffor \
	tests/bpf/agree-global tests/bpf/agree-globalfb \
	tests/bpf/budget-native tests/bpf/budget-fallback tests/bpf/budget-bpffor \
	tests/bpf/budget-global

tests_bpf_agree_native_SOURCES = tests/bpf/agree.c tests/bpf/agree.h tests/bpf/arena_probe.h
tests_bpf_agree_native_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_agree_native_LDADD = $(tests_bpf_ldadd)
tests_bpf_agree_fallback_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_agree_fallback_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_FALLBACK
tests_bpf_agree_fallback_LDADD = $(tests_bpf_ldadd)
tests_bpf_agree_bpffor_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_agree_bpffor_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_BPF_FOR
tests_bpf_agree_bpffor_LDADD = $(tests_bpf_ldadd)

tests_bpf_agree_global_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_agree_global_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_GLOBAL
tests_bpf_agree_global_LDADD = $(tests_bpf_ldadd)
tests_bpf_agree_globalfb_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_agree_globalfb_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_GLOBALFB
tests_bpf_agree_globalfb_LDADD = $(tests_bpf_ldadd)

tests_bpf_budget_native_SOURCES = tests/bpf/budget.c tests/bpf/arena_probe.h
tests_bpf_budget_native_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_budget_native_LDADD = $(LIBBPF_LIBS)
tests_bpf_budget_fallback_SOURCES = $(tests_bpf_budget_native_SOURCES)
tests_bpf_budget_fallback_CPPFLAGS = $(tests_bpf_cppflags) -DBUDGET_FALLBACK
tests_bpf_budget_fallback_LDADD = $(LIBBPF_LIBS)
tests_bpf_budget_bpffor_SOURCES = $(tests_bpf_budget_native_SOURCES)
tests_bpf_budget_bpffor_CPPFLAGS = $(tests_bpf_cppflags) -DBUDGET_BPF_FOR
tests_bpf_budget_bpffor_LDADD = $(LIBBPF_LIBS)
tests_bpf_budget_global_SOURCES = $(tests_bpf_budget_native_SOURCES)
tests_bpf_budget_global_CPPFLAGS = $(tests_bpf_cppflags) -DBUDGET_GLOBAL
tests_bpf_budget_global_LDADD = $(LIBBPF_LIBS)

# the loaders include their skeletons
tests/bpf/agree_native-agree.$(OBJEXT): tests/bpf/agree_native.skel.h
tests/bpf/agree_fallback-agree.$(OBJEXT): tests/bpf/agree_fallback.skel.h
tests/bpf/agree_bpffor-agree.$(OBJEXT): tests/bpf/agree_bpffor.skel.h
tests/bpf/agree_global-agree.$(OBJEXT): tests/bpf/agree_global.skel.h
tests/bpf/agree_globalfb-agree.$(OBJEXT): tests/bpf/agree_globalfb.skel.h
tests/bpf/budget_global-budget.$(OBJEXT): tests/bpf/budget_global.skel.h
tests/bpf/budget_native-budget.$(OBJEXT): tests/bpf/budget_native.skel.h
tests/bpf/budget_fallback-budget.$(OBJEXT): tests/bpf/budget_fallback.skel.h
tests/bpf/budget_bpffor-budget.$(OBJEXT): tests/bpf/budget_bpffor.skel.h

# Run time per operation (not a test: timings on a shared machine are
# noise); `make bench-bpf` prints the tables of docs/PERFORMANCE.md.
check_PROGRAMS += tests/bpf/bench-native tests/bpf/bench-fallback tests/bpf/bench-bpffor
tests_bpf_bench_native_SOURCES = tests/bpf/bench.c tests/bpf/bench.h tests/bpf/arena_probe.h
tests_bpf_bench_native_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_bench_native_LDADD = $(tests_bpf_ldadd)
tests_bpf_bench_fallback_SOURCES = $(tests_bpf_bench_native_SOURCES)
tests_bpf_bench_fallback_CPPFLAGS = $(tests_bpf_cppflags) -DBENCH_FALLBACK
tests_bpf_bench_fallback_LDADD = $(tests_bpf_ldadd)
tests_bpf_bench_bpffor_SOURCES = $(tests_bpf_bench_native_SOURCES)
tests_bpf_bench_bpffor_CPPFLAGS = $(tests_bpf_cppflags) -DBENCH_BPF_FOR
tests_bpf_bench_bpffor_LDADD = $(tests_bpf_ldadd)
tests/bpf/bench_native-bench.$(OBJEXT): tests/bpf/bench_native.skel.h
tests/bpf/bench_fallback-bench.$(OBJEXT): tests/bpf/bench_fallback.skel.h
tests/bpf/bench_bpffor-bench.$(OBJEXT): tests/bpf/bench_bpffor.skel.h

bench-bpf: tests/bpf/bench-native tests/bpf/bench-fallback tests/bpf/bench-bpffor \
	tests/bpf/budget-native tests/bpf/budget-fallback tests/bpf/budget-bpffor
	tests/bpf/budget-native; tests/bpf/budget-fallback; tests/bpf/budget-bpffor
	tests/bpf/bench-native; tests/bpf/bench-fallback; tests/bpf/bench-bpffor

CLEANFILES += tests/bpf/*.bpf.o tests/bpf/*.skel.h
CLEANFILES += tests/bpf/bench-upstream.vm.log

endif HAVE_BPF
.PHONY: bench-bpf

include tests/bpf/arena_view.mk

include tests/bpf/exhaust.mk
include tests/bpf/race.mk

# ---------------------------------------------------------------- issue 11
# The second compiler (BPF_CLANG2, clang-22 by default): the agreement and
# budget tests again on objects it built.
if HAVE_BPF_CLANG2
tests_bpf_clang2 = $(call bpf_compile_with,$(BPF_CLANG2)) -I$(top_srcdir)/tests/bpf
tests/bpf/%_native2.bpf.o: $(top_srcdir)/tests/bpf/%.bpf.c $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang2) -c $< -o $@

check_PROGRAMS += tests/bpf/agree-native2 tests/bpf/budget-native2
TESTS += tests/bpf/agree-native2 tests/bpf/budget-native2
tests_bpf_agree_native2_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_agree_native2_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_NATIVE2 \
	-DAGREE_CLANG2='"$(BPF_CLANG2)"'
tests_bpf_agree_native2_LDADD = $(tests_bpf_ldadd)
tests_bpf_budget_native2_SOURCES = $(tests_bpf_budget_native_SOURCES)
tests_bpf_budget_native2_CPPFLAGS = $(tests_bpf_cppflags) -DBUDGET_NATIVE2
tests_bpf_budget_native2_LDADD = $(LIBBPF_LIBS)
tests/bpf/agree_native2-agree.$(OBJEXT): tests/bpf/agree_native2.skel.h
tests/bpf/budget_native2-budget.$(OBJEXT): tests/bpf/budget_native2.skel.h
endif HAVE_BPF_CLANG2

# The differential oracle (tests/bpf/oracle-upstream): agree.c against
# upstream's cid.bpf.h as well.  Its BPF object needs the kernel's header,
# fetched from Debian's linux-source-7.3 (tests/vm/fetch-source.sh) when the
# object is made -- by `make tests/bpf/oracle_upstream.bpf.o`, which
# check-vm runs; the program skips, printing why, while it is absent.
EXTRA_DIST += tests/bpf/oracle_upstream.bpf.c tests/bpf/upstream_cid.bpf.h
if HAVE_BPF
SRC_CACHE ?= $(HOME)/.cache/libscxcmask-src
check_PROGRAMS += tests/bpf/oracle-upstream
TESTS += tests/bpf/oracle-upstream
tests_bpf_oracle_upstream_SOURCES = $(tests_bpf_agree_native_SOURCES)
tests_bpf_oracle_upstream_CPPFLAGS = $(tests_bpf_cppflags) -DAGREE_ORACLE \
	-DAGREE_REGION_SIZE='(4u << 20)'
tests_bpf_oracle_upstream_LDADD = $(tests_bpf_ldadd)
# no libtool wrapper: the program looks for its object next to itself
tests_bpf_oracle_upstream_LDFLAGS = -no-install

tests/bpf/oracle_upstream.bpf.o: $(top_srcdir)/tests/bpf/oracle_upstream.bpf.c \
		$(top_srcdir)/tests/bpf/agree.bpf.c $(top_srcdir)/tests/bpf/upstream_cid.bpf.h $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf; rm -f tests/bpf/oracle_upstream.skip; \
	out=$$($(SHELL) $(top_srcdir)/tests/vm/fetch-source.sh 7.3 $(SRC_CACHE)); rc=$$?; \
	hdr=$$(printf '%s\n' "$$out" | sed -n 's/^cid_bpf_h=//p'); \
	if [ $$rc -ne 0 ] || [ -z "$$hdr" ]; then \
		printf '%s\n' "$$out" | sed -n 's/^SKIP: //p' | head -n 1 >tests/bpf/oracle_upstream.skip; \
		echo "oracle-upstream: no upstream header: $$(cat tests/bpf/oracle_upstream.skip)"; \
	else \
		$(tests_bpf_clang) -DUPSTREAM_CID_H="\"$$hdr\"" -c $< -o $@; \
	fi
CLEANFILES += tests/bpf/oracle_upstream.skip
endif HAVE_BPF

# The compat and sched_ext headers compile in both arena modes (never loaded:
# see tests/bpf/compat_compile.bpf.c); built with the oracle's loader.
EXTRA_DIST += tests/bpf/compat_compile.bpf.c
if HAVE_BPF
tests_bpf_compat_deps = $(tests_bpf_deps) $(top_srcdir)/bpf/scxcmask/cid_compat.bpf.h \
	$(top_srcdir)/bpf/scxcmask/sched_ext.bpf.h
tests/bpf/compat_compile_native.bpf.o: $(top_srcdir)/tests/bpf/compat_compile.bpf.c $(tests_bpf_compat_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -Wextra -Werror -c $< -o $@
tests/bpf/compat_compile_fallback.bpf.o: $(top_srcdir)/tests/bpf/compat_compile.bpf.c $(tests_bpf_compat_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -Wextra -Werror \
		-DSCXCMASK_BPF_FORCE_ASM_CAST -c $< -o $@
tests/bpf/oracle_upstream-agree.$(OBJEXT): tests/bpf/compat_compile_native.bpf.o \
	tests/bpf/compat_compile_fallback.bpf.o
endif HAVE_BPF

# ---------------------------------------------------------------- issue 13
# `make bench-bpf-upstream`: the BPF benchmark side by side with upstream's
# cid.bpf.h (tests/bpf/bench_vs.c, bench_upstream.bpf.c), on the host when
# it allows arenas, else inside the 7.3 guest (tests/bpf/bench-upstream.sh).
EXTRA_DIST += tests/bpf/bench_upstream.bpf.c tests/bpf/bench_vs.c tests/bpf/bench-upstream.sh
if HAVE_BPF
# built with the check programs (cheap); run only by bench-bpf-upstream
check_PROGRAMS += tests/bpf/bench-upstream
tests_bpf_bench_upstream_SOURCES = tests/bpf/bench_vs.c tests/bpf/bench.h tests/bpf/arena_probe.h
tests_bpf_bench_upstream_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_bench_upstream_LDADD = $(tests_bpf_ldadd)
# no libtool wrapper: the program opens its object from beside itself
tests_bpf_bench_upstream_LDFLAGS = -no-install
tests/bpf/bench_upstream.bpf.o: $(top_srcdir)/tests/bpf/bench_upstream.bpf.c \
		$(top_srcdir)/tests/bpf/bench.bpf.c $(top_srcdir)/tests/bpf/upstream_cid.bpf.h $(tests_bpf_deps)
	$(AM_V_GEN)$(MKDIR_P) tests/bpf; \
	out=$$($(SHELL) $(top_srcdir)/tests/vm/fetch-source.sh 7.3 $(SRC_CACHE)); rc=$$?; \
	hdr=$$(printf '%s\n' "$$out" | sed -n 's/^cid_bpf_h=//p'); \
	if [ $$rc -ne 0 ] || [ -z "$$hdr" ]; then \
		echo "bench_upstream.bpf.o: no upstream header: $$(printf '%s\n' "$$out" | sed -n 's/^SKIP: //p' | head -n 1)"; \
		exit 1; \
	fi; \
	$(tests_bpf_clang) -DUPSTREAM_CID_H="\"$$hdr\"" -c $< -o $@
bench-bpf-upstream: tests/bpf/bench-upstream tests/bpf/bench_upstream.bpf.o
	$(SHELL) $(top_srcdir)/tests/bpf/bench-upstream.sh .
# `make bench-bpf` runs the side-by-side table first
bench-bpf: bench-bpf-upstream
endif HAVE_BPF
.PHONY: bench-bpf-upstream
