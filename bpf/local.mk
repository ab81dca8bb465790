# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# BPF-side headers: installed beside the agent's, so that a clang -target bpf
# build with `pkg-config --cflags scxcmask` finds <scxcmask/cmask.bpf.h>
# (which includes <scxcmask/cmask_ops.h> from common/).
pkginclude_HEADERS += \
	bpf/scxcmask/arena.bpf.h \
	bpf/scxcmask/cmask.bpf.h

# The one BPF compile line of the tree: every BPF object is built with
#	$(bpf_compile) [its own -I/-D flags] -c SRC -o OBJ
# BPF_CFLAGS (-g -O2) and BPF_TARGET_ARCH (the host's) come from configure.
# bpf_compile_with takes the compiler: the tests build once more with
# BPF_CLANG2 (a second clang version).
bpf_compile_with = $(1) $(BPF_CFLAGS) -Wall -target bpf -mcpu=v3 \
	-D__TARGET_ARCH_$(BPF_TARGET_ARCH) $(BPF_MULTIARCH_INC) \
	-I$(top_srcdir)/bpf -I$(top_srcdir)/common $(LIBBPF_CFLAGS)
bpf_compile = $(call bpf_compile_with,$(BPF_CLANG))
# <scxcmask/sched_ext.bpf.h>: the kfunc-based helpers; <scxcmask/cid_compat.bpf.h>:
# the names of the kernel's scx/cid.bpf.h (docs/ABI.md, "Upstream names").
pkginclude_HEADERS += \
	bpf/scxcmask/sched_ext.bpf.h \
	bpf/scxcmask/cid_compat.bpf.h
