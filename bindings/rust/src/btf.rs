// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Does the running kernel's `struct scx_cmask` match this library?

use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::error::{check, Error, Result, EINVAL};
use crate::sys;

/// What [`check_btf`] found in a kernel's BTF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BtfReport {
    /// The kernel has sched_ext.
    pub has_sched_ext: bool,
    /// The kernel has cid-form schedulers.
    pub has_cid: bool,
    /// The kernel defines `struct scx_cmask`.
    pub has_cmask: bool,
    /// Its layout matches this library's, field by field.
    pub cmask_ok: bool,
    /// The kernel generation the library recognised, as a number.
    pub generation: u32,
    /// The same, for a person ("7.2", "7.3", "none", "unknown-newer").
    pub generation_name: String,
    /// `sizeof(struct scx_cid_topo)`, 0 when absent.
    pub topo_size: u32,
    /// `sizeof(struct scx_cmask)`, 0 when absent.
    pub cmask_size: u32,
    /// The first difference found; empty when `cmask_ok`.
    pub mismatch: String,
}

impl BtfReport {
    /// Whether a cid-form scheduler built on this library can run there.
    pub fn usable(&self) -> bool {
        self.has_cid && self.cmask_ok
    }
}

/// Reads a kernel's BTF (`None`: the running kernel's
/// `/sys/kernel/btf/vmlinux`; or a raw BTF file or a vmlinux ELF) and
/// compares it with this library's layout.
pub fn check_btf(path: Option<&Path>) -> Result<BtfReport> {
    let cpath = match path {
        Some(p) => Some(CString::new(p.as_os_str().as_bytes()).map_err(|_| Error::new(EINVAL, "BTF path contains a NUL byte"))?),
        None => None,
    };
    // SAFETY: an all-zero report is a valid value of the C struct.
    let mut r: sys::scx_btf_report = unsafe { std::mem::zeroed() };
    r.sz = std::mem::size_of::<sys::scx_btf_report>();
    let p = cpath.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: r is a writable report with sz set; p is NULL or a C string.
    check(unsafe { sys::scx_cmask_check_btf_report(p, &mut r) })?;
    // SAFETY: the library returns static strings and terminates mismatch.
    let (name, mismatch) = unsafe {
        (
            CStr::from_ptr(sys::scx_cid_gen_str(r.gen)).to_string_lossy().into_owned(),
            CStr::from_ptr(r.mismatch.as_ptr()).to_string_lossy().into_owned(),
        )
    };
    Ok(BtfReport {
        has_sched_ext: r.has_sched_ext,
        has_cid: r.has_cid,
        has_cmask: r.has_cmask,
        cmask_ok: r.cmask_ok,
        generation: r.gen,
        generation_name: name,
        topo_size: r.topo_size,
        cmask_size: r.cmask_size,
        mismatch,
    })
}
