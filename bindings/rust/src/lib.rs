// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Safe Rust bindings to libscxcmask, for sched_ext scheduler agents.
//!
//! Linux 7.2 gave sched_ext *cids* (dense, topology-ordered cpu ids) and
//! `struct scx_cmask`, a bitmap over a window of cids.  A cid-form BPF
//! scheduler and its agent share cmasks in a BPF arena.  This crate wraps
//! the C library, so a Rust agent uses exactly the operations, the cpu to
//! cid map and the arena checks that the C agent and the BPF side use:
//!
//! - [`Cmask`]: an owned cmask, with every operation of `<scxcmask/cmask.h>`
//!   under its C name without the `scx_cmask_` prefix;
//! - [`CidMap`]: the kernel's cpu <-> cid tables predicted from sysfs, with
//!   topology, shards and override arrays;
//! - conversions between cmasks and cpulists, cpu numbers, raw `cpu_set_t`
//!   bytes and hex cpumasks ([`Cmask::from_cpulist`] and friends);
//! - [`ArenaView`] and [`ArenaCmask`]: cmasks a BPF program keeps in an
//!   arena, read in place or copied out after the library's checks;
//! - [`check_btf`]: whether the running kernel's `struct scx_cmask` is the
//!   layout this library was built for.
//!
//! Errors are [`Error`]s carrying the library's errno and message.
//!
//! ```no_run
//! use scxcmask::{AsCmask, CidMap, Cmask};
//!
//! let map = CidMap::new()?;
//! let mut allowed = Cmask::for_map(&map)?;
//! allowed.assign_cpulist(&map, "0-3", 0)?;
//! for cid in allowed.iter() {
//!     println!("cid {} is cpu {}", cid, map.cid_to_cpu(cid)?);
//! }
//! # Ok::<(), scxcmask::Error>(())
//! ```

#![warn(missing_docs)]

pub mod sys;

mod arena;
mod btf;
mod cidmap;
mod cmask;
mod convert;
mod error;

pub use arena::{ArenaCmask, ArenaView};
pub use btf::{check_btf, BtfReport};
pub use cidmap::{CidMap, CidMapOptions, Generation, Override, Topo};
pub use cmask::{AsCmask, Cmask, Iter};
pub use convert::{bitmap_format_hex, bitmap_format_list, bitmap_parse_hex, bitmap_parse_list};
pub use error::{Error, Result};

/// The version string of the loaded library, e.g. `"1.0.0"`.
pub fn version() -> &'static str {
    // SAFETY: the library returns a static NUL-terminated ASCII string.
    unsafe { std::ffi::CStr::from_ptr(sys::scxcmask_version()) }.to_str().unwrap_or("?")
}

/// The loaded library's version as `major * 10000 + minor * 100 + patch`.
pub fn version_number() -> u32 {
    // SAFETY: no arguments, no state.
    unsafe { sys::scxcmask_version_number() }
}
