// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Raw declarations of libscxcmask's C interface.
//!
//! One `extern "C"` item per exported function of `<scxcmask/scxcmask.h>`,
//! and `#[repr(C)]` copies of its public structs, written by hand (no
//! bindgen).  `make check` compares this file with the C headers
//! (`tests/rust/check-decls.py`): a function or struct that changes in C
//! without this file following fails the build's tests.  Everything here
//! is `unsafe` to call; the safe API is in the other modules.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_uint, c_void};

/// `struct scx_cmask`: the kernel's cmask header; `alloc_words` u64 words
/// follow at offset 16.
#[repr(C)]
pub struct scx_cmask {
    /// first cid of the window
    pub base: u32,
    /// number of cids in the window
    pub nr_cids: u32,
    /// u64 words of storage in `bits`
    pub alloc_words: u32,
    /// the grid words (a flexible array member)
    pub bits: [u64; 0],
}

/// Opaque `struct scx_cid_map`.
#[repr(C)]
pub struct scx_cid_map {
    _private: [u8; 0],
}

/// Opaque libbpf `struct bpf_map`.
#[repr(C)]
pub struct bpf_map {
    _private: [u8; 0],
}

/// glibc's `cpu_set_t`, only ever passed by pointer with a byte size.
#[repr(C)]
pub struct cpu_set_t {
    _private: [u8; 0],
}

/// `struct scx_cid_topo`, as `scx_bpf_cid_topo()` fills it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct scx_cid_topo {
    /// first cid of the SMT core
    pub core_cid: i32,
    /// index of the core
    pub core_idx: i32,
    /// first cid of the last-level cache unit
    pub llc_cid: i32,
    /// index of the LLC unit
    pub llc_idx: i32,
    /// first cid of the NUMA node
    pub node_cid: i32,
    /// index of the node in walk order
    pub node_idx: i32,
    /// first cid of the shard (7.3)
    pub shard_cid: i32,
    /// index of the shard (7.3)
    pub shard_idx: i32,
    /// first cid of the cluster (provisional 7.4)
    pub cluster_cid: i32,
    /// index of the cluster (provisional 7.4)
    pub cluster_idx: i32,
}

/// `struct scx_cid_map_opts`.
#[repr(C)]
pub struct scx_cid_map_opts {
    /// size of this struct
    pub sz: usize,
    /// cids per shard; 0 for the default
    pub shard_size: u32,
    /// kernel generation to model
    pub gen: u32,
}

/// `struct scx_arena_view`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct scx_arena_view {
    /// the agent's mapping of the arena
    pub base: *mut c_void,
    /// bytes of the mapping
    pub size: usize,
    /// the arena's user_vm_start
    pub vm_start: u64,
    /// `SCX_ARENA_*` flags
    pub flags: u32,
}

/// `struct scx_arena_view_opts`.
#[repr(C)]
pub struct scx_arena_view_opts {
    /// size of this struct
    pub sz: usize,
    /// user_vm_start when `base` is not the BPF side's own mapping
    pub vm_start: u64,
    /// `SCX_ARENA_*` flags
    pub flags: u32,
}

/// `struct scx_btf_report`.
#[repr(C)]
pub struct scx_btf_report {
    /// size of this struct
    pub sz: usize,
    /// the kernel has sched_ext
    pub has_sched_ext: bool,
    /// the kernel has cid-form schedulers
    pub has_cid: bool,
    /// the kernel defines struct scx_cmask
    pub has_cmask: bool,
    /// its layout matches the library's
    pub cmask_ok: bool,
    /// kernel generation
    pub gen: u32,
    /// sizeof(struct scx_cid_topo)
    pub topo_size: u32,
    /// sizeof(struct scx_cmask)
    pub cmask_size: u32,
    /// the first difference found
    pub mismatch: [c_char; 192],
}

/// `struct scx_cmask_iter` (its fields are private to the library).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct scx_cmask_iter {
    /// private
    pub bits: *const u64,
    /// private
    pub from: u64,
    /// private
    pub tail: u64,
    /// private
    pub idx: u32,
    /// private
    pub last: u32,
    /// private
    pub gword: u32,
    /// private
    pub end: u32,
    /// the cid just found
    pub cid: u32,
}

/// Offset of `bits` and size of the header.
pub const SCX_CMASK_HDR_SIZE: usize = 16;
/// Widest cmask the kernel makes (NR_CPUS cap).
pub const SCX_CMASK_MAX_CIDS: u32 = 8192;
/// Shard size when `cid_shard_size` is 0 (7.3).
pub const SCX_CID_SHARD_SIZE_DFL: u32 = 24;
/// Largest shard size the kernel accepts.
pub const SCX_CID_SHARD_MAX_CPUS: u32 = 512;
/// Conversion flag: skip cpus without a cid.
pub const SCX_CONVERT_SKIP_UNMAPPED: c_uint = 1 << 0;
/// View flag: address 0 means arena offset 0.
pub const SCX_ARENA_ZERO_IS_OFFSET0: u32 = 1 << 0;
/// Map options: let the map decide (the running kernel's generation).
pub const SCX_CID_GEN_DEFAULT: u32 = 0;
/// BTF report: the kernel has no cid support.
pub const SCX_CID_GEN_NONE: u32 = 1;
/// Linux 7.2: cids, 24-byte topology.
pub const SCX_CID_GEN_7_2: u32 = 0x0702;
/// Linux 7.3: shards, 32-byte topology.
pub const SCX_CID_GEN_7_3: u32 = 0x0703;
/// Provisional 7.4: clusters, 40-byte topology.
pub const SCX_CID_GEN_7_4: u32 = 0x0704;
/// BTF report: a topology layout this library does not know.
pub const SCX_CID_GEN_UNKNOWN_NEWER: u32 = 0xffff;

extern "C" {
    // <scxcmask/common.h>, <scxcmask/version.h>
    /// `scxcmask_errmsg()`: what went wrong in this thread's last failed call.
    pub fn scxcmask_errmsg() -> *const c_char;
    /// `scxcmask_version()`: the loaded library's version string, e.g. "1.0.0".
    pub fn scxcmask_version() -> *const c_char;
    /// `scxcmask_version_number()`: the loaded library's SCXCMASK_VERSION number.
    pub fn scxcmask_version_number() -> c_uint;

    // <scxcmask/cmask.h>
    /// `scx_cmask_size()`: bytes of a cmask able to hold alloc_cids cids.
    pub fn scx_cmask_size(alloc_cids: u32) -> usize;
    /// `scx_cmask_alloc()`: allocate and initialize a cmask with tight storage.
    pub fn scx_cmask_alloc(base: u32, nr_cids: u32) -> *mut scx_cmask;
    /// `scx_cmask_free()`: release a cmask from scx_cmask_alloc(); NULL is a no-op.
    pub fn scx_cmask_free(m: *mut scx_cmask);
    /// `scx_cmask_init()`: set up m with tight storage and an empty window.
    pub fn scx_cmask_init(m: *mut scx_cmask, base: u32, nr_cids: u32) -> c_int;
    /// `scx_cmask_init_alloc()`: set up m with room for alloc_cids cids.
    pub fn scx_cmask_init_alloc(m: *mut scx_cmask, base: u32, nr_cids: u32, alloc_cids: u32) -> c_int;
    /// `scx_cmask_reframe()`: move or resize m's window within its storage.
    pub fn scx_cmask_reframe(m: *mut scx_cmask, base: u32, nr_cids: u32) -> c_int;
    /// `scx_cmask_valid()`: check m's header before trusting it.
    pub fn scx_cmask_valid(m: *const scx_cmask) -> c_int;
    /// `scx_cmask_end()`: the "no cid" sentinel of m: base + nr_cids.
    pub fn scx_cmask_end(m: *const scx_cmask) -> u32;
    /// `scx_cmask_test()`: whether cid is set in m; false outside the window.
    pub fn scx_cmask_test(cid: u32, m: *const scx_cmask) -> bool;
    /// `scx_cmask_set()`: atomically set cid in m.
    pub fn scx_cmask_set(cid: u32, m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_clear()`: atomically clear cid in m (one cid; see scx_cmask_zero()).
    pub fn scx_cmask_clear(cid: u32, m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_test_and_set()`: atomically set cid, returning its old value.
    pub fn scx_cmask_test_and_set(cid: u32, m: *mut scx_cmask) -> bool;
    /// `scx_cmask_test_and_clear()`: atomically clear cid, returning its old value.
    pub fn scx_cmask_test_and_clear(cid: u32, m: *mut scx_cmask) -> bool;
    /// `scx_cmask_set_nonatomic()`: scx_cmask_set() for a mask no one else writes.
    pub fn scx_cmask_set_nonatomic(cid: u32, m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_clear_nonatomic()`: scx_cmask_clear() for a mask no one else writes.
    pub fn scx_cmask_clear_nonatomic(cid: u32, m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_test_and_set_nonatomic()`: scx_cmask_test_and_set(), not atomic.
    pub fn scx_cmask_test_and_set_nonatomic(cid: u32, m: *mut scx_cmask) -> bool;
    /// `scx_cmask_test_and_clear_nonatomic()`: scx_cmask_test_and_clear(), not atomic.
    pub fn scx_cmask_test_and_clear_nonatomic(cid: u32, m: *mut scx_cmask) -> bool;
    /// `scx_cmask_zero()`: clear every cid of the window (the kernel's scx_cmask_clear()).
    pub fn scx_cmask_zero(m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_fill()`: set every cid of the window; padding stays zero.
    pub fn scx_cmask_fill(m: *mut scx_cmask) -> c_int;
    /// `scx_cmask_empty()`: whether no cid of the window is set.
    pub fn scx_cmask_empty(m: *const scx_cmask) -> bool;
    /// `scx_cmask_weight()`: number of set cids in the window.
    pub fn scx_cmask_weight(m: *const scx_cmask) -> u32;
    /// `scx_cmask_and()`: dst &= src on the cids both windows hold.
    pub fn scx_cmask_and(dst: *mut scx_cmask, src: *const scx_cmask) -> c_int;
    /// `scx_cmask_or()`: dst |= src on the cids both windows hold.
    pub fn scx_cmask_or(dst: *mut scx_cmask, src: *const scx_cmask) -> c_int;
    /// `scx_cmask_copy()`: dst = src on the cids both windows hold.
    pub fn scx_cmask_copy(dst: *mut scx_cmask, src: *const scx_cmask) -> c_int;
    /// `scx_cmask_andnot()`: dst &= ~src on the cids both windows hold.
    pub fn scx_cmask_andnot(dst: *mut scx_cmask, src: *const scx_cmask) -> c_int;
    /// `scx_cmask_equal()`: same base, same nr_cids and the same set cids.
    pub fn scx_cmask_equal(a: *const scx_cmask, b: *const scx_cmask) -> bool;
    /// `scx_cmask_subset()`: whether every set cid of a is set in b.
    pub fn scx_cmask_subset(a: *const scx_cmask, b: *const scx_cmask) -> bool;
    /// `scx_cmask_intersects()`: whether some cid is set in both masks.
    pub fn scx_cmask_intersects(a: *const scx_cmask, b: *const scx_cmask) -> bool;
    /// `scx_cmask_next_set()`: lowest set cid >= cid.
    pub fn scx_cmask_next_set(m: *const scx_cmask, cid: u32) -> u32;
    /// `scx_cmask_first_set()`: lowest set cid, or scx_cmask_end(m).
    pub fn scx_cmask_first_set(m: *const scx_cmask) -> u32;
    /// `scx_cmask_next_and_set()`: lowest cid >= start set in both a and b.
    pub fn scx_cmask_next_and_set(a: *const scx_cmask, b: *const scx_cmask, start: u32) -> u32;
    /// `scx_cmask_next_set_wrap()`: round-robin search from start.
    pub fn scx_cmask_next_set_wrap(m: *const scx_cmask, start: u32) -> u32;
    /// `scx_cmask_next_and_set_wrap()`: scx_cmask_next_set_wrap() on a & b.
    pub fn scx_cmask_next_and_set_wrap(a: *const scx_cmask, b: *const scx_cmask, start: u32) -> u32;
    /// `scx_cmask_next_and2_set()`: lowest cid >= start set in a, b and c.
    pub fn scx_cmask_next_and2_set(a: *const scx_cmask, b: *const scx_cmask, c: *const scx_cmask, start: u32) -> u32;
    /// `scx_cmask_next_and2_set_wrap()`: scx_cmask_next_set_wrap() on a & b & c.
    pub fn scx_cmask_next_and2_set_wrap(a: *const scx_cmask, b: *const scx_cmask, c: *const scx_cmask, start: u32) -> u32;
    /// `scx_cmask_iter_start()`: an iterator over the set cids of m.
    pub fn scx_cmask_iter_start(m: *const scx_cmask) -> scx_cmask_iter;

    // <scxcmask/cid.h>
    /// `scx_cid_map_new()`: predict the kernel's cid tables from sysfs.
    pub fn scx_cid_map_new(out: *mut *mut scx_cid_map, sysfs_root: *const c_char) -> c_int;
    /// `scx_cid_map_new_opts()`: scx_cid_map_new() with options.
    pub fn scx_cid_map_new_opts(
        out: *mut *mut scx_cid_map,
        sysfs_root: *const c_char,
        opts: *const scx_cid_map_opts,
    ) -> c_int;
    /// `scx_cid_map_free()`: release a map; NULL is a no-op.
    pub fn scx_cid_map_free(map: *mut scx_cid_map);
    /// `scx_cid_map_nr_cids()`: number of cids (possible cpus); 0 for NULL.
    pub fn scx_cid_map_nr_cids(map: *const scx_cid_map) -> u32;
    /// `scx_cid_map_nr_online_cids()`: number of online cpus at prediction time.
    pub fn scx_cid_map_nr_online_cids(map: *const scx_cid_map) -> u32;
    /// `scx_cid_map_nr_cpu_ids()`: highest possible cpu + 1.
    pub fn scx_cid_map_nr_cpu_ids(map: *const scx_cid_map) -> u32;
    /// `scx_cid_map_cpu_to_cid()`: the cid of cpu.
    pub fn scx_cid_map_cpu_to_cid(map: *const scx_cid_map, cpu: c_int) -> c_int;
    /// `scx_cid_map_cid_to_cpu()`: the cpu holding cid.
    pub fn scx_cid_map_cid_to_cpu(map: *const scx_cid_map, cid: c_int) -> c_int;
    /// `scx_cid_map_topo()`: the topology of cid, as scx_bpf_cid_topo() fills it.
    pub fn scx_cid_map_topo(map: *const scx_cid_map, cid: u32, out: *mut scx_cid_topo) -> c_int;
    /// `scx_cid_map_nr_shards()`: number of shards (7.3); 0 for a 7.2 map.
    pub fn scx_cid_map_nr_shards(map: *const scx_cid_map) -> u32;
    /// `scx_cid_map_shard()`: cid range of shard idx: [*base_cid, *base_cid + *nr_cids).
    pub fn scx_cid_map_shard(
        map: *const scx_cid_map,
        idx: u32,
        base_cid: *mut u32,
        nr_cids: *mut u32,
    ) -> c_int;
    /// `scx_cid_map_from_override()`: the tables a scx_bpf_cid_override() call makes.
    pub fn scx_cid_map_from_override(
        out: *mut *mut scx_cid_map,
        base: *const scx_cid_map,
        cpu_to_cid: *const i32,
        nr_entries: usize,
        shard_start: *const i32,
        nr_shards: usize,
    ) -> c_int;
    /// `scx_cid_map_to_override()`: the arrays that make the kernel adopt map.
    pub fn scx_cid_map_to_override(
        map: *const scx_cid_map,
        cpu_to_cid: *mut i32,
        nr_entries: usize,
        shard_start: *mut i32,
        nr_shards: usize,
    ) -> c_int;

    /// `scx_cid_map_matches()`: whether a map is still the one the kernel uses.
    pub fn scx_cid_map_matches(map: *const scx_cid_map, cid_to_cpu: *const i32, nr: usize) -> c_int;

    // <scxcmask/convert.h>
    /// `scx_bitmap_parse_list()`: parse the kernel's list syntax into a bitmap.
    pub fn scx_bitmap_parse_list(bits: *mut u64, nbits: u32, str: *const c_char) -> c_int;
    /// `scx_bitmap_format_list()`: the kernel's "%*pbl" of a bitmap: "0-3,8-11".
    pub fn scx_bitmap_format_list(buf: *mut c_char, len: usize, bits: *const u64, nbits: u32) -> c_int;
    /// `scx_bitmap_parse_hex()`: parse the kernel's comma-grouped hex mask.
    pub fn scx_bitmap_parse_hex(bits: *mut u64, nbits: u32, str: *const c_char) -> c_int;
    /// `scx_bitmap_format_hex()`: the kernel's "%*pb" of a bitmap: "000f,ff000fff".
    pub fn scx_bitmap_format_hex(buf: *mut c_char, len: usize, bits: *const u64, nbits: u32) -> c_int;
    /// `scx_cmask_parse_cidlist()`: set dst's window to the cids of a list.
    pub fn scx_cmask_parse_cidlist(dst: *mut scx_cmask, str: *const c_char) -> c_int;
    /// `scx_cmask_format_cidlist()`: the set cids of src as "0-3,8-11".
    pub fn scx_cmask_format_cidlist(buf: *mut c_char, len: usize, src: *const scx_cmask) -> c_int;
    /// `scx_cmask_alloc_for_map()`: a cmask in the form the kernel hands to ops.set_cmask().
    pub fn scx_cmask_alloc_for_map(out: *mut *mut scx_cmask, map: *const scx_cid_map) -> c_int;
    /// `scx_cmask_init_for_map()`: scx_cmask_alloc_for_map() in caller storage.
    pub fn scx_cmask_init_for_map(m: *mut scx_cmask, map: *const scx_cid_map) -> c_int;
    /// `scx_cmask_from_cpu_bitmap()`: the cids of the cpus set in a raw bitmap.
    pub fn scx_cmask_from_cpu_bitmap(
        dst: *mut scx_cmask,
        map: *const scx_cid_map,
        bits: *const u64,
        nbits: u32,
        flags: c_uint,
    ) -> c_int;
    /// `scx_cmask_to_cpu_bitmap()`: the cpus of the cids set in src, as a raw bitmap.
    pub fn scx_cmask_to_cpu_bitmap(
        bits: *mut u64,
        nbits: u32,
        map: *const scx_cid_map,
        src: *const scx_cmask,
    ) -> c_int;
    /// `scx_cmask_from_cpuset()`: the cids of a glibc cpu set.
    pub fn scx_cmask_from_cpuset(
        dst: *mut scx_cmask,
        map: *const scx_cid_map,
        set: *const cpu_set_t,
        setsize: usize,
        flags: c_uint,
    ) -> c_int;
    /// `scx_cmask_to_cpuset()`: the cpus of src as a glibc cpu set.
    pub fn scx_cmask_to_cpuset(
        set: *mut cpu_set_t,
        setsize: usize,
        map: *const scx_cid_map,
        src: *const scx_cmask,
    ) -> c_int;
    /// `scx_cmask_from_cpulist()`: the cids of the cpus in a cpulist string.
    pub fn scx_cmask_from_cpulist(
        dst: *mut scx_cmask,
        map: *const scx_cid_map,
        str: *const c_char,
        flags: c_uint,
    ) -> c_int;
    /// `scx_cmask_to_cpulist()`: the cpus of src as a cpulist: "0-3,8-11".
    pub fn scx_cmask_to_cpulist(
        buf: *mut c_char,
        len: usize,
        map: *const scx_cid_map,
        src: *const scx_cmask,
    ) -> c_int;
    /// `scx_cmask_from_cpumask_hex()`: the cids of the cpus in a sysfs hex mask.
    pub fn scx_cmask_from_cpumask_hex(
        dst: *mut scx_cmask,
        map: *const scx_cid_map,
        str: *const c_char,
        flags: c_uint,
    ) -> c_int;
    /// `scx_cmask_to_cpumask_hex()`: the cpus of src as a sysfs hex mask of nr_cpu_ids bits.
    pub fn scx_cmask_to_cpumask_hex(
        buf: *mut c_char,
        len: usize,
        map: *const scx_cid_map,
        src: *const scx_cmask,
    ) -> c_int;

    // <scxcmask/arena.h>
    /// `scx_arena_view_init()`: describe the agent's mapping of an arena.
    pub fn scx_arena_view_init(
        v: *mut scx_arena_view,
        base: *mut c_void,
        size: usize,
        opts: *const scx_arena_view_opts,
    ) -> c_int;
    /// `scx_arena_view_from_map()`: the view of a loaded libbpf arena map.
    pub fn scx_arena_view_from_map(
        v: *mut scx_arena_view,
        map: *const bpf_map,
        opts: *const scx_arena_view_opts,
    ) -> c_int;
    /// `scx_arena_ptr()`: the agent's pointer for an address from the BPF side.
    pub fn scx_arena_ptr(v: *const scx_arena_view, addr: u64, len: usize, out: *mut *mut c_void) -> c_int;
    /// `scx_arena_ptr_off()`: the agent's pointer for an offset into the arena.
    pub fn scx_arena_ptr_off(v: *const scx_arena_view, off: u64, len: usize, out: *mut *mut c_void) -> c_int;
    /// `scx_arena_addr()`: the user-form address BPF uses for an agent pointer.
    pub fn scx_arena_addr(v: *const scx_arena_view, p: *const c_void, out: *mut u64) -> c_int;
    /// `scx_arena_cmask()`: check a cmask in the arena and use it in place.
    pub fn scx_arena_cmask(v: *const scx_arena_view, p: *const c_void, out: *mut *mut scx_cmask) -> c_int;
    /// `scx_arena_cmask_copy_out()`: copy a cmask from the arena into agent memory.
    pub fn scx_arena_cmask_copy_out(v: *const scx_arena_view, p: *const c_void, dst: *mut scx_cmask) -> c_int;
    /// `scx_arena_cmask_dup()`: copy a cmask from the arena into a new cmask.
    pub fn scx_arena_cmask_dup(v: *const scx_arena_view, p: *const c_void, out: *mut *mut scx_cmask) -> c_int;

    /// `scx_arena_cmask_test()`: whether cid is set in a cmask in the arena, header checked again.
    pub fn scx_arena_cmask_test(v: *const scx_arena_view, p: *const c_void, cid: u32) -> c_int;
    /// `scx_arena_cmask_set()`: atomically set cid in a cmask in the arena, header checked again.
    pub fn scx_arena_cmask_set(v: *const scx_arena_view, p: *mut c_void, cid: u32) -> c_int;
    /// `scx_arena_cmask_clear()`: atomically clear cid in a cmask in the arena, header checked again.
    pub fn scx_arena_cmask_clear(v: *const scx_arena_view, p: *mut c_void, cid: u32) -> c_int;
    /// `scx_arena_cmask_test_and_set()`: atomically set cid, returning its old value.
    pub fn scx_arena_cmask_test_and_set(v: *const scx_arena_view, p: *mut c_void, cid: u32) -> c_int;
    /// `scx_arena_cmask_test_and_clear()`: atomically clear cid, returning its old value.
    pub fn scx_arena_cmask_test_and_clear(v: *const scx_arena_view, p: *mut c_void, cid: u32) -> c_int;
    /// `scx_arena_cmask_copy_in()`: copy an agent cmask into one in the arena, header checked again.
    pub fn scx_arena_cmask_copy_in(v: *const scx_arena_view, p: *mut c_void, src: *const scx_cmask) -> c_int;

    // <scxcmask/btf.h>
    /// `scx_cmask_check_btf_report()`: compare a kernel's BTF with this library.
    pub fn scx_cmask_check_btf_report(btf_path: *const c_char, r: *mut scx_btf_report) -> c_int;
    /// `scx_cmask_check_btf()`: the same check, as a report for a person.
    pub fn scx_cmask_check_btf(btf_path: *const c_char, msg: *mut c_char, msglen: usize) -> c_int;
    /// `scx_cid_gen_str()`: the name of a generation.
    pub fn scx_cid_gen_str(gen: u32) -> *const c_char;
    /// `scx_cid_gen_source_str()`: a phrase saying why a generation was chosen.
    pub fn scx_cid_gen_source_str(source: u32) -> *const c_char;
    /// `scx_cid_gen_of_kernel()`: the generation SCX_CID_GEN_DEFAULT stands for.
    pub fn scx_cid_gen_of_kernel(btf_path: *const c_char, gen: *mut u32, source: *mut u32) -> c_int;
    /// `scx_cid_map_gen()`: the generation a map models, and why.
    pub fn scx_cid_map_gen(map: *const scx_cid_map, source: *mut u32) -> u32;
}
