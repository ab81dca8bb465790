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
