// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! The crate (and so the C library under it) against a plain set model of
//! the cmask semantics, on random windows: unaligned bases, masks of one
//! to many words, operations between masks whose windows overlap partly.

mod common;

use std::collections::BTreeSet;

use common::Lcg;
use scxcmask::{AsCmask, Cmask};

/// The model: a window and the set cids in it.
#[derive(Clone, Debug)]
struct Model {
    base: u32,
    nr: u32,
    set: BTreeSet<u32>,
}

impl Model {
    fn end(&self) -> u32 {
        self.base + self.nr
    }
    fn holds(&self, c: u32) -> bool {
        c >= self.base && c < self.end()
    }
    fn test(&self, c: u32) -> bool {
        self.set.contains(&c)
    }
    fn next_set(&self, c: u32) -> u32 {
        let from = c.max(self.base);
        self.set.range(from..).next().copied().unwrap_or(self.end())
    }
    fn next_and_set(&self, b: &Model, start: u32) -> u32 {
        self.set.range(start..).find(|c| b.test(**c)).copied().unwrap_or(self.end())
    }
    fn wrap<F: Fn(u32) -> u32>(&self, start: u32, next: F) -> u32 {
        let found = next(start);
        if found < self.end() || start <= self.base {
            return found;
        }
        let found = next(self.base);
        if found < start {
            found
        } else {
            self.end()
        }
    }
    /// dst op= src on the cids both windows hold.
    fn op(&mut self, src: &Model, f: fn(bool, bool) -> bool) {
        for c in self.base..self.end() {
            if src.holds(c) {
                let v = f(self.test(c), src.test(c));
                if v {
                    self.set.insert(c);
                } else {
                    self.set.remove(&c);
                }
            }
        }
    }
}

fn random_pair(rng: &mut Lcg) -> (Cmask, Model) {
    let base = if rng.below(3) == 0 { rng.below(4) as u32 * 64 } else { rng.below(300) as u32 };
    let nr = match rng.below(4) {
        0 => rng.below(3) as u32,
        1 => rng.below(64) as u32 + 1,
        _ => rng.below(700) as u32 + 1,
    };
    let mut c = Cmask::new(base, nr).expect("new");
    let mut m = Model { base, nr, set: BTreeSet::new() };
    let density = rng.below(4) + 1;
    for cid in base..base + nr {
        if rng.below(density + 1) == 0 {
            c.set(cid).expect("set in window");
            m.set.insert(cid);
        }
    }
    (c, m)
}

fn same(c: &Cmask, m: &Model, what: &str) {
    let got: Vec<u32> = c.iter().collect();
    let want: Vec<u32> = m.set.iter().copied().collect();
    assert_eq!(got, want, "{}: cids differ ({:?} vs model {:?})", what, c, m);
    assert_eq!(c.base(), m.base, "{}: base", what);
    assert_eq!(c.nr_cids(), m.nr, "{}: nr_cids", what);
    assert_eq!(c.weight() as usize, m.set.len(), "{}: weight", what);
    assert_eq!(c.empty(), m.set.is_empty(), "{}: empty", what);
}

#[test]
fn single_cid_operations_match_the_model() {
    let mut rng = Lcg(1);
    let mut checks = 0u32;
    for _ in 0..300 {
        let (mut c, mut m) = random_pair(&mut rng);
        for _ in 0..20 {
            let cid = (m.base as u64 + rng.below(m.nr as u64 + 130)).saturating_sub(65) as u32;
            assert_eq!(c.test(cid), m.test(cid), "test({})", cid);
            match rng.below(4) {
                0 => {
                    let r = c.set(cid);
                    assert_eq!(r.is_ok(), m.holds(cid), "set({}) in {:?}", cid, m);
                    if let Err(e) = r {
                        assert_eq!(e.errno(), 34, "set outside the window is ERANGE");
                        assert!(!e.message().is_empty());
                    } else {
                        m.set.insert(cid);
                    }
                }
                1 => {
                    if c.clear(cid).is_ok() {
                        m.set.remove(&cid);
                    }
                }
                2 => {
                    let was = c.test_and_set(cid);
                    assert_eq!(was, m.test(cid));
                    if m.holds(cid) {
                        m.set.insert(cid);
                    }
                }
                _ => {
                    let was = c.test_and_clear(cid);
                    assert_eq!(was, m.test(cid));
                    m.set.remove(&cid);
                }
            }
            checks += 1;
        }
        same(&c, &m, "after single-cid writes");
    }
    println!("single-cid checks: {}", checks);
}

#[test]
fn two_mask_operations_match_the_model() {
    let mut rng = Lcg(2);
    let ops: [(&str, fn(bool, bool) -> bool); 4] = [
        ("and", |d, s| d && s),
        ("or", |d, s| d || s),
        ("copy", |_, s| s),
        ("andnot", |d, s| d && !s),
    ];
    for round in 0..400 {
        let (a, am) = random_pair(&mut rng);
        let (b, bm) = random_pair(&mut rng);
        let intersects = am.set.iter().any(|c| bm.test(*c));
        assert_eq!(a.intersects(&b), intersects, "intersects, round {}", round);
        assert_eq!(a.subset(&b), am.set.iter().all(|c| bm.test(*c)), "subset, round {}", round);
        assert_eq!(a.equal(&b), am.base == bm.base && am.nr == bm.nr && am.set == bm.set, "equal");
        assert!(a.equal(&a.clone()), "a clone is equal");
        for (name, f) in ops.iter() {
            let mut d = a.clone();
            let mut dm = am.clone();
            match *name {
                "and" => d.and(&b),
                "or" => d.or(&b),
                "copy" => d.copy(&b),
                _ => d.andnot(&b),
            }
            .expect(name);
            dm.op(&bm, *f);
            same(&d, &dm, name);
        }
        let start = am.base.saturating_sub(3) + rng.below(am.nr as u64 + 6) as u32;
        assert_eq!(a.next_set(start), am.next_set(start), "next_set({})", start);
        assert_eq!(a.next_and_set(&b, start), am.next_and_set(&bm, start), "next_and_set({})", start);
        assert_eq!(a.next_set_wrap(start), am.wrap(start, |s| am.next_set(s)), "next_set_wrap({})", start);
        assert_eq!(
            a.next_and_set_wrap(&b, start),
            am.wrap(start, |s| am.next_and_set(&bm, s)),
            "next_and_set_wrap({})",
            start
        );
        assert_eq!(a.first_set(), am.next_set(0), "first_set");
        let (c, cm) = random_pair(&mut rng);
        let and2 = |s: u32| am.set.range(s..).find(|x| bm.test(**x) && cm.test(**x)).copied().unwrap_or(am.end());
        assert_eq!(a.next_and2_set(&b, &c, start), and2(start), "next_and2_set({})", start);
        assert_eq!(a.next_and2_set_wrap(&b, &c, start), am.wrap(start, and2), "next_and2_set_wrap({})", start);
    }
}

#[test]
fn whole_mask_writers_and_cidlists() {
    let mut rng = Lcg(3);
    for _ in 0..200 {
        let (mut c, m) = random_pair(&mut rng);
        let text = c.format_cidlist();
        let back = Cmask::parse_cidlist(m.base, m.nr, &text).expect("parse what we printed");
        assert!(back.equal(&c), "cidlist round trip of {:?}: {:?}", text, back);
        c.fill().unwrap();
        assert_eq!(c.weight(), m.nr, "fill");
        c.zero().unwrap();
        assert!(c.empty(), "zero");
        // padding words are zero after the writers
        let words = c.words();
        assert!(words.iter().all(|w| *w == 0), "zero leaves every word clear");
    }
}

#[test]
fn errors_carry_the_library_message() {
    let e = Cmask::new(u32::MAX - 2, 10).unwrap_err();
    assert_eq!(e.errno(), 75, "EOVERFLOW for a window past 2^32");
    let e = Cmask::parse_cidlist(0, 8, "0-3,x").unwrap_err();
    assert_eq!(e.errno(), 22);
    assert!(e.message().contains("offset"), "the message points at the character: {}", e);
    let mut m = Cmask::new(0, 8).unwrap();
    let e = m.set(9).unwrap_err();
    assert_eq!(e.errno(), 34);
    assert!(format!("{}", e).contains("errno 34"));
}

#[test]
fn reframe_and_capacity() {
    let mut m = Cmask::with_capacity(0, 10, 500).unwrap();
    m.reframe(100, 400).unwrap();
    m.set(499).unwrap();
    assert_eq!(m.end(), 500);
    assert_eq!(m.iter().collect::<Vec<_>>(), vec![499]);
    assert_eq!(m.reframe(0, 600).unwrap_err().errno(), 28, "ENOSPC past the storage");
}
