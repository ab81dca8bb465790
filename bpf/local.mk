# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# BPF-side headers: installed beside the agent's, so that a clang -target bpf
# build with `pkg-config --cflags scxcmask` finds <scxcmask/cmask.bpf.h>
# (which includes <scxcmask/cmask_ops.h> from common/).
pkginclude_HEADERS += \
	bpf/scxcmask/arena.bpf.h \
	bpf/scxcmask/cmask.bpf.h
# <scxcmask/sched_ext.bpf.h>: the kfunc-based helpers; <scxcmask/cid_compat.bpf.h>:
# the names of the kernel's scx/cid.bpf.h (docs/ABI.md, "Upstream names").
pkginclude_HEADERS += \
	bpf/scxcmask/sched_ext.bpf.h \
	bpf/scxcmask/cid_compat.bpf.h
