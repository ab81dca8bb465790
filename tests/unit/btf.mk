# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The kernel layout check: synthetic BTF of every layout (test_btf).  The
# BTF of Debian's real 7.2 and 7.3 kernels is checked by tests/vm/btf-debian.sh
# (make check-btf-debian, in tests/vm/local.mk: it downloads).
if HAVE_CHECK
unit_progs += tests/unit/test_btf
tests_unit_test_btf_SOURCES = tests/unit/test_btf.c
tests_unit_test_btf_CFLAGS = $(unit_cflags) $(LIBBPF_CFLAGS)
tests_unit_test_btf_LDADD = $(unit_ldadd) $(LIBBPF_LIBS)
endif

# 'scxcmask check' on the files test_btf writes
TESTS += tests/unit/check-cmd.sh
EXTRA_DIST += tests/unit/check-cmd.sh
