// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! The crate against the kernel's own answers: every kernel-truth fixture
//! of the project (a guest's sysfs next to what its kernel reported).  The
//! map predicted from the sysfs capture must give the kernel's tables, and
//! each cpulist the kernel converted for `ops.set_cmask()` must convert to
//! the same cmask words here.

mod common;

use std::path::Path;

use common::{extract, fixtures, parse_json, Json};
use scxcmask::{AsCmask, CidMap, CidMapOptions, Cmask, Generation};

fn check_truth(dir: &Path, name: &str) -> usize {
    let truth = parse_json(&std::fs::read_to_string(dir.join("truth.json")).unwrap());
    let root = extract(&dir.join("sysfs.tar.gz"), name);
    let gen = if truth.at("topo_size_bytes").num() == 24 { Generation::V7_2 } else { Generation::V7_3 };
    // (7.4 is provisional: no kernel truth exists for it)
    // null on 7.2, where there are no shards
    let shard = match truth.get("cid_shard_size") {
        Some(Json::Num(n)) => *n as u32,
        _ => 0,
    };
    let opts = CidMapOptions { shard_size: shard, generation: Some(gen) };
    let map = CidMap::with_options(Some(&root), &opts).unwrap_or_else(|e| panic!("{}: {}", name, e));
    let mut checks = 0;

    assert_eq!(map.nr_cpu_ids() as i64, truth.at("nr_cpu_ids").num(), "{}: nr_cpu_ids", name);
    assert_eq!(map.nr_cids() as i64, truth.at("nr_cids").num(), "{}: nr_cids", name);
    assert_eq!(map.nr_online_cids() as i64, truth.at("nr_online_cids").num(), "{}: nr_online_cids", name);
    for (cpu, cid) in truth.at("cpu_to_cid").arr().iter().enumerate() {
        let got = map.cpu_to_cid(cpu as u32).map(|c| c as i64).unwrap_or(-1);
        assert_eq!(got, cid.num(), "{}: cpu_to_cid[{}]", name, cpu);
        checks += 1;
    }
    for (cid, cpu) in truth.at("cid_to_cpu").arr().iter().enumerate() {
        assert_eq!(map.cid_to_cpu(cid as u32).unwrap() as i64, cpu.num(), "{}: cid_to_cpu[{}]", name, cid);
        checks += 1;
    }
    for (cid, t) in truth.at("topo").arr().iter().enumerate() {
        let got = map.topo(cid as u32).unwrap();
        let field = |k: &str| t.get(k).map_or(-1, Json::num) as i32;
        let want = scxcmask::Topo {
            core_cid: field("core_cid"),
            core_idx: field("core_idx"),
            llc_cid: field("llc_cid"),
            llc_idx: field("llc_idx"),
            node_cid: field("node_cid"),
            node_idx: field("node_idx"),
            shard_cid: field("shard_cid"),
            shard_idx: field("shard_idx"),
            cluster_cid: field("cluster_cid"),
            cluster_idx: field("cluster_idx"),
        };
        assert_eq!(got, want, "{}: topo of cid {}", name, cid);
        checks += 1;
    }
    for s in truth.at("set_cmask_samples").arr() {
        let list = s.at("cpus_allowed_list").str();
        let m = Cmask::from_cpulist(&map, list).unwrap_or_else(|e| panic!("{}: {:?}: {}", name, list, e));
        assert_eq!(m.base() as i64, s.at("base").num(), "{}: base of {:?}", name, list);
        assert_eq!(m.nr_cids() as i64, s.at("nr_cids").num(), "{}: nr_cids of {:?}", name, list);
        assert_eq!(m.alloc_words() as i64, s.at("alloc_words").num(), "{}: alloc_words of {:?}", name, list);
        let want: Vec<u64> = s
            .at("words")
            .arr()
            .iter()
            .map(|w| u64::from_str_radix(w.str().trim_start_matches("0x"), 16).unwrap())
            .collect();
        assert_eq!(m.words(), &want[..], "{}: words of {:?}", name, list);
        // and back: the cpus of those cids are the list the kernel applied
        let cpus = m.to_cpus(&map).unwrap();
        let again = Cmask::from_cpus(&map, &cpus).unwrap();
        assert!(again.equal(&m), "{}: {:?} through Vec<u32>", name, list);
        let bytes = m.to_cpuset_bytes(&map, None).unwrap();
        assert!(Cmask::from_cpuset_bytes(&map, &bytes).unwrap().equal(&m), "{}: cpu_set_t bytes", name);
        let hex = m.to_cpumask_hex(&map).unwrap();
        assert!(Cmask::from_cpumask_hex(&map, &hex).unwrap().equal(&m), "{}: hex {:?}", name, hex);
        assert_eq!(Cmask::from_cpulist(&map, &m.to_cpulist(&map).unwrap()).unwrap(), m, "{}: cpulist", name);
        checks += 1;
    }
    // the kernel's own cid -> cpu answers match the predicted map, and a
    // swapped pair is named
    let kernel: Vec<i32> = truth.at("cid_to_cpu").arr().iter().map(|c| c.num() as i32).collect();
    assert_eq!(map.matches(&kernel).unwrap(), Ok(()), "{}: matches", name);
    if kernel.len() > 1 {
        let mut swapped = kernel.clone();
        swapped.swap(0, 1);
        let why = map.matches(&swapped).unwrap().unwrap_err();
        assert!(why.contains("cid 0"), "{}: {}", name, why);
    }
    // the override arrays reproduce the map
    let ov = map.to_override().unwrap();
    let back = CidMap::from_override(&map, &ov.cpu_to_cid, ov.shard_start.as_deref()).unwrap();
    assert_eq!(back.cid_to_cpu_table(), map.cid_to_cpu_table(), "{}: override round trip", name);
    let _ = std::fs::remove_dir_all(root);
    checks
}

#[test]
fn kernel_truths_agree() {
    let mut cases = 0;
    let mut checks = 0;
    for group in ["cidtruth", "vm"] {
        let dir = fixtures().join(group);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("fixtures {:?}: {} (set SCXCMASK_FIXTURES)", dir, e))
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("truth.json").is_file())
            .collect();
        entries.sort();
        for case in entries {
            let name = format!("{}-{}", group, case.file_name().unwrap().to_string_lossy());
            checks += check_truth(&case, &name);
            cases += 1;
        }
    }
    println!("kernel truths: {} cases, {} checks", cases, checks);
    assert!(cases >= 8, "expected the project's kernel-truth fixtures, found {}", cases);
}

#[test]
fn a_wrong_map_is_caught() {
    // The check above must be able to fail: a 7.2 model of a 7.3 truth
    // loses the shard fields the kernel reported.
    let dir = fixtures().join("cidtruth/c4t2-73");
    let root = extract(&dir.join("sysfs.tar.gz"), "wrong");
    let opts = CidMapOptions { shard_size: 0, generation: Some(Generation::V7_2) };
    let map = CidMap::with_options(Some(&root), &opts).unwrap();
    assert_eq!(map.topo(0).unwrap().shard_cid, -1);
    assert_eq!(map.nr_shards(), 0);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn missing_root_is_a_clear_error() {
    let e = CidMap::from_root("/nonexistent/scxcmask-root").unwrap_err();
    assert!(e.errno() > 0);
    assert!(e.message().contains("/nonexistent/scxcmask-root"), "message names the path: {}", e);
}

#[test]
fn generations_say_where_they_come_from() {
    let dir = fixtures().join("cidtruth/c4t2-73");
    let root = extract(&dir.join("sysfs.tar.gz"), "gen");
    let map = CidMap::from_root(&root).unwrap();
    let (gen, why) = map.generation();
    assert_eq!(gen, Some(Generation::V7_3), "a capture models the newest released generation");
    assert!(!why.is_empty());
    assert_eq!(map.topo(0).unwrap().cluster_idx, -1, "no clusters before 7.4");
    let opts = CidMapOptions { shard_size: 0, generation: Some(Generation::V7_4) };
    let m74 = CidMap::with_options(Some(&root), &opts).unwrap();
    assert_eq!(m74.generation().0, Some(Generation::V7_4));
    assert!(m74.topo(0).unwrap().cluster_idx >= 0, "7.4 has a cluster for every walked cid");
    assert_eq!(Generation::V7_4.name(), "7.4");
    let _ = std::fs::remove_dir_all(root);
}
