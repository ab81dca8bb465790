# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Distribution checks: manual pages, install layout, consumers built
# against an installed copy with only pkg-config, ABI baseline.
TESTS += tests/install/check-man.sh tests/install/check-abi-script.sh tests/install/check-dist-lists.sh
EXTRA_DIST += tests/install/check-man.sh tests/install/check-abi-script.sh tests/install/check-dist-lists.sh

# Headers install where consumers include them from, <scxcmask/...>, not
# under the package name (automake's default, include/libscxcmask/).
pkgincludedir = $(includedir)/scxcmask

# 'make installcheck' (and so 'make distcheck'): another project's programs,
# userspace and BPF, built against the installed copy with pkg-config only.
# Honours DESTDIR: 'make install installcheck DESTDIR=/tmp/x'.
installcheck_targets += installcheck-consumers
installcheck-consumers:
	CC='$(CC)' BPF_CLANG='$(BPF_CLANG)' BPFTOOL='$(BPFTOOL)' \
	  bash $(srcdir)/tests/install/consumers.sh $(if $(DESTDIR),--sysroot '$(DESTDIR)') \
	  '$(DESTDIR)$(pkgconfigdir)'
.PHONY: installcheck-consumers

EXTRA_DIST += \
	tests/install/consumers.sh \
	tests/install/consumer.c \
	tests/install/consumer.bpf.c \
	tests/install/consumer_load.c

# ABI discipline (docs/RELEASING.md): 'make check-abi' compares the built
# library with the last release's baseline, abi/libscxcmask.abi (CI stage
# 71-abi.sh); 'make abi-baseline' rewrites the baseline at release time.
abi_check = ABIDW='$(ABIDW)' ABIDIFF='$(ABIDIFF)' bash $(srcdir)/scripts/abi-check.sh
abi_args = $(srcdir)/abi/libscxcmask.abi libscxcmask/.libs/libscxcmask.so \
	$(srcdir)/include/scxcmask $(srcdir)/common/scxcmask $(builddir)/include/scxcmask
check-abi: libscxcmask/libscxcmask.la
	$(abi_check) check $(abi_args)
abi-baseline: libscxcmask/libscxcmask.la
	$(abi_check) update $(abi_args)
.PHONY: check-abi abi-baseline
EXTRA_DIST += scripts/abi-check.sh abi/libscxcmask.abi

# Files of the source tree that no other fragment lists but a tarball user
# needs: setup.sh runs scripts/demo.sh; docs/RELEASING.md runs gen-symbols.sh.
EXTRA_DIST += scripts/demo.sh scripts/gen-symbols.sh
