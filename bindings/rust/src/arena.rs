// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Cmasks a BPF program keeps in an arena, seen from the agent.
//!
//! An arena is memory the BPF side writes whenever it likes: nothing in it
//! is trusted.  Every access goes through the library's checks
//! (`<scxcmask/arena.h>`): the address must lie in the arena, the header
//! must describe a window whose storage fits in the mapping.

use std::marker::PhantomData;
use std::os::raw::c_void;
use std::ptr::NonNull;

use crate::cmask::{AsCmask, Cmask};
use crate::error::{check, Error, Result, EINVAL};
use crate::sys;

/// The agent's mapping of a BPF arena: its bytes and the address the BPF
/// side sees them at (`user_vm_start`).
///
/// With libbpf-rs, the mapping is what the skeleton's arena map exposes
/// (or `mmap()` of the map's fd), and the BPF-side address of its first
/// byte is that same pointer for the loader's own mapping.
#[derive(Clone, Copy)]
pub struct ArenaView<'a> {
    raw: sys::scx_arena_view,
    _life: PhantomData<&'a [u8]>,
}

impl<'a> ArenaView<'a> {
    /// A view of `size` bytes at `base`, which the BPF side addresses from
    /// `vm_start` (`None`: `base` itself, the loader's own mapping).
    ///
    /// # Safety
    /// `base..base + size` must stay mapped for `'a`.  The BPF side may
    /// write it at any time; this crate only ever reads it through the
    /// library's checked, bounded accessors.
    pub unsafe fn from_raw(base: *mut u8, size: usize, vm_start: Option<u64>) -> Result<ArenaView<'a>> {
        // Zeroed as a whole, padding included: the library refuses options
        // whose bytes past the last field it knows are not zero.
        let mut opts: sys::scx_arena_view_opts = std::mem::zeroed();
        opts.sz = std::mem::size_of::<sys::scx_arena_view_opts>();
        opts.vm_start = vm_start.unwrap_or(0);
        let mut raw = sys::scx_arena_view { base: std::ptr::null_mut(), size: 0, vm_start: 0, flags: 0 };
        check(sys::scx_arena_view_init(&mut raw, base as *mut c_void, size, &opts))?;
        Ok(ArenaView { raw, _life: PhantomData })
    }

    /// The view of a loaded libbpf arena map, as libbpf mapped it: with
    /// libbpf-rs, the pointer from `MapCore::as_libbpf_object()` of the
    /// skeleton's arena map.
    ///
    /// # Safety
    /// `map` must be a live `struct bpf_map *` of a loaded object, which
    /// must outlive `'a`.
    pub unsafe fn from_bpf_map(map: *const sys::bpf_map) -> Result<ArenaView<'a>> {
        let mut raw = sys::scx_arena_view { base: std::ptr::null_mut(), size: 0, vm_start: 0, flags: 0 };
        check(sys::scx_arena_view_from_map(&mut raw, map, std::ptr::null()))?;
        Ok(ArenaView { raw, _life: PhantomData })
    }

    /// A view of bytes this process owns, e.g. a copy of an arena taken
    /// elsewhere, which the BPF side addressed from `vm_start`.
    pub fn from_slice(bytes: &'a mut [u8], vm_start: u64) -> Result<ArenaView<'a>> {
        if vm_start == 0 {
            return Err(Error::new(EINVAL, "arena copy: give the BPF-side address of its first byte"));
        }
        // SAFETY: the exclusive borrow keeps the bytes alive and unaliased for 'a.
        unsafe { ArenaView::from_raw(bytes.as_mut_ptr(), bytes.len(), Some(vm_start)) }
    }

    /// The C view, for [`sys`](crate::sys) functions.
    pub fn as_raw(&self) -> *const sys::scx_arena_view {
        &self.raw
    }

    /// Bytes the view covers.
    pub fn size(&self) -> usize {
        self.raw.size
    }

    /// The agent's pointer for `len` bytes at a BPF-side address (user
    /// form, or the 32-bit form).  Errors: EFAULT outside the arena.
    pub fn ptr(&self, addr: u64, len: usize) -> Result<*mut u8> {
        let mut out = std::ptr::null_mut();
        // SAFETY: the library bounds-checks addr and len against the view.
        check(unsafe { sys::scx_arena_ptr(&self.raw, addr, len, &mut out) })?;
        Ok(out as *mut u8)
    }

    /// The agent's pointer for `len` bytes at byte offset `off` of the
    /// arena.  Errors: EFAULT past the mapping.
    pub fn ptr_at_offset(&self, off: u64, len: usize) -> Result<*mut u8> {
        let mut out = std::ptr::null_mut();
        // SAFETY: the library bounds-checks off and len against the view.
        check(unsafe { sys::scx_arena_ptr_off(&self.raw, off, len, &mut out) })?;
        Ok(out as *mut u8)
    }

    /// The BPF-side (user-form) address of an agent pointer into the arena.
    pub fn addr(&self, p: *const u8) -> Result<u64> {
        let mut out = 0u64;
        // SAFETY: the library only compares p with the view's bounds.
        check(unsafe { sys::scx_arena_addr(&self.raw, p as *const c_void, &mut out) })?;
        Ok(out)
    }

    /// The cmask at a BPF-side address, checked, for use in place.
    pub fn cmask(&self, addr: u64) -> Result<ArenaCmask<'a>> {
        let p = self.ptr(addr, sys::SCX_CMASK_HDR_SIZE)?;
        self.cmask_at(p)
    }

    /// The cmask at byte offset `off` of the arena, checked.
    pub fn cmask_at_offset(&self, off: u64) -> Result<ArenaCmask<'a>> {
        let p = self.ptr_at_offset(off, sys::SCX_CMASK_HDR_SIZE)?;
        self.cmask_at(p)
    }

    fn cmask_at(&self, p: *mut u8) -> Result<ArenaCmask<'a>> {
        let mut m = std::ptr::null_mut();
        // SAFETY: the library validates the header and storage bounds.
        check(unsafe { sys::scx_arena_cmask(&self.raw, p as *const c_void, &mut m) })?;
        Ok(ArenaCmask { view: *self, m: NonNull::new(m).expect("checked cmask is NULL") })
    }

    /// A copy of the cmask at a BPF-side address, taken from one snapshot
    /// of its header: safe whatever the BPF side does meanwhile.
    pub fn copy_out(&self, addr: u64) -> Result<Cmask> {
        let p = self.ptr(addr, sys::SCX_CMASK_HDR_SIZE)?;
        let mut dup = std::ptr::null_mut();
        // SAFETY: the library checks the header snapshot and copies within it.
        check(unsafe { sys::scx_arena_cmask_dup(&self.raw, p as *const c_void, &mut dup) })?;
        struct Owned(*mut sys::scx_cmask);
        impl AsCmask for Owned {
            fn as_raw(&self) -> *const sys::scx_cmask {
                self.0
            }
        }
        impl Drop for Owned {
            fn drop(&mut self) {
                // SAFETY: scx_arena_cmask_dup() allocated it for us.
                unsafe { sys::scx_cmask_free(self.0) }
            }
        }
        let dup = Owned(dup);
        Cmask::copy_of(&dup)
    }
}

/// A cmask inside a BPF arena, used in place.
///
/// The header was checked against the arena when this was made, and is
/// checked again by every operation, so a header the BPF side rewrote
/// meanwhile (a new window, a larger `alloc_words`) is caught rather than
/// followed out of the arena.  The single-cid operations and `copy_in`
/// check and act in one library call; the reading operations of
/// [`AsCmask`] check, then read the mask as it is (a BPF program that
/// re-initialises the mask in between can still race them: use
/// [`ArenaView::copy_out`] against such a program).  The words themselves change under the
/// agent's feet as BPF writes them: single-cid writes here are atomic
/// (like the BPF side's), so both sides may set and clear cids of the same
/// words at once.  For a stable picture, use [`ArenaView::copy_out`].
pub struct ArenaCmask<'a> {
    view: ArenaView<'a>,
    m: NonNull<sys::scx_cmask>,
}

impl<'a> ArenaCmask<'a> {
    /// Checks the header again against the arena.
    fn recheck(&self) -> Result<*mut sys::scx_cmask> {
        let mut m = std::ptr::null_mut();
        // SAFETY: the library validates the header and storage bounds.
        check(unsafe { sys::scx_arena_cmask(&self.view.raw, self.m.as_ptr() as *const c_void, &mut m) })?;
        Ok(m)
    }

    /// The BPF-side address of this cmask.
    pub fn addr(&self) -> Result<u64> {
        self.view.addr(self.m.as_ptr() as *const u8)
    }

    fn p(&self) -> *mut c_void {
        self.m.as_ptr() as *mut c_void
    }

    /// Atomically sets `cid`, beside BPF programs writing the same words.
    /// The header is read and checked by this very call, and the write
    /// stays inside the storage that check describes.
    pub fn set(&self, cid: u32) -> Result<()> {
        // SAFETY: the library checks the header against the view first.
        check(unsafe { sys::scx_arena_cmask_set(&self.view.raw, self.p(), cid) }).map(|_| ())
    }

    /// Atomically clears `cid`.
    pub fn clear(&self, cid: u32) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_arena_cmask_clear(&self.view.raw, self.p(), cid) }).map(|_| ())
    }

    /// Atomically sets `cid`; whether it was set before.  A failure is an
    /// error, never read as "was clear".
    pub fn test_and_set(&self, cid: u32) -> Result<bool> {
        // SAFETY: as above.
        check(unsafe { sys::scx_arena_cmask_test_and_set(&self.view.raw, self.p(), cid) }).map(|b| b != 0)
    }

    /// Atomically clears `cid`; whether it was set before (the way to
    /// claim a cid the BPF side marked idle).
    pub fn test_and_clear(&self, cid: u32) -> Result<bool> {
        // SAFETY: as above.
        check(unsafe { sys::scx_arena_cmask_test_and_clear(&self.view.raw, self.p(), cid) }).map(|b| b != 0)
    }

    /// Copies `src` into this mask, on the cids both windows hold.
    pub fn copy_in(&self, src: &dyn AsCmask) -> Result<()> {
        // SAFETY: as above; src is a readable cmask.
        check(unsafe { sys::scx_arena_cmask_copy_in(&self.view.raw, self.p(), src.as_raw()) }).map(|_| ())
    }
}

impl<'a> AsCmask for ArenaCmask<'a> {
    fn test(&self, cid: u32) -> bool {
        // SAFETY: the library checks the header against the view first.
        unsafe { sys::scx_arena_cmask_test(&self.view.raw, self.p(), cid) == 1 }
    }

    fn as_raw(&self) -> *const sys::scx_cmask {
        // A header that no longer checks out reads as invalid (empty), as
        // the library treats any invalid mask.
        match self.recheck() {
            Ok(m) => m,
            Err(_) => std::ptr::null(),
        }
    }
}
