// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Owned cmasks and the operations every cmask has.

use std::fmt;
use std::marker::PhantomData;

use crate::error::{check, Result};
use crate::sys;

/// Read access to a cmask, owned ([`Cmask`]) or in a BPF arena
/// ([`ArenaCmask`](crate::ArenaCmask)).
///
/// Every reading operation of `<scxcmask/cmask.h>` is a provided method
/// here, with the C name less its `scx_cmask_` prefix.  As in C, results
/// depend only on the cids inside the window `[base, base + nr_cids)`, and
/// a search that finds nothing returns [`end()`](AsCmask::end), never a cid.
pub trait AsCmask {
    /// The C object, for calling [`sys`](crate::sys) functions directly.
    fn as_raw(&self) -> *const sys::scx_cmask;

    /// First cid of the window.
    fn base(&self) -> u32 {
        // SAFETY: as_raw() points at a readable cmask header.
        unsafe { std::ptr::read_volatile(&(*self.as_raw()).base) }
    }

    /// Number of cids in the window.
    fn nr_cids(&self) -> u32 {
        // SAFETY: as above.
        unsafe { std::ptr::read_volatile(&(*self.as_raw()).nr_cids) }
    }

    /// Words of storage behind the header.
    fn alloc_words(&self) -> u32 {
        // SAFETY: as above.
        unsafe { std::ptr::read_volatile(&(*self.as_raw()).alloc_words) }
    }

    /// The "no cid" sentinel: `base + nr_cids`.
    fn end(&self) -> u32 {
        // SAFETY: the library reads the header of a valid pointer only.
        unsafe { sys::scx_cmask_end(self.as_raw()) }
    }

    /// Whether the header describes a window its storage can hold.
    fn valid(&self) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_valid(self.as_raw()) }).map(|_| ())
    }

    /// Whether `cid` is set (false outside the window).
    fn test(&self, cid: u32) -> bool {
        // SAFETY: the library bounds every access by the header.
        unsafe { sys::scx_cmask_test(cid, self.as_raw()) }
    }

    /// Whether no cid of the window is set.
    fn empty(&self) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_empty(self.as_raw()) }
    }

    /// Number of set cids.
    fn weight(&self) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_weight(self.as_raw()) }
    }

    /// Same window and the same set cids as `other`.
    fn equal(&self, other: &dyn AsCmask) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_equal(self.as_raw(), other.as_raw()) }
    }

    /// Whether every set cid of `self` is set in `other`.
    fn subset(&self, other: &dyn AsCmask) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_subset(self.as_raw(), other.as_raw()) }
    }

    /// Whether some cid is set in both.
    fn intersects(&self, other: &dyn AsCmask) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_intersects(self.as_raw(), other.as_raw()) }
    }

    /// Lowest set cid at or above `cid`, or `end()`.
    fn next_set(&self, cid: u32) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_next_set(self.as_raw(), cid) }
    }

    /// Lowest set cid, or `end()`.
    fn first_set(&self) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_first_set(self.as_raw()) }
    }

    /// Lowest cid at or above `start` set in both masks, or `self.end()`.
    fn next_and_set(&self, other: &dyn AsCmask, start: u32) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_next_and_set(self.as_raw(), other.as_raw(), start) }
    }

    /// Lowest cid at or above `start` set in all three masks, or `self.end()`.
    fn next_and2_set(&self, b: &dyn AsCmask, c: &dyn AsCmask, start: u32) -> u32 {
        // SAFETY: the library bounds every access by the headers.
        unsafe { sys::scx_cmask_next_and2_set(self.as_raw(), b.as_raw(), c.as_raw(), start) }
    }

    /// [`next_set_wrap`](AsCmask::next_set_wrap) on `self & b & c`.
    fn next_and2_set_wrap(&self, b: &dyn AsCmask, c: &dyn AsCmask, start: u32) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_next_and2_set_wrap(self.as_raw(), b.as_raw(), c.as_raw(), start) }
    }

    /// Round-robin search from `start`, wrapping to the base; `end()` if none.
    fn next_set_wrap(&self, start: u32) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_next_set_wrap(self.as_raw(), start) }
    }

    /// [`next_set_wrap`](AsCmask::next_set_wrap) on `self & other`.
    fn next_and_set_wrap(&self, other: &dyn AsCmask, start: u32) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_next_and_set_wrap(self.as_raw(), other.as_raw(), start) }
    }

    /// The set cids in ascending order.
    fn iter(&self) -> Iter<'_> {
        Iter { m: self.as_raw(), next: 0, done: false, _life: PhantomData }
    }

    /// The cpus of the set cids as a cpulist, e.g. `"0-3,8"`.
    /// Errors: ENOENT for a set cid `map` has no cpu for.
    fn to_cpulist(&self, map: &crate::CidMap) -> Result<String> {
        crate::convert::format_with(|buf, len| {
            // SAFETY: buf has len bytes (or is NULL with len 0).
            unsafe { sys::scx_cmask_to_cpulist(buf, len, map.as_raw(), self.as_raw()) }
        })
    }

    /// The cpus of the set cids as a sysfs hex cpumask, e.g. `"000000ff"`.
    fn to_cpumask_hex(&self, map: &crate::CidMap) -> Result<String> {
        crate::convert::format_with(|buf, len| {
            // SAFETY: as above.
            unsafe { sys::scx_cmask_to_cpumask_hex(buf, len, map.as_raw(), self.as_raw()) }
        })
    }

    /// The cpu numbers of the set cids, ascending.
    fn to_cpus(&self, map: &crate::CidMap) -> Result<Vec<u32>> {
        crate::convert::to_cpus(map, self.as_raw())
    }

    /// The cpus of the set cids as the bytes of a glibc `cpu_set_t` of
    /// `setsize` bytes (a multiple of 8; `None`: the smallest that holds
    /// every cpu of `map`), ready for `sched_setaffinity()`.
    fn to_cpuset_bytes(&self, map: &crate::CidMap, setsize: Option<usize>) -> Result<Vec<u8>> {
        crate::convert::to_cpuset_bytes(map, self.as_raw(), setsize)
    }

    /// The set cids as a list, e.g. `"0-3,8"` (the kernel's `%*pbl`).
    fn format_cidlist(&self) -> String {
        crate::convert::format_with(|buf, len| {
            // SAFETY: buf has len bytes (or is NULL with len 0).
            unsafe { sys::scx_cmask_format_cidlist(buf, len, self.as_raw()) }
        })
        .unwrap_or_default()
    }
}

/// Iterator over the set cids of a cmask, from [`AsCmask::iter`].
///
/// Each step searches from the last cid found, so a mask changed by
/// another thread or a BPF program meanwhile gives each cid's value at
/// some moment of the loop, as in C.
pub struct Iter<'a> {
    m: *const sys::scx_cmask,
    next: u32,
    done: bool,
    _life: PhantomData<&'a ()>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.done {
            return None;
        }
        // SAFETY: the borrow of the mask outlives the iterator.
        let (cid, end) = unsafe { (sys::scx_cmask_next_set(self.m, self.next), sys::scx_cmask_end(self.m)) };
        if cid >= end {
            self.done = true;
            return None;
        }
        match cid.checked_add(1) {
            Some(n) => self.next = n,
            None => self.done = true,
        }
        Some(cid)
    }
}

/// A cmask in memory this crate owns, laid out exactly as the kernel's
/// `struct scx_cmask` (a 16-byte header, then 64-cid words).
///
/// ```
/// let mut m = scxcmask::Cmask::new(0, 128)?;
/// m.set(3)?;
/// m.set(70)?;
/// assert_eq!(m.weight(), 2);
/// use scxcmask::AsCmask;
/// assert_eq!(m.iter().collect::<Vec<_>>(), vec![3, 70]);
/// # Ok::<(), scxcmask::Error>(())
/// ```
pub struct Cmask {
    // u64 words keep the header and bits[] 8-byte aligned, as the C type is.
    words: Box<[u64]>,
}

impl Cmask {
    /// An empty cmask over `[base, base + nr_cids)` with tight storage.
    ///
    /// Errors: EOVERFLOW when the window passes 2^32, E2BIG past the
    /// library's limits.
    pub fn new(base: u32, nr_cids: u32) -> Result<Cmask> {
        Cmask::with_capacity(base, nr_cids, nr_cids)
    }

    /// An empty cmask with room for `alloc_cids` cids, so that
    /// [`reframe`](Cmask::reframe) can widen it later.
    pub fn with_capacity(base: u32, nr_cids: u32, alloc_cids: u32) -> Result<Cmask> {
        let mut m = Cmask::storage(alloc_cids);
        // SAFETY: the storage holds scx_cmask_size(alloc_cids) bytes.
        check(unsafe { sys::scx_cmask_init_alloc(m.as_mut_raw(), base, nr_cids, alloc_cids) })?;
        Ok(m)
    }

    /// Uninitialised (zeroed) storage for `alloc_cids` cids.
    fn storage(alloc_cids: u32) -> Cmask {
        // SAFETY: a pure size computation that never overflows.
        let bytes = unsafe { sys::scx_cmask_size(alloc_cids) };
        Cmask { words: vec![0u64; bytes / 8].into_boxed_slice() }
    }

    /// A zeroed cmask in the form the kernel hands `ops.set_cmask()`: base
    /// 0 and one cid per possible cpu of `map`.
    pub fn for_map(map: &crate::CidMap) -> Result<Cmask> {
        let mut m = Cmask::storage(map.nr_cids());
        // SAFETY: sized for nr_cids cids, as init_for_map requires.
        check(unsafe { sys::scx_cmask_init_for_map(m.as_mut_raw(), map.as_raw()) })?;
        Ok(m)
    }

    /// A copy of any cmask (owned or in an arena): same window, same bits,
    /// tight storage.
    pub fn copy_of(src: &dyn AsCmask) -> Result<Cmask> {
        src.valid()?;
        let mut m = Cmask::new(src.base(), src.nr_cids())?;
        m.copy(src)?;
        Ok(m)
    }

    /// The C object, for [`sys`](crate::sys) functions that write.
    pub fn as_mut_raw(&mut self) -> *mut sys::scx_cmask {
        self.words.as_mut_ptr() as *mut sys::scx_cmask
    }

    /// The storage words (`bits[]`), padding included.
    pub fn words(&self) -> &[u64] {
        &self.words[sys::SCX_CMASK_HDR_SIZE / 8..]
    }

    /// Moves or resizes the window within the storage; as upstream only
    /// the words holding padding are cleared.
    pub fn reframe(&mut self, base: u32, nr_cids: u32) -> Result<()> {
        // SAFETY: self is a valid cmask.
        check(unsafe { sys::scx_cmask_reframe(self.as_mut_raw(), base, nr_cids) }).map(|_| ())
    }

    /// Sets `cid` (atomic in C; exclusive here through `&mut`).
    /// Errors: ERANGE outside the window.
    pub fn set(&mut self, cid: u32) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_set(cid, self.as_mut_raw()) }).map(|_| ())
    }

    /// Clears `cid`.  Errors: ERANGE outside the window.
    pub fn clear(&mut self, cid: u32) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_clear(cid, self.as_mut_raw()) }).map(|_| ())
    }

    /// Sets `cid` and returns whether it was set before (false outside
    /// the window, where nothing changes).
    pub fn test_and_set(&mut self, cid: u32) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_test_and_set(cid, self.as_mut_raw()) }
    }

    /// Clears `cid` and returns whether it was set before.
    pub fn test_and_clear(&mut self, cid: u32) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_test_and_clear(cid, self.as_mut_raw()) }
    }

    /// [`set`](Cmask::set) without the atomic instruction.
    pub fn set_nonatomic(&mut self, cid: u32) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_set_nonatomic(cid, self.as_mut_raw()) }).map(|_| ())
    }

    /// [`clear`](Cmask::clear) without the atomic instruction.
    pub fn clear_nonatomic(&mut self, cid: u32) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_clear_nonatomic(cid, self.as_mut_raw()) }).map(|_| ())
    }

    /// [`test_and_set`](Cmask::test_and_set) without the atomic instruction.
    pub fn test_and_set_nonatomic(&mut self, cid: u32) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_test_and_set_nonatomic(cid, self.as_mut_raw()) }
    }

    /// [`test_and_clear`](Cmask::test_and_clear) without the atomic instruction.
    pub fn test_and_clear_nonatomic(&mut self, cid: u32) -> bool {
        // SAFETY: as above.
        unsafe { sys::scx_cmask_test_and_clear_nonatomic(cid, self.as_mut_raw()) }
    }

    /// Clears every cid of the window.
    pub fn zero(&mut self) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_zero(self.as_mut_raw()) }).map(|_| ())
    }

    /// Sets every cid of the window.
    pub fn fill(&mut self) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_fill(self.as_mut_raw()) }).map(|_| ())
    }

    /// `self &= src` on the cids both windows hold; cids of `self` outside
    /// `src`'s window keep their value, as in C.
    pub fn and(&mut self, src: &dyn AsCmask) -> Result<()> {
        // SAFETY: as above; src may alias nothing we hold mutably.
        check(unsafe { sys::scx_cmask_and(self.as_mut_raw(), src.as_raw()) }).map(|_| ())
    }

    /// `self |= src` on the cids both windows hold.
    pub fn or(&mut self, src: &dyn AsCmask) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_or(self.as_mut_raw(), src.as_raw()) }).map(|_| ())
    }

    /// `self = src` on the cids both windows hold.
    pub fn copy(&mut self, src: &dyn AsCmask) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_copy(self.as_mut_raw(), src.as_raw()) }).map(|_| ())
    }

    /// `self &= !src` on the cids both windows hold.
    pub fn andnot(&mut self, src: &dyn AsCmask) -> Result<()> {
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_andnot(self.as_mut_raw(), src.as_raw()) }).map(|_| ())
    }
}

impl AsCmask for Cmask {
    fn as_raw(&self) -> *const sys::scx_cmask {
        self.words.as_ptr() as *const sys::scx_cmask
    }
}

impl Clone for Cmask {
    fn clone(&self) -> Cmask {
        Cmask { words: self.words.clone() }
    }
}

impl PartialEq for Cmask {
    fn eq(&self, other: &Cmask) -> bool {
        self.equal(other)
    }
}

impl Eq for Cmask {}

impl fmt::Debug for Cmask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cmask {{ base: {}, nr_cids: {}, cids: \"{}\" }}", self.base(), self.nr_cids(), self.format_cidlist())
    }
}

impl<'a> IntoIterator for &'a Cmask {
    type Item = u32;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}
