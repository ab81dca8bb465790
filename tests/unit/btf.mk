# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The kernel layout check: synthetic BTF of every layout (btf_test), and
# the BTF of Debian's real 7.2 and 7.3 kernels (btf-debian.sh, downloads;
# skips when the archive is out of reach).
if HAVE_CHECK
unit_progs += tests/unit/btf_test
tests_unit_btf_test_SOURCES = tests/unit/btf_test.c
tests_unit_btf_test_CFLAGS = $(unit_cflags) $(LIBBPF_CFLAGS)
tests_unit_btf_test_LDADD = $(unit_ldadd) $(LIBBPF_LIBS)
endif

# 'scxcmask check' on the files btf_test writes
TESTS += tests/unit/check-cmd.sh
EXTRA_DIST += tests/unit/check-cmd.sh

# Debian's real 7.2 and 7.3 kernels (downloads, so not in 'make check')
EXTRA_DIST += tests/unit/btf-debian.sh
check-btf-debian: all
	top_builddir='$(abs_top_builddir)' $(SHELL) $(srcdir)/tests/unit/btf-debian.sh
.PHONY: check-btf-debian
