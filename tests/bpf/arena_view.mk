# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The arena view on a real arena (root + arenas, else exit 77): a syscall
# program stores cmask addresses, the agent follows them through
# scx_arena_view_from_map(), also with a 4 GiB-aligned arena.  Native
# __arena build only; the agreement test covers the asm-cast mode.
EXTRA_DIST += tests/bpf/arena_view.bpf.c tests/bpf/arena_view.h
if HAVE_BPF
check_PROGRAMS += tests/bpf/arena_view
TESTS += tests/bpf/arena_view
tests_bpf_arena_view_SOURCES = tests/bpf/arena_view.c tests/bpf/arena_view.h tests/bpf/arena_probe.h
tests_bpf_arena_view_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/tests/bpf \
	-I$(top_srcdir)/tests/bpf $(LIBBPF_CFLAGS)
tests_bpf_arena_view_LDADD = libscxcmask/libscxcmask.la $(LIBBPF_LIBS)

tests/bpf/arena_view_native.bpf.o: $(top_srcdir)/tests/bpf/arena_view.bpf.c \
		$(top_srcdir)/tests/bpf/arena_view.h \
		$(top_srcdir)/bpf/scxcmask/cmask.bpf.h $(top_srcdir)/bpf/scxcmask/arena.bpf.h \
		$(top_srcdir)/common/scxcmask/cmask_ops.h
	$(AM_V_GEN)$(MKDIR_P) tests/bpf && $(tests_bpf_clang) -c $< -o $@
tests/bpf/arena_view_native.skel.h: tests/bpf/arena_view_native.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton $< name arena_view_native > $@.tmp && mv $@.tmp $@
tests/bpf/arena_view-arena_view.$(OBJEXT): tests/bpf/arena_view_native.skel.h
CLEANFILES += tests/bpf/arena_view_native.bpf.o tests/bpf/arena_view_native.skel.h
endif
