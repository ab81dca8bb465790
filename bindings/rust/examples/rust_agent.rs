// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! rust_agent: the Rust half of examples/arena_agent.
//!
//! Loads examples/arena_agent's BPF program (`arena_agent.bpf.o`, path as
//! the first argument, in ARENA_AGENT_BPF_OBJ, or a copy named
//! `rust_agent.bpf.o` beside this executable, as make check-vm-bpf places
//! it in its guests), lets it allocate its
//! idle, busy and picked cmasks in the arena, and reads them through the
//! crate's checked arena view, printing each as cids and, through this
//! machine's cid map, as cpus.  Where the kernel refuses BPF arenas (or
//! the process is not root), it says why and prints the cid map instead.
//!
//! It talks to libbpf through a few declarations of its own, as an agent
//! using libbpf-rs would get the same pointers from its skeleton.

use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_long, c_void};
use std::process::exit;

use scxcmask::{sys, ArenaView, AsCmask, CidMap};

#[repr(C)]
struct BpfObject {
    _private: [u8; 0],
}
#[repr(C)]
struct BpfProgram {
    _private: [u8; 0],
}

/// libbpf's `struct bpf_test_run_opts`, up to the fields used (libbpf
/// reads `sz` and treats the rest as absent).
#[repr(C)]
struct TestRunOpts {
    sz: usize,
    data_in: *const c_void,
    data_out: *mut c_void,
    data_size_in: u32,
    data_size_out: u32,
    ctx_in: *const c_void,
    ctx_out: *mut c_void,
    ctx_size_in: u32,
    ctx_size_out: u32,
    retval: u32,
    repeat: c_int,
    duration: u32,
}

#[link(name = "bpf")]
extern "C" {
    fn bpf_object__open_file(path: *const c_char, opts: *const c_void) -> *mut BpfObject;
    fn bpf_object__load(obj: *mut BpfObject) -> c_int;
    fn bpf_object__close(obj: *mut BpfObject);
    fn bpf_object__find_map_by_name(obj: *const BpfObject, name: *const c_char) -> *mut sys::bpf_map;
    fn bpf_object__find_program_by_name(obj: *const BpfObject, name: *const c_char) -> *mut BpfProgram;
    fn bpf_program__fd(prog: *const BpfProgram) -> c_int;
    fn bpf_prog_test_run_opts(fd: c_int, opts: *mut TestRunOpts) -> c_int;
    fn libbpf_get_error(ptr: *const c_void) -> c_long;
}

/// examples/arena_agent/arena_agent.h's arena global.
#[repr(C)]
#[derive(Clone, Copy)]
struct AgentShared {
    reserved: u64,
    idle: u64,
    busy: u64,
    picked: u64,
    nr_cids: u32,
    last_pick: u32,
    rounds: u32,
    err: i32,
}

fn print_map(map: &CidMap) {
    println!(
        "  this machine: {} cpu ids, {} cids ({} online), {} shards",
        map.nr_cpu_ids(),
        map.nr_cids(),
        map.nr_online_cids(),
        map.nr_shards()
    );
    for cid in 0..map.nr_cids() {
        let t = map.topo(cid).expect("topo of a cid of the map");
        println!(
            "    cid {:3} = cpu {:3}  node {:2} llc {:2} core {:3} shard {:2}",
            cid,
            map.cid_to_cpu(cid).expect("cpu of a cid of the map"),
            t.node_idx,
            t.llc_idx,
            t.core_idx,
            t.shard_idx
        );
    }
}

fn run(obj: *mut BpfObject, name: &str, ctx: &mut [u32]) -> Result<(), String> {
    let cname = CString::new(name).unwrap();
    // SAFETY: obj is a loaded object; the program name is a C string.
    let prog = unsafe { bpf_object__find_program_by_name(obj, cname.as_ptr()) };
    if prog.is_null() {
        return Err(format!("no program {:?} in the object", name));
    }
    let mut opts = TestRunOpts {
        sz: std::mem::size_of::<TestRunOpts>(),
        data_in: std::ptr::null(),
        data_out: std::ptr::null_mut(),
        data_size_in: 0,
        data_size_out: 0,
        ctx_in: ctx.as_mut_ptr() as *const c_void,
        ctx_out: std::ptr::null_mut(),
        ctx_size_in: (ctx.len() * 4) as u32,
        ctx_size_out: 0,
        retval: 0,
        repeat: 0,
        duration: 0,
    };
    // SAFETY: opts describes ctx, which outlives the call.
    let err = unsafe { bpf_prog_test_run_opts(bpf_program__fd(prog), &mut opts) };
    if err != 0 || opts.retval != 0 {
        return Err(format!("program {} failed: {} / retval {}", name, err, opts.retval as i32));
    }
    Ok(())
}

fn main() {
    let map = match CidMap::new() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("rust_agent: no cid map of this machine: {}", e);
            exit(1);
        }
    };
    println!("rust_agent: libscxcmask {} from Rust", scxcmask::version());
    let beside = std::env::current_exe()
        .ok()
        .map(|e| e.with_file_name("rust_agent.bpf.o"))
        .filter(|p| p.exists())
        .map(|p| p.to_string_lossy().into_owned());
    let path = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("ARENA_AGENT_BPF_OBJ").ok())
        .or(beside);
    let path = match path {
        Some(p) => p,
        None => {
            println!("  no arena_agent.bpf.o given: the cid map only");
            print_map(&map);
            return;
        }
    };
    let cpath = CString::new(path.clone()).unwrap();
    // SAFETY: a C string path; NULL options.
    let obj = unsafe { bpf_object__open_file(cpath.as_ptr(), std::ptr::null()) };
    // SAFETY: libbpf_get_error accepts any pointer libbpf returned.
    if obj.is_null() || unsafe { libbpf_get_error(obj as *const c_void) } != 0 {
        eprintln!("rust_agent: cannot open {}", path);
        exit(1);
    }
    // SAFETY: obj was opened above.
    let err = unsafe { bpf_object__load(obj) };
    if err != 0 {
        let why = std::io::Error::from_raw_os_error(-err);
        println!("SKIP: cannot load the arena programs ({}): this kernel or this process has no BPF arenas", why);
        print_map(&map);
        // SAFETY: closing the object we opened.
        unsafe { bpf_object__close(obj) };
        exit(77);
    }
    let mut checks = Checks::default();
    let result = (|| -> Result<(), String> {
        // struct agent_setup_args: nr_cids, pad, and the address of the
        // shared struct, which the program writes back
        let mut setup = [map.nr_cids(), 0, 0, 0];
        run(obj, "setup", &mut setup)?;
        let shared_addr = u64::from(setup[2]) | (u64::from(setup[3]) << 32);
        let mut step = [6u32];
        run(obj, "step", &mut step)?;
        let arena_name = CString::new("arena").unwrap();
        // SAFETY: obj is loaded; the name is a C string.
        let amap = unsafe { bpf_object__find_map_by_name(obj, arena_name.as_ptr()) };
        // SAFETY: amap is an arena map of the loaded object, which lives
        // until bpf_object__close() below.
        let view = unsafe { ArenaView::from_bpf_map(amap) }.map_err(|e| e.to_string())?;
        // The shared struct is where setup said (offset 0 with libbpf up
        // to 1.5, the arena's end with later ones); it is read once, by
        // value, from a checked pointer.
        let p = view
            .ptr(shared_addr, std::mem::size_of::<AgentShared>())
            .map_err(|e| format!("shared struct at {:#x}: {}", shared_addr, e))?;
        // SAFETY: p was checked to cover size_of::<AgentShared>() bytes.
        let shared = unsafe { std::ptr::read_volatile(p as *const AgentShared) };
        println!("  BPF side: {} cids, {} rounds, err {}", shared.nr_cids, shared.rounds, shared.err);
        checks.check(
            shared.err == 0 && shared.nr_cids == map.nr_cids() && shared.rounds == 6,
            format!("the BPF side's state: err {}, {} cids, {} rounds", shared.err, shared.nr_cids, shared.rounds),
        );
        let mut weights = Vec::new();
        for (name, addr) in [("idle", shared.idle), ("busy", shared.busy), ("picked", shared.picked)] {
            let m = view.cmask(addr).map_err(|e| format!("{} at {:#x}: {}", name, addr, e))?;
            let cpus = m.to_cpulist(&map).map_err(|e| e.to_string())?;
            println!("    {:7} {:3} cids {{{}}} = cpus {{{}}}", name, m.weight(), m.format_cidlist(), cpus);
            let copy = view.copy_out(addr).map_err(|e| e.to_string())?;
            checks.check(
                copy.weight() == m.weight() && m.base() == 0 && m.nr_cids() == map.nr_cids(),
                format!("{}: window {}+{}, weight {} in place and {} copied out", name, m.base(), m.nr_cids(), m.weight(), copy.weight()),
            );
            weights.push(m.weight());
        }
        // every cid is idle or busy, never both (the simulation's rule)
        checks.check(
            weights[0] + weights[1] == map.nr_cids(),
            format!("idle {} + busy {} cids = {} cids", weights[0], weights[1], map.nr_cids()),
        );
        Ok(())
    })();
    // SAFETY: closing the object we opened.
    unsafe { bpf_object__close(obj) };
    if let Err(e) = result {
        eprintln!("rust_agent: {}", e);
        checks.failed += 1;
    }
    println!("rust_agent: {} passed, {} failed", checks.passed, checks.failed);
    if checks.failed > 0 {
        exit(1);
    }
}

/// What the arena half checked.
#[derive(Default)]
struct Checks {
    passed: u32,
    failed: u32,
}

impl Checks {
    fn check(&mut self, ok: bool, what: String) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            println!("FAIL: {}", what);
        }
    }
}
