/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * The agent's view of a BPF arena: turning what a BPF program stores or
 * passes into pointers the agent may dereference, and cmasks found in the
 * arena into cmasks the agent may trust.
 *
 * A BPF program sees arena memory through addresses of two forms:
 *
 * - user form, 64 bits: the address in the loader's mapping of the arena
 *   (user_vm_start + offset).  What clang stores for a pointer written to
 *   arena memory, and what the skeleton's arena globals point to;
 * - 32-bit form: the low 32 bits of the user form.  What a kernel-form
 *   arena pointer holds, e.g. the cmask argument of ops.set_cmask().
 *
 * An arena never crosses a 4 GiB boundary, so the low 32 bits alone name a
 * byte of it.  One pitfall: when the low 32 bits of user_vm_start are zero
 * (map_extra = 1 << 44, for example), the object at arena offset 0 has the
 * 32-bit address 0, which BPF's casts turn into NULL.  The view then reads
 * 0 as NULL unless SCX_ARENA_ZERO_IS_OFFSET0 says otherwise; keeping the
 * first bytes of such an arena unused avoids the question.
 *
 * Everything here is bounded by the view: whatever the arena holds and
 * whatever the BPF side writes meanwhile, no function reads or writes
 * outside [base, base + size).  A cmask header found in the arena is read
 * once, and that snapshot is checked before any word is touched.
 *
 * The rule for cmasks in the arena: their headers belong to the BPF side,
 * which may re-initialise a mask at any moment (scx_cmask_init() and
 * scx_cmask_init_alloc() of <scxcmask/cmask.bpf.h> rewrite base, nr_cids
 * and alloc_words, and may raise alloc_words past what the agent checked).
 * So a check is good for one operation only.  Every scx_arena_cmask_*()
 * function that takes the view re-reads and re-checks the header on each
 * call, and that is the default way to use such a mask: copy it out
 * (scx_arena_cmask_copy_out(), scx_arena_cmask_dup()) to read it, or
 * change it in place (scx_arena_cmask_set(), _clear(), _test_and_set(),
 * _test_and_clear(), _copy_in(), and scx_arena_cmask_test() to read one
 * cid).  scx_arena_cmask() alone hands out a bare pointer for the
 * operations of <scxcmask/cmask.h>, which trust whatever header they find;
 * it is safe only for a mask whose header the BPF side never rewrites
 * after the agent checked it.
 *
 * The kernel's cmask of online cids (7.3+, scx_bpf_online_cmask(); typed
 * as a library cmask by scx_cmask_online() of <scxcmask/sched_ext.bpf.h>)
 * is an arena address like any other: the kernel allocates it in the
 * scheduler's arena.  The BPF side publishes the address (for example in an
 * arena global), and the agent reads it with scx_arena_cmask_copy_out() or
 * scx_arena_cmask_dup() on that address, never in place for long: the
 * kernel rewrites it on hotplug, before ops.cid_online()/ops.cid_offline()
 * run, so a copy taken after the callback's effect is visible (a counter the
 * callback bumps, say) already shows the change.  The agent must not write
 * it.
 */
#ifndef SCXCMASK_ARENA_H
#define SCXCMASK_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <scxcmask/common.h>
#include <scxcmask/cmask.h>

SCXCMASK_BEGIN_DECLS

struct bpf_map;

/*
 * Read the address 0 as arena offset 0 instead of NULL.  It only changes
 * anything when the low 32 bits of the arena's user_vm_start are zero.
 */
#define SCX_ARENA_ZERO_IS_OFFSET0	(1u << 0)

/**
 * struct scx_arena_view - where the agent sees an arena
 * @base: the agent's mapping of the arena
 * @size: bytes of the mapping (at most 4 GiB)
 * @vm_start: the arena's user_vm_start, which user-form addresses are
 *	relative to; equal to @base for the loader's own mapping
 * @flags: SCX_ARENA_* flags
 *
 * Set up with scx_arena_view_init() or scx_arena_view_from_map(); the
 * fields may be read freely.  Every function checks the view again.
 */
struct scx_arena_view {
	void *base;
	size_t size;
	uint64_t vm_start;
	uint32_t flags;
};

/**
 * struct scx_arena_view_opts - options of scx_arena_view_init()
 * @sz: sizeof(struct scx_arena_view_opts), for forward compatibility
 * @vm_start: user_vm_start when @base is not the BPF side's own mapping
 *	(a copy of the arena, another process's view); 0 means @base
 * @flags: SCX_ARENA_* flags
 *
 * Declare with SCX_ARENA_VIEW_OPTS(name, .field = value, ...), which zeroes
 * every other byte, the tail padding too.  @sz must cover @vm_start; a
 * field past a shorter @sz reads as 0; a larger @sz (a newer header) is
 * accepted when every byte past @flags, padding included, is zero.
 */
struct scx_arena_view_opts {
	size_t sz;
	uint64_t vm_start;
	uint32_t flags;
	/* 4 bytes of tail padding on LP64: checked as zero, a future field's place */
	size_t :0;
};

#define SCX_ARENA_VIEW_OPTS(name, ...)						\
	SCXCMASK__DECLARE_OPTS(scx_arena_view_opts, name,			\
			       .sz = sizeof(struct scx_arena_view_opts), __VA_ARGS__)

/**
 * scx_arena_view_init() - describe the agent's mapping of an arena
 * @v: view to fill
 * @base: start of the mapping, e.g. what mmap() of the arena map returned
 * @size: bytes mapped
 * @opts: NULL, or options
 *
 * Return: 0; -EINVAL if @v or @base is NULL, @size is 0 or above 4 GiB,
 * the mapping wraps the address space, [vm_start, vm_start + size) crosses
 * a 4 GiB boundary (no arena does), @opts has an unknown flag, or
 * @opts->sz is too small or names fields this library does not know and
 * that are not zero.  @v is untouched on error.
 */
SCXCMASK_API int scx_arena_view_init(struct scx_arena_view *v, void *base, size_t size,
				     const struct scx_arena_view_opts *opts);

/**
 * scx_arena_view_from_map() - the view of a loaded libbpf arena map
 * @v: view to fill
 * @map: a BPF_MAP_TYPE_ARENA map of a loaded object (skeleton), which
 *	libbpf has mapped at the arena's user_vm_start
 * @opts: NULL, or options (@opts->vm_start must be 0 here)
 *
 * The view covers the whole arena, max_entries pages.  Reading a page the
 * BPF side never allocated faults one in, or raises SIGSEGV for an arena
 * created with BPF_F_SEGV_ON_FAULT.  libbpf is not needed to include this
 * header; a library built without libbpf returns -EOPNOTSUPP.
 *
 * Return: 0; -EINVAL if @map is NULL or not an arena; -ENXIO if it is not
 * loaded or mapped; -EOPNOTSUPP without libbpf; otherwise as
 * scx_arena_view_init().
 */
SCXCMASK_API int scx_arena_view_from_map(struct scx_arena_view *v, const struct bpf_map *map,
					 const struct scx_arena_view_opts *opts);

/**
 * scx_arena_ptr() - the agent's pointer for an address from the BPF side
 * @v: view
 * @addr: an arena address in user form (64 bits) or 32-bit form
 * @len: bytes the caller is going to access there
 * @out: where the pointer is stored
 *
 * The upper 32 bits of @addr must be zero (32-bit form) or those of the
 * arena's user_vm_start (user form); the low 32 bits then name the byte.
 *
 * The BPF side's scx_arena_ptr() and scx_arena_addr()
 * (<scxcmask/arena.bpf.h>) are the same two translations there: "ptr" is
 * what a side dereferences, "addr" what it stores for the other side.
 *
 * Return: 0; -EFAULT if @addr is NULL (see SCX_ARENA_ZERO_IS_OFFSET0), not
 * in this arena, or [@addr, @addr + @len) leaves the mapping; -EINVAL for
 * a bad view or NULL @out.  *@out is untouched on error.
 */
SCXCMASK_API int scx_arena_ptr(const struct scx_arena_view *v, uint64_t addr, size_t len,
			       void **out);

/**
 * scx_arena_ptr_off() - the agent's pointer for an offset into the arena
 * @v: view
 * @off: bytes from the start of the arena
 * @len: bytes the caller is going to access there
 * @out: where the pointer is stored
 *
 * Return: 0; -EFAULT if [@off, @off + @len) leaves the mapping; -EINVAL
 * for a bad view or NULL @out.
 */
SCXCMASK_API int scx_arena_ptr_off(const struct scx_arena_view *v, uint64_t off, size_t len,
				   void **out);

/**
 * scx_arena_addr() - the user-form address BPF uses for an agent pointer
 * @v: view
 * @p: a pointer into the agent's mapping
 * @out: where the address is stored; its low 32 bits are the 32-bit form
 *
 * The inverse of scx_arena_ptr(), for an agent that stores pointers the
 * BPF side follows.  With a 4 GiB-aligned user_vm_start, the result for
 * arena offset 0 has zero low 32 bits and reads as NULL on the BPF side.
 *
 * Return: 0; -EFAULT if @p is not in the mapping; -EINVAL for a bad view or
 * NULL @out.
 */
SCXCMASK_API int scx_arena_addr(const struct scx_arena_view *v, const void *p, uint64_t *out);

/**
 * scx_arena_cmask() - check a cmask in the arena, for a bare pointer to it
 * @v: view
 * @p: the cmask, as the agent sees it (from scx_arena_ptr(), or an arena
 *	global of the skeleton)
 * @out: where the checked pointer is stored
 *
 * Reads the header once and checks that snapshot: @p is 8-byte aligned,
 * the 16-byte header and alloc_words words of storage lie inside the
 * mapping, the window [base, base + nr_cids) does not pass 2^32, and
 * SCX_CMASK_NR_WORDS(nr_cids) <= alloc_words.
 *
 * The check holds only for the header it read.  The operations of
 * <scxcmask/cmask.h> on *@out re-read the header and never go past the
 * alloc_words they find, but they do not know the arena's bounds: once the
 * BPF side re-initialises the mask with a larger alloc_words (its
 * scx_cmask_init() and scx_cmask_init_alloc() do), they may read and write
 * past the arena.  Use this pointer only for masks whose header the BPF
 * side never rewrites after the check (one it initialises once, before
 * the agent looks); otherwise
 * use the scx_arena_cmask_*() operations, which check the header again on
 * every call.
 *
 * Return: 0; -EFAULT if the header or the storage leaves the mapping;
 * -EINVAL if @p is misaligned, or for a bad view or NULL @out; -EOVERFLOW
 * if the window passes 2^32; -ENOSPC if alloc_words is too small for
 * nr_cids.  scxcmask_errmsg() gives the offset and the header read.
 */
SCXCMASK_API int scx_arena_cmask(const struct scx_arena_view *v, const void *p,
				 struct scx_cmask **out);

/**
 * scx_arena_cmask_copy_out() - copy a cmask from the arena into agent memory
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @dst: a valid cmask of the agent's with room for the source's window
 *
 * Checks a snapshot of the header as scx_arena_cmask() does, then gives
 * @dst the same window and copies the window's words, each read once;
 * padding in @dst is left zero, as are its words up to
 * SCX_CMASK_NR_WORDS(nr_cids).  Safe whatever the BPF side does meanwhile:
 * words written during the copy may show their old or new value.
 *
 * Return: 0; the errors of scx_arena_cmask(); -EINVAL if @dst is NULL or
 * invalid; -ENOSPC if @dst's alloc_words cannot hold the window.  @dst is
 * untouched on error.
 */
SCXCMASK_API int scx_arena_cmask_copy_out(const struct scx_arena_view *v, const void *p,
					  struct scx_cmask *dst);

/**
 * scx_arena_cmask_dup() - copy a cmask from the arena into a new cmask
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @out: where the copy is stored; release it with scx_cmask_free()
 *
 * As scx_arena_cmask_copy_out() into a tight cmask (alloc_words =
 * SCX_CMASK_NR_WORDS(nr_cids)) sized from the same header snapshot.
 *
 * Return: 0; the errors of scx_arena_cmask(); -ENOMEM.
 */
SCXCMASK_API int scx_arena_cmask_dup(const struct scx_arena_view *v, const void *p,
				     struct scx_cmask **out);

/**
 * scx_arena_cmask_test() - whether @cid is set in a cmask in the arena
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @cid: the cid
 *
 * Checks the header again, as scx_arena_cmask() does, on every call.
 *
 * Return: 1 if set, 0 if clear or outside the window; the errors of
 * scx_arena_cmask() for a header that does not pass.
 */
SCXCMASK_API int scx_arena_cmask_test(const struct scx_arena_view *v, const void *p, uint32_t cid);

/**
 * scx_arena_cmask_set() - atomically set @cid in a cmask in the arena
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @cid: the cid
 *
 * Reads and checks the header on every call and writes only inside the
 * storage that snapshot describes, so a header the BPF side rewrote since
 * any earlier call cannot send the write outside the arena.  The word is
 * updated atomically against the BPF side's updates of the same word.
 *
 * Return: 0; -ERANGE if @cid is outside the window (nothing is written);
 * the errors of scx_arena_cmask().
 */
SCXCMASK_API int scx_arena_cmask_set(const struct scx_arena_view *v, void *p, uint32_t cid);

/**
 * scx_arena_cmask_clear() - atomically clear @cid in a cmask in the arena
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @cid: the cid
 *
 * Return: as scx_arena_cmask_set().
 */
SCXCMASK_API int scx_arena_cmask_clear(const struct scx_arena_view *v, void *p, uint32_t cid);

/**
 * scx_arena_cmask_test_and_set() - atomically set @cid, returning its old value
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @cid: the cid
 *
 * Return: the previous bit (0 or 1); -ERANGE if @cid is outside the
 * window, or the errors of scx_arena_cmask(), and then nothing is written.
 * Unlike scx_cmask_test_and_set(), a failure is never read as "was clear".
 */
SCXCMASK_API int scx_arena_cmask_test_and_set(const struct scx_arena_view *v, void *p,
					      uint32_t cid);

/**
 * scx_arena_cmask_test_and_clear() - atomically clear @cid, returning its old value
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @cid: the cid
 *
 * Return: as scx_arena_cmask_test_and_set().
 */
SCXCMASK_API int scx_arena_cmask_test_and_clear(const struct scx_arena_view *v, void *p,
						uint32_t cid);

/**
 * scx_arena_cmask_copy_in() - copy an agent cmask into a cmask in the arena
 * @v: view
 * @p: the cmask in the arena, as for scx_arena_cmask()
 * @src: a valid cmask of the agent's
 *
 * As scx_cmask_copy(): the cids both windows hold take @src's value, the
 * arena mask's other cids and its header are left alone.  The header is
 * checked on this call; each word is updated in one atomic step, so the
 * BPF side never sees a word half copied, nor loses its own updates of
 * cids outside @src's window.
 *
 * Return: 0; -EINVAL if @src is NULL or invalid; the errors of
 * scx_arena_cmask().  Nothing is written on error.
 */
SCXCMASK_API int scx_arena_cmask_copy_in(const struct scx_arena_view *v, void *p,
					 const struct scx_cmask *src);

SCXCMASK_END_DECLS

#endif /* SCXCMASK_ARENA_H */
