# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause

include tests/bpf/arena_view.mk
