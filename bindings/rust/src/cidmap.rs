// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! The kernel's cpu <-> cid tables, predicted from sysfs.

use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr::NonNull;

use crate::error::{check, Error, Result, EINVAL, ERANGE};
use crate::sys;

/// Which kernel generation's tables a map models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// Linux 7.2: no shards; the shard fields of [`Topo`] are -1.
    V7_2,
    /// Linux 7.3: cids are cut into shards of `shard_size` within each LLC.
    V7_3,
    /// PROVISIONAL: the cluster level queued for 7.4 (node -> LLC ->
    /// cluster -> core), from the patch's description; no 7.4 kernel has
    /// confirmed it.
    V7_4,
}

impl Generation {
    fn raw(self) -> u32 {
        match self {
            Generation::V7_2 => sys::SCX_CID_GEN_7_2,
            Generation::V7_3 => sys::SCX_CID_GEN_7_3,
            Generation::V7_4 => sys::SCX_CID_GEN_7_4,
        }
    }

    fn from_raw(gen: u32) -> Option<Generation> {
        match gen {
            sys::SCX_CID_GEN_7_2 => Some(Generation::V7_2),
            sys::SCX_CID_GEN_7_3 => Some(Generation::V7_3),
            sys::SCX_CID_GEN_7_4 => Some(Generation::V7_4),
            _ => None,
        }
    }

    /// The name the library gives it: "7.2", "7.3", "7.4".
    pub fn name(self) -> &'static str {
        // SAFETY: the library returns static NUL-terminated strings.
        unsafe { CStr::from_ptr(sys::scx_cid_gen_str(self.raw())) }.to_str().unwrap_or("?")
    }

    /// The generation a map of the running kernel models by default (or
    /// of the kernel whose BTF file is `btf`), and why, for a person.
    /// Errors: EOPNOTSUPP for a kernel whose cid topology this library
    /// does not know (a newer kernel): ask for a generation explicitly.
    pub fn of_kernel(btf: Option<&Path>) -> Result<(Generation, String)> {
        let path = btf.map(root_cstring).transpose()?;
        let (mut gen, mut source) = (0u32, 0u32);
        let p = path.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
        // SAFETY: p is NULL or a C string; both outputs are writable.
        check(unsafe { sys::scx_cid_gen_of_kernel(p, &mut gen, &mut source) })?;
        let g = Generation::from_raw(gen).ok_or_else(|| Error::new(EINVAL, format!("generation {:#x}", gen)))?;
        Ok((g, source_str(source)))
    }
}

fn source_str(source: u32) -> String {
    // SAFETY: the library returns static NUL-terminated strings.
    unsafe { CStr::from_ptr(sys::scx_cid_gen_source_str(source)) }.to_string_lossy().into_owned()
}

/// Options of [`CidMap::with_options`]; `Default` is the library's default
/// (the newest generation, default shard size).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CidMapOptions {
    /// Cids per shard, as `sched_ext_ops.cid_shard_size`; 0 for the
    /// kernel's default (24).
    pub shard_size: u32,
    /// The generation to model; `None` for the library's default.
    pub generation: Option<Generation>,
}

/// Where a cid sits, as `scx_bpf_cid_topo()` reports it.  Fields are -1
/// where the kernel has no value (tail cids; shard fields on 7.2).
pub type Topo = sys::scx_cid_topo;

/// The arrays `scx_bpf_cid_override()` takes, from [`CidMap::to_override`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// One entry per cpu below nr_cpu_ids: its cid, or -1 if not possible.
    pub cpu_to_cid: Vec<i32>,
    /// First cid of each shard (7.3), or `None` for a 7.2 map.
    pub shard_start: Option<Vec<i32>>,
}

/// A cid map: the cids the kernel gives this machine's (or a captured
/// sysfs tree's) cpus when a cid-form scheduler is enabled.
pub struct CidMap {
    map: NonNull<sys::scx_cid_map>,
}

// SAFETY: a map is immutable after construction; the library's lookups
// only read it.
unsafe impl Send for CidMap {}
unsafe impl Sync for CidMap {}

fn root_cstring(root: &Path) -> Result<CString> {
    CString::new(root.as_os_str().as_bytes())
        .map_err(|_| Error::new(EINVAL, format!("sysfs root {:?}: contains a NUL byte", root)))
}

impl CidMap {
    /// The running machine's map, from `/sys`.
    pub fn new() -> Result<CidMap> {
        CidMap::with_options(None, &CidMapOptions::default())
    }

    /// The map of a captured tree: `root` holds `sys/devices/system/...`.
    pub fn from_root<P: AsRef<Path>>(root: P) -> Result<CidMap> {
        CidMap::with_options(Some(root.as_ref()), &CidMapOptions::default())
    }

    /// A map with options; `root` is `None` for the running machine.
    pub fn with_options(root: Option<&Path>, opts: &CidMapOptions) -> Result<CidMap> {
        let root = root.map(root_cstring).transpose()?;
        // SAFETY: all-zero bytes are a valid scx_cid_map_opts; zeroing the
        // whole struct keeps any padding zero, as the library requires.
        let mut copts: sys::scx_cid_map_opts = unsafe { std::mem::zeroed() };
        copts.sz = std::mem::size_of::<sys::scx_cid_map_opts>();
        copts.shard_size = opts.shard_size;
        copts.gen = opts.generation.map_or(sys::SCX_CID_GEN_DEFAULT, Generation::raw);
        let mut out = std::ptr::null_mut();
        let root_ptr = root.as_ref().map_or(std::ptr::null(), |r| r.as_ptr());
        // SAFETY: out receives a map we own; the strings outlive the call.
        check(unsafe { sys::scx_cid_map_new_opts(&mut out, root_ptr, &copts) })?;
        Ok(CidMap { map: NonNull::new(out).expect("libscxcmask returned 0 and no map") })
    }

    /// The map a `scx_bpf_cid_override()` call with these arrays makes on
    /// the machine of `base`, validated as the kernel validates them.
    pub fn from_override(base: &CidMap, cpu_to_cid: &[i32], shard_start: Option<&[i32]>) -> Result<CidMap> {
        let (sp, sn) = shard_start.map_or((std::ptr::null(), 0), |s| (s.as_ptr(), s.len()));
        let mut out = std::ptr::null_mut();
        // SAFETY: the slices are read for their lengths only.
        check(unsafe { sys::scx_cid_map_from_override(&mut out, base.as_raw(), cpu_to_cid.as_ptr(), cpu_to_cid.len(), sp, sn) })?;
        Ok(CidMap { map: NonNull::new(out).expect("libscxcmask returned 0 and no map") })
    }

    /// The arrays that make the kernel adopt this map.
    pub fn to_override(&self) -> Result<Override> {
        let mut cpu_to_cid = vec![-1i32; self.nr_cpu_ids() as usize];
        let nr_shards = self.nr_shards() as usize;
        let mut shards = vec![0i32; nr_shards];
        let sp = if nr_shards > 0 { shards.as_mut_ptr() } else { std::ptr::null_mut() };
        // SAFETY: both arrays have the lengths passed.
        check(unsafe { sys::scx_cid_map_to_override(self.as_raw(), cpu_to_cid.as_mut_ptr(), cpu_to_cid.len(), sp, nr_shards) })?;
        Ok(Override { cpu_to_cid, shard_start: if nr_shards > 0 { Some(shards) } else { None } })
    }

    /// The C object, for [`sys`](crate::sys) functions.
    pub fn as_raw(&self) -> *const sys::scx_cid_map {
        self.map.as_ptr()
    }

    /// Number of cids: the possible cpus.
    pub fn nr_cids(&self) -> u32 {
        // SAFETY: self.map is a live map.
        unsafe { sys::scx_cid_map_nr_cids(self.as_raw()) }
    }

    /// Number of cpus that were online when the map was made.
    pub fn nr_online_cids(&self) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cid_map_nr_online_cids(self.as_raw()) }
    }

    /// Highest possible cpu + 1.
    pub fn nr_cpu_ids(&self) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cid_map_nr_cpu_ids(self.as_raw()) }
    }

    /// The cid of `cpu`.  Errors: ENOENT for a cpu that is not possible,
    /// EINVAL at or above nr_cpu_ids.
    pub fn cpu_to_cid(&self, cpu: u32) -> Result<u32> {
        if cpu > i32::MAX as u32 {
            return Err(Error::new(ERANGE, format!("cpu {} is out of range", cpu)));
        }
        // SAFETY: as above.
        check(unsafe { sys::scx_cid_map_cpu_to_cid(self.as_raw(), cpu as i32) })
    }

    /// The cpu holding `cid`.  Errors: EINVAL outside `[0, nr_cids)`.
    pub fn cid_to_cpu(&self, cid: u32) -> Result<u32> {
        if cid > i32::MAX as u32 {
            return Err(Error::new(ERANGE, format!("cid {} is out of range", cid)));
        }
        // SAFETY: as above.
        check(unsafe { sys::scx_cid_map_cid_to_cpu(self.as_raw(), cid as i32) })
    }

    /// The topology of `cid`.
    pub fn topo(&self, cid: u32) -> Result<Topo> {
        let mut t = Topo::default();
        // SAFETY: t is a writable scx_cid_topo.
        check(unsafe { sys::scx_cid_map_topo(self.as_raw(), cid, &mut t) })?;
        Ok(t)
    }

    /// The generation this map models, and why it does (the caller asked,
    /// the running kernel's BTF named it, or what was assumed).
    pub fn generation(&self) -> (Option<Generation>, String) {
        let mut source = 0u32;
        // SAFETY: self.map is a live map; source is writable.
        let gen = unsafe { sys::scx_cid_map_gen(self.as_raw(), &mut source) };
        (Generation::from_raw(gen), source_str(source))
    }

    /// Number of shards (0 for a 7.2 map).
    pub fn nr_shards(&self) -> u32 {
        // SAFETY: as above.
        unsafe { sys::scx_cid_map_nr_shards(self.as_raw()) }
    }

    /// The cid range of shard `idx`, as `base..base + len`.
    pub fn shard(&self, idx: u32) -> Result<std::ops::Range<u32>> {
        let (mut base, mut nr) = (0u32, 0u32);
        // SAFETY: both outputs are writable u32s.
        check(unsafe { sys::scx_cid_map_shard(self.as_raw(), idx, &mut base, &mut nr) })?;
        Ok(base..base + nr)
    }

    /// Whether this map is still the one the kernel uses, from the kernel's
    /// own answers (`scx_bpf_cid_to_cpu()` of every cid, as the scheduler
    /// recorded them).  The kernel keeps the tables it built at enable
    /// until the next enable: hotplug does not renumber.  `Ok(false)`
    /// carries the first difference, as the library words it.
    pub fn matches(&self, kernel_cid_to_cpu: &[i32]) -> Result<std::result::Result<(), String>> {
        // SAFETY: the slice is read for its length only.
        let rc = check(unsafe { sys::scx_cid_map_matches(self.as_raw(), kernel_cid_to_cpu.as_ptr(), kernel_cid_to_cpu.len()) })?;
        if rc == 1 {
            Ok(Ok(()))
        } else {
            // SAFETY: the library left the difference in this thread's message.
            let why = unsafe { CStr::from_ptr(sys::scxcmask_errmsg()) }.to_string_lossy().into_owned();
            Ok(Err(why))
        }
    }

    /// `cid_to_cpu` for every cid, in cid order.
    pub fn cid_to_cpu_table(&self) -> Vec<u32> {
        (0..self.nr_cids()).filter_map(|c| self.cid_to_cpu(c).ok()).collect()
    }
}

impl Drop for CidMap {
    fn drop(&mut self) {
        // SAFETY: we own the map and drop it once.
        unsafe { sys::scx_cid_map_free(self.map.as_ptr()) }
    }
}

impl std::fmt::Debug for CidMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CidMap")
            .field("nr_cpu_ids", &self.nr_cpu_ids())
            .field("nr_cids", &self.nr_cids())
            .field("nr_online_cids", &self.nr_online_cids())
            .field("nr_shards", &self.nr_shards())
            .finish()
    }
}
