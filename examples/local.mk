# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
noinst_PROGRAMS += examples/basic/basic
examples_basic_basic_SOURCES = examples/basic/basic.c
examples_basic_basic_LDADD = libscxcmask/libscxcmask.la

if HAVE_BPF
# qmap_cid: a cid-form sched_ext scheduler (examples/qmap_cid/README.md).
# The agent builds with everything else; its BPF object needs a 7.2+
# kernel's BTF, so it is built on request (make qmap-cid-bpf, which
# make check-vm runs with the BTF of Debian's kernel package).
noinst_PROGRAMS += examples/qmap_cid/qmap_cid
examples_qmap_cid_qmap_cid_SOURCES = examples/qmap_cid/qmap_cid.c examples/qmap_cid/qmap_check.c \
	examples/qmap_cid/qmap_mainline.c \
	examples/qmap_cid/qmap_agent.h examples/qmap_cid/qmap_cid.h
examples_qmap_cid_qmap_cid_CFLAGS = $(AM_CFLAGS) $(LIBBPF_CFLAGS)
examples_qmap_cid_qmap_cid_LDADD = libscxcmask/libscxcmask.la $(LIBBPF_LIBS)
# no libtool wrapper: the VM test copies the real binary into its guest
examples_qmap_cid_qmap_cid_LDFLAGS = -no-install

# The kernel whose BTF vmlinux.h comes from: the running one by default.
QMAP_CID_VMLINUX = /sys/kernel/btf/vmlinux
examples/qmap_cid/vmlinux.h: $(QMAP_CID_VMLINUX)
	@$(MKDIR_P) examples/qmap_cid
	$(AM_V_GEN)$(BPFTOOL) btf dump file $(QMAP_CID_VMLINUX) format c > $@.tmp && \
	if grep -q 'struct sched_ext_ops_cid {' $@.tmp; then mv $@.tmp $@; else \
	  rm -f $@.tmp; echo "$(QMAP_CID_VMLINUX): no struct sched_ext_ops_cid (needs a 7.2+ sched_ext kernel)" >&2; exit 1; fi
qmap_cid_bpf_deps = $(srcdir)/examples/qmap_cid/qmap_cid.bpf.c \
	$(srcdir)/examples/qmap_cid/qmap_cid.h examples/qmap_cid/vmlinux.h \
	$(srcdir)/bpf/scxcmask/cmask.bpf.h $(srcdir)/bpf/scxcmask/arena.bpf.h \
	$(srcdir)/bpf/scxcmask/sched_ext.bpf.h \
	$(srcdir)/common/scxcmask/cmask_ops.h $(srcdir)/common/scxcmask/cmask_defs.h
qmap_cid_bpf_compile = $(bpf_compile) -Wno-unused-function -Wno-missing-declarations \
	-Iexamples/qmap_cid -I$(srcdir)/examples/qmap_cid \
	-c $(srcdir)/examples/qmap_cid/qmap_cid.bpf.c
examples/qmap_cid/qmap_cid.bpf.o: $(qmap_cid_bpf_deps)
	$(AM_V_GEN)$(qmap_cid_bpf_compile) -o $@
# The same scheduler with the loop helpers as global BPF subprograms
# (SCXCMASK_BPF_GLOBAL_FUNCS): make check-vm runs it once per kernel and
# prints the verifier's totals of both builds.
examples/qmap_cid/qmap_cid_global.bpf.o: $(qmap_cid_bpf_deps)
	$(AM_V_GEN)$(qmap_cid_bpf_compile) -DSCXCMASK_BPF_GLOBAL_FUNCS -o $@
qmap-cid-bpf: examples/qmap_cid/qmap_cid.bpf.o examples/qmap_cid/qmap_cid_global.bpf.o
CLEANFILES += examples/qmap_cid/qmap_cid.bpf.o examples/qmap_cid/qmap_cid_global.bpf.o \
	examples/qmap_cid/vmlinux.h
endif
.PHONY: qmap-cid-bpf
EXTRA_DIST += examples/qmap_cid/qmap_cid.bpf.c examples/qmap_cid/qmap_cid.h examples/qmap_cid/README.md \
	examples/qmap_cid/qmap_cid.c examples/qmap_cid/qmap_check.c examples/qmap_cid/qmap_agent.h \
	examples/qmap_cid/qmap_mainline.c

if HAVE_BPF
# arena_agent: a BPF program and its agent sharing cmasks in a BPF arena
# (any kernel with arenas; scripts/demo.sh runs it first).  Built with
# everything else: the BPF object needs only UAPI headers, not vmlinux.h.
noinst_PROGRAMS += examples/arena_agent/arena_agent
examples_arena_agent_arena_agent_SOURCES = examples/arena_agent/arena_agent.c \
	examples/arena_agent/arena_agent.h
examples_arena_agent_arena_agent_CPPFLAGS = $(AM_CPPFLAGS) -Iexamples/arena_agent \
	-I$(srcdir)/examples/arena_agent $(LIBBPF_CFLAGS)
examples_arena_agent_arena_agent_LDADD = libscxcmask/libscxcmask.la $(LIBBPF_LIBS)
examples/arena_agent/arena_agent-arena_agent.$(OBJEXT): examples/arena_agent/arena_agent.skel.h
examples/arena_agent/arena_agent.bpf.o: $(srcdir)/examples/arena_agent/arena_agent.bpf.c \
		$(srcdir)/examples/arena_agent/arena_agent.h \
		$(srcdir)/bpf/scxcmask/cmask.bpf.h $(srcdir)/bpf/scxcmask/arena.bpf.h \
		$(srcdir)/common/scxcmask/cmask_ops.h $(srcdir)/common/scxcmask/cmask_defs.h
	@$(MKDIR_P) examples/arena_agent
	$(AM_V_GEN)$(bpf_compile) -I$(srcdir)/examples/arena_agent -c $< -o $@
examples/arena_agent/arena_agent.skel.h: examples/arena_agent/arena_agent.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton $< name arena_agent > $@.tmp && mv $@.tmp $@
CLEANFILES += examples/arena_agent/arena_agent.bpf.o examples/arena_agent/arena_agent.skel.h
endif
EXTRA_DIST += examples/arena_agent/arena_agent.bpf.c examples/arena_agent/README.md
