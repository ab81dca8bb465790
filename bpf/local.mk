# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# BPF-side headers: installed beside the agent's, so that a clang -target bpf
# build with `pkg-config --cflags scxcmask` finds <scxcmask/cmask.bpf.h>
# (which includes <scxcmask/cmask_ops.h> from common/).
pkginclude_HEADERS += \
	bpf/scxcmask/arena.bpf.h \
	bpf/scxcmask/cmask.bpf.h
