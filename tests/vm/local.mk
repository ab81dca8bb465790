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
EXTRA_DIST += tests/vm/private-apt.sh tests/vm/vm-lib.sh tests/vm/guest-prelude.sh

if HAVE_BPF
# Every part runs even when an earlier one fails; check-vm fails if any did.
check-vm:
	@rc=0; $(MAKE) $(AM_MAKEFLAGS) check-vm-qmap || rc=1; \
	$(MAKE) $(AM_MAKEFLAGS) check-vm-bpf || rc=1; \
	$(MAKE) $(AM_MAKEFLAGS) check-vm-upstream || rc=1; exit $$rc
check-vm-qmap: all
	$(SHELL) $(srcdir)/tests/vm/run.sh $(abs_top_builddir) \
		$(if $(VM_FIXTURES),--fixtures $(VM_FIXTURES))
# Every tests/bpf program in TESTS, inside the guests (tests/vm/run-bpf.sh).
vm_bpf_tests = $(filter tests/bpf/%,$(TESTS))
# and the Rust crate's rust_agent on a real arena, when make check built it
# (tests/rust/cargo-test.sh, with arena_agent.bpf.o beside it; the current
# toolchain's build, else Debian's)
vm_rust_agents = tests/rust/work/target-current/debug/examples/rust_agent \
	tests/rust/work/target-debian/debug/examples/rust_agent
check-vm-bpf: all $(vm_bpf_tests)
	$(SHELL) $(srcdir)/tests/vm/run-bpf.sh $(abs_top_builddir) $(vm_bpf_tests) \
		$$(for r in $(vm_rust_agents); do [ -x $$r ] && [ -f $$r.bpf.o ] && { echo $$r; break; }; done)
else
check-vm check-vm-qmap check-vm-bpf:
	@echo "SKIP: check-vm needs the BPF toolchain (clang >= 19, bpftool, libbpf >= 1.4)"; exit 77
endif
.PHONY: check-vm check-vm-qmap check-vm-bpf

clean_local_targets += clean-vm-work
clean-vm-work:
	rm -rf tests/vm/work tests/vm/work-bpf
.PHONY: clean-vm-work

# The kernel's own scx_qmap on the upstream and the compat cid.bpf.h
# (tests/vm/upstream-qmap.sh, which fetches Debian's linux-source).  The
# differential oracle against upstream's helpers (tests/bpf/oracle-upstream)
# and the second compiler's builds are tests/bpf programs: check-vm-bpf runs
# them in the guests with the others.
EXTRA_DIST += tests/vm/fetch-source.sh tests/vm/upstream-qmap.sh tests/vm/upstream-qmap-guest.sh \
	tests/vm/progstats.c
if HAVE_BPF
check-vm-bpf: tests/bpf/oracle_upstream.bpf.o
# a skip (77: no mirror, no kernel, no clang-22) does not fail check-vm,
# except under CI=true: CI must show the kernel's own scx_qmap on the
# compat header, not pass without it
check-vm-upstream: all
	@rc=0; BPF_TARGET_ARCH=$(BPF_TARGET_ARCH) $(SHELL) $(srcdir)/tests/vm/upstream-qmap.sh $(abs_top_srcdir) \
		$(abs_top_builddir) || rc=$$?; [ $$rc -eq 0 ] || \
		{ [ $$rc -eq 77 ] && [ "$${CI:-}" != true ]; } || \
		{ [ $$rc -eq 77 ] && echo "check-vm-upstream: skipped, which CI=true does not accept"; exit 1; }
else
check-vm-upstream:
	@echo "SKIP: check-vm-upstream needs the BPF toolchain"; exit 77
endif
.PHONY: check-vm-upstream

# 'scxcmask check' on the BTF of Debian's real 7.2 and 7.3 kernels, from the
# same cache (downloads, so not in 'make check'; skips when the archive is
# out of reach)
EXTRA_DIST += tests/vm/btf-debian.sh
check-btf-debian: all
	top_builddir='$(abs_top_builddir)' $(SHELL) $(srcdir)/tests/vm/btf-debian.sh
.PHONY: check-btf-debian
