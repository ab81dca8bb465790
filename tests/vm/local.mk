# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# make check-vm: examples/qmap_cid on Debian's sched_ext kernels under qemu
# (tests/vm/run.sh).  Not part of 'make check': it downloads the kernels.
#   VM_KERNELS="7.2 7.3"  VM_TOPOS="smt numa2"  VM_JOBS=2  VM_CACHE=dir
#   VM_FIXTURES=$(top_srcdir)/tests/fixtures/vm  also store each guest's
#	sysfs snapshot and kernel tables there (tests/fixtures/vm/README.md)
EXTRA_DIST += tests/vm/fetch-kernel.sh tests/vm/mkinitramfs.sh tests/vm/guest-init.sh \
	tests/vm/run.sh tests/vm/topologies tests/fixtures/vm

if HAVE_BPF
check-vm: all
	$(SHELL) $(srcdir)/tests/vm/run.sh $(abs_top_builddir) \
		$(if $(VM_FIXTURES),--fixtures $(VM_FIXTURES))
else
check-vm:
	@echo "SKIP: check-vm needs the BPF toolchain (clang >= 19, bpftool, libbpf >= 1.4)"; exit 77
endif
.PHONY: check-vm

clean_local_targets += clean-vm-work
clean-vm-work:
	rm -rf tests/vm/work
.PHONY: clean-vm-work

# 'scxcmask check' on the BTF of Debian's real 7.2 and 7.3 kernels, from the
# same cache (downloads, so not in 'make check'; skips when the archive is
# out of reach)
EXTRA_DIST += tests/vm/btf-debian.sh
check-btf-debian: all
	top_builddir='$(abs_top_builddir)' $(SHELL) $(srcdir)/tests/vm/btf-debian.sh
.PHONY: check-btf-debian
