# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# make check-vm: examples/qmap_cid on Debian's sched_ext kernels under qemu
# (check-vm-qmap, tests/vm/run.sh) and the tests/bpf programs inside the
# same kernels (check-vm-bpf, tests/vm/run-bpf.sh).  Not part of
# 'make check': it downloads the kernels.
#   VM_KERNELS="7.2 7.3"  VM_TOPOS="smt numa2"  VM_JOBS=2  VM_CACHE=dir
#   VM_FIXTURES=$(top_srcdir)/tests/fixtures/vm  also store each guest's
#	sysfs snapshot and kernel tables there (tests/fixtures/vm/README.md)
EXTRA_DIST += tests/vm/fetch-kernel.sh tests/vm/mkinitramfs.sh tests/vm/guest-init.sh \
	tests/vm/run.sh tests/vm/topologies tests/fixtures/vm
EXTRA_DIST += tests/vm/run-bpf.sh tests/vm/guest-bpf.sh

if HAVE_BPF
# Both halves run even when the first fails; check-vm fails if either did.
check-vm:
	@rc=0; $(MAKE) $(AM_MAKEFLAGS) check-vm-qmap || rc=1; \
	$(MAKE) $(AM_MAKEFLAGS) check-vm-bpf || rc=1; exit $$rc
check-vm-qmap: all
	$(SHELL) $(srcdir)/tests/vm/run.sh $(abs_top_builddir) \
		$(if $(VM_FIXTURES),--fixtures $(VM_FIXTURES))
# Every tests/bpf program in TESTS, inside the guests (tests/vm/run-bpf.sh).
vm_bpf_tests = $(filter tests/bpf/%,$(TESTS))
check-vm-bpf: all $(vm_bpf_tests)
	$(SHELL) $(srcdir)/tests/vm/run-bpf.sh $(abs_top_builddir) $(vm_bpf_tests)
else
check-vm check-vm-qmap check-vm-bpf:
	@echo "SKIP: check-vm needs the BPF toolchain (clang >= 19, bpftool, libbpf >= 1.4)"; exit 77
endif
.PHONY: check-vm check-vm-qmap check-vm-bpf

clean_local_targets += clean-vm-work
clean-vm-work:
	rm -rf tests/vm/work tests/vm/work-bpf
.PHONY: clean-vm-work

# Issue 11: the kernel's own scx_qmap on the upstream and the compat
# cid.bpf.h (tests/vm/upstream-qmap.sh), and the differential oracle against
# upstream's helpers in the guests (tests/vm/guest-progs.sh, until check-vm
# runs every tests/bpf program there).  Both fetch Debian's linux-source.
EXTRA_DIST += tests/vm/fetch-source.sh tests/vm/upstream-qmap.sh tests/vm/upstream-qmap-guest.sh \
	tests/vm/progstats.c tests/vm/guest-progs.sh
if HAVE_BPF
# a skip (77: no mirror, no kernel, no clang-22) does not fail check-vm
check-vm-upstream: all $(check_PROGRAMS) tests/bpf/oracle_upstream.bpf.o
	@rc=0; $(SHELL) $(srcdir)/tests/vm/upstream-qmap.sh $(abs_top_srcdir) \
		$(abs_top_builddir) || rc=$$?; \
	$(SHELL) $(srcdir)/tests/vm/guest-progs.sh $(abs_top_srcdir) $(abs_top_builddir) \
		tests/bpf/oracle-upstream $$(test -x tests/bpf/agree-native2 && \
		echo tests/bpf/agree-native2 tests/bpf/budget-native2) || rc2=$$?; \
	for r in $$rc $${rc2:-0}; do [ $$r -eq 0 ] || [ $$r -eq 77 ] || exit 1; done
check-vm: check-vm-upstream
else
check-vm-upstream:
	@echo "SKIP: check-vm-upstream needs the BPF toolchain"; exit 77
endif
.PHONY: check-vm-upstream
