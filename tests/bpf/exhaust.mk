# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Budget exhaustion (issue 9, defect 7): the helpers after the may_goto
# budget is spent (tests/bpf/exhaust*), in each BPF build mode.  Root and
# arenas, else exit 77; make check-vm-bpf runs it in the guests.
EXTRA_DIST += tests/bpf/exhaust.bpf.c tests/bpf/exhaust.h
if HAVE_BPF
check_PROGRAMS += tests/bpf/exhaust-native tests/bpf/exhaust-fallback tests/bpf/exhaust-bpffor
TESTS += tests/bpf/exhaust-native tests/bpf/exhaust-fallback tests/bpf/exhaust-bpffor
tests_bpf_exhaust_native_SOURCES = tests/bpf/exhaust.c tests/bpf/exhaust.h tests/bpf/arena_probe.h
tests_bpf_exhaust_native_CPPFLAGS = $(tests_bpf_cppflags)
tests_bpf_exhaust_native_LDADD = $(tests_bpf_ldadd)
tests_bpf_exhaust_fallback_SOURCES = $(tests_bpf_exhaust_native_SOURCES)
tests_bpf_exhaust_fallback_CPPFLAGS = $(tests_bpf_cppflags) -DEXHAUST_FALLBACK
tests_bpf_exhaust_fallback_LDADD = $(tests_bpf_ldadd)
tests_bpf_exhaust_bpffor_SOURCES = $(tests_bpf_exhaust_native_SOURCES)
tests_bpf_exhaust_bpffor_CPPFLAGS = $(tests_bpf_cppflags) -DEXHAUST_BPF_FOR
tests_bpf_exhaust_bpffor_LDADD = $(tests_bpf_ldadd)
tests/bpf/exhaust_native.bpf.o tests/bpf/exhaust_fallback.bpf.o tests/bpf/exhaust_bpffor.bpf.o: \
	$(top_srcdir)/tests/bpf/exhaust.h
tests/bpf/exhaust_native-exhaust.$(OBJEXT): tests/bpf/exhaust_native.skel.h
tests/bpf/exhaust_fallback-exhaust.$(OBJEXT): tests/bpf/exhaust_fallback.skel.h
tests/bpf/exhaust_bpffor-exhaust.$(OBJEXT): tests/bpf/exhaust_bpffor.skel.h
endif
