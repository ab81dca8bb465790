// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Conversions between cmasks and the forms cpus come in: cpulists, cpu
//! numbers, `cpu_set_t` bytes, sysfs hex masks and cidlists.
//!
//! The C rules hold: on failure nothing is written, and a destination too
//! small is an error, never a truncation.

use std::ffi::CString;
use std::os::raw::{c_char, c_int};

use crate::cmask::Cmask;
use crate::error::{check, Error, Result, EINVAL, ERANGE};
use crate::sys;
use crate::CidMap;

/// Runs a C formatter twice: once to measure, once into a buffer of that size.
pub(crate) fn format_with<F>(f: F) -> Result<String>
where
    F: Fn(*mut c_char, usize) -> c_int,
{
    let len = check(f(std::ptr::null_mut(), 0))? as usize;
    let mut buf = vec![0u8; len + 1];
    let n = check(f(buf.as_mut_ptr() as *mut c_char, buf.len()))? as usize;
    buf.truncate(n);
    String::from_utf8(buf).map_err(|_| Error::new(EINVAL, "libscxcmask printed non-UTF-8 text"))
}

fn c_string(what: &str, s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::new(EINVAL, format!("{} {:?}: contains a NUL byte", what, s)))
}

fn words_for(nbits: u32) -> usize {
    (nbits as usize + 63) / 64
}

/// Parses the kernel's list syntax (`"0-3,8"`, `"0-9:2/5"`, `"all"`) into
/// a bitmap of `nbits` bits.
pub fn bitmap_parse_list(s: &str, nbits: u32) -> Result<Vec<u64>> {
    let cs = c_string("list", s)?;
    let mut bits = vec![0u64; words_for(nbits)];
    // SAFETY: bits holds ceil(nbits / 64) words.
    check(unsafe { sys::scx_bitmap_parse_list(bits.as_mut_ptr(), nbits, cs.as_ptr()) })?;
    Ok(bits)
}

/// Formats the first `nbits` bits of `bits` in the kernel's list syntax.
pub fn bitmap_format_list(bits: &[u64], nbits: u32) -> Result<String> {
    if words_for(nbits) > bits.len() {
        return Err(Error::new(ERANGE, format!("{} bits do not fit in {} words", nbits, bits.len())));
    }
    // SAFETY: bits holds at least ceil(nbits / 64) words.
    format_with(|buf, len| unsafe { sys::scx_bitmap_format_list(buf, len, bits.as_ptr(), nbits) })
}

/// Parses the kernel's hex syntax (`"000000ff,00000001"`) into a bitmap.
pub fn bitmap_parse_hex(s: &str, nbits: u32) -> Result<Vec<u64>> {
    let cs = c_string("hex mask", s)?;
    let mut bits = vec![0u64; words_for(nbits)];
    // SAFETY: as for bitmap_parse_list().
    check(unsafe { sys::scx_bitmap_parse_hex(bits.as_mut_ptr(), nbits, cs.as_ptr()) })?;
    Ok(bits)
}

/// Formats the first `nbits` bits of `bits` as the kernel's hex mask.
pub fn bitmap_format_hex(bits: &[u64], nbits: u32) -> Result<String> {
    if words_for(nbits) > bits.len() {
        return Err(Error::new(ERANGE, format!("{} bits do not fit in {} words", nbits, bits.len())));
    }
    // SAFETY: as for bitmap_format_list().
    format_with(|buf, len| unsafe { sys::scx_bitmap_format_hex(buf, len, bits.as_ptr(), nbits) })
}

pub(crate) fn to_cpus(map: &CidMap, src: *const sys::scx_cmask) -> Result<Vec<u32>> {
    let nbits = map.nr_cpu_ids();
    let mut bits = vec![0u64; words_for(nbits)];
    // SAFETY: bits holds nr_cpu_ids bits.
    check(unsafe { sys::scx_cmask_to_cpu_bitmap(bits.as_mut_ptr(), nbits, map.as_raw(), src) })?;
    let mut cpus = Vec::new();
    for (i, w) in bits.iter().enumerate() {
        let mut w = *w;
        while w != 0 {
            cpus.push(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
    Ok(cpus)
}

/// The smallest multiple of 8 bytes holding `nr_cpu_ids` bits.
fn default_setsize(map: &CidMap) -> usize {
    (map.nr_cpu_ids() as usize + 63) / 64 * 8
}

pub(crate) fn to_cpuset_bytes(map: &CidMap, src: *const sys::scx_cmask, setsize: Option<usize>) -> Result<Vec<u8>> {
    let size = setsize.unwrap_or_else(|| default_setsize(map)).max(8);
    // u64 storage keeps the set aligned for glibc's unsigned long words.
    let mut words = vec![0u64; (size + 7) / 8];
    // SAFETY: words holds at least size bytes.
    check(unsafe { sys::scx_cmask_to_cpuset(words.as_mut_ptr() as *mut sys::cpu_set_t, size, map.as_raw(), src) })?;
    let mut out = Vec::with_capacity(size);
    for w in &words {
        out.extend_from_slice(&w.to_ne_bytes());
    }
    out.truncate(size);
    Ok(out)
}

/// Conversions into a cmask.  Each comes as a constructor, which returns
/// a new mask in the kernel's `set_cmask` form ([`Cmask::for_map`]), and
/// as an `assign_*` method, which rewrites an existing mask's window and
/// takes the C flags ([`Cmask::SKIP_UNMAPPED`]).
impl Cmask {
    /// Skip cpus without a cid and cids outside the window instead of
    /// failing, as the kernel's own cpumask-to-cmask conversion does.
    pub const SKIP_UNMAPPED: u32 = sys::SCX_CONVERT_SKIP_UNMAPPED;

    /// The cids of a cpulist such as `"0-3,8"`.
    pub fn from_cpulist(map: &CidMap, s: &str) -> Result<Cmask> {
        let mut m = Cmask::for_map(map)?;
        m.assign_cpulist(map, s, 0)?;
        Ok(m)
    }

    /// Rewrites the window with the cids of a cpulist.
    pub fn assign_cpulist(&mut self, map: &CidMap, s: &str, flags: u32) -> Result<()> {
        let cs = c_string("cpulist", s)?;
        // SAFETY: self is valid; cs is NUL-terminated.
        check(unsafe { sys::scx_cmask_from_cpulist(self.as_mut_raw(), map.as_raw(), cs.as_ptr(), flags) }).map(|_| ())
    }

    /// The cids of a sysfs hex cpumask such as `"000000ff"`.
    pub fn from_cpumask_hex(map: &CidMap, s: &str) -> Result<Cmask> {
        let mut m = Cmask::for_map(map)?;
        m.assign_cpumask_hex(map, s, 0)?;
        Ok(m)
    }

    /// Rewrites the window with the cids of a sysfs hex cpumask.
    pub fn assign_cpumask_hex(&mut self, map: &CidMap, s: &str, flags: u32) -> Result<()> {
        let cs = c_string("cpumask", s)?;
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_from_cpumask_hex(self.as_mut_raw(), map.as_raw(), cs.as_ptr(), flags) }).map(|_| ())
    }

    /// The cids of a list of cpu numbers (any order, repeats allowed).
    pub fn from_cpus(map: &CidMap, cpus: &[u32]) -> Result<Cmask> {
        let mut m = Cmask::for_map(map)?;
        m.assign_cpus(map, cpus, 0)?;
        Ok(m)
    }

    /// Rewrites the window with the cids of a list of cpu numbers.
    pub fn assign_cpus(&mut self, map: &CidMap, cpus: &[u32], flags: u32) -> Result<()> {
        let top = cpus.iter().copied().max().map_or(0u64, |c| c as u64 + 1);
        if top > u32::MAX as u64 {
            return Err(Error::new(ERANGE, "cpu number too large"));
        }
        let nbits = top as u32;
        let mut bits = vec![0u64; words_for(nbits)];
        for &c in cpus {
            bits[c as usize / 64] |= 1u64 << (c % 64);
        }
        // SAFETY: bits holds nbits bits.
        check(unsafe { sys::scx_cmask_from_cpu_bitmap(self.as_mut_raw(), map.as_raw(), bits.as_ptr(), nbits, flags) })
            .map(|_| ())
    }

    /// The cids of the cpus in the bytes of a glibc `cpu_set_t` (as from
    /// `sched_getaffinity()`; the length must be a multiple of 8).
    pub fn from_cpuset_bytes(map: &CidMap, set: &[u8]) -> Result<Cmask> {
        let mut m = Cmask::for_map(map)?;
        m.assign_cpuset_bytes(map, set, 0)?;
        Ok(m)
    }

    /// Rewrites the window with the cids of the cpus in a `cpu_set_t`.
    pub fn assign_cpuset_bytes(&mut self, map: &CidMap, set: &[u8], flags: u32) -> Result<()> {
        // Copied into u64 words: the caller's bytes need not be aligned.
        let mut words = vec![0u64; (set.len() + 7) / 8];
        for (i, b) in set.iter().enumerate() {
            words[i / 8] |= (*b as u64) << (8 * if cfg!(target_endian = "little") { i % 8 } else { 7 - i % 8 });
        }
        // SAFETY: words holds set.len() bytes; the library checks the size.
        check(unsafe {
            sys::scx_cmask_from_cpuset(self.as_mut_raw(), map.as_raw(), words.as_ptr() as *const sys::cpu_set_t, set.len(), flags)
        })
        .map(|_| ())
    }

    /// A mask over `[base, base + nr_cids)` holding the cids of a cidlist.
    pub fn parse_cidlist(base: u32, nr_cids: u32, s: &str) -> Result<Cmask> {
        let mut m = Cmask::new(base, nr_cids)?;
        m.assign_cidlist(s)?;
        Ok(m)
    }

    /// Rewrites the window with the cids of a cidlist such as `"0-3,64"`.
    pub fn assign_cidlist(&mut self, s: &str) -> Result<()> {
        let cs = c_string("cidlist", s)?;
        // SAFETY: as above.
        check(unsafe { sys::scx_cmask_parse_cidlist(self.as_mut_raw(), cs.as_ptr()) }).map(|_| ())
    }
}
