// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! The arena view on memory laid out as a BPF program lays out its arena
//! (a copy here: no BPF needed), including headers that lie.

use scxcmask::{ArenaView, AsCmask};

const VM_START: u64 = 0x1000_0010_0000;

/// A 64 KiB "arena" with a cmask of 200 cids at byte offset 4096.
fn arena() -> Vec<u64> {
    let mut words = vec![0u64; 8192];
    let at = 4096 / 8;
    words[at] = 100 | (200u64 << 32); // base 100, nr_cids 200
    words[at + 1] = 5; // alloc_words 5
    words[at + 2 + 1] |= 1 << (130 - 128); // cid 130
    words
}

fn bytes(words: &mut [u64]) -> &mut [u8] {
    // SAFETY: u64 storage viewed as bytes, same lifetime.
    unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, words.len() * 8) }
}

#[test]
fn in_place_and_copied_out() {
    let mut w = arena();
    let view = ArenaView::from_slice(bytes(&mut w), VM_START).unwrap();
    let m = view.cmask(VM_START + 4096).unwrap();
    assert_eq!((m.base(), m.nr_cids()), (100, 200));
    assert!(m.test(130));
    assert_eq!(m.iter().collect::<Vec<_>>(), vec![130]);
    m.set(299).unwrap();
    assert!(m.test_and_clear(130).unwrap());
    assert!(!m.test_and_set(100).unwrap());
    assert_eq!(m.set(300).unwrap_err().errno(), 34, "outside the window");
    let copy = view.copy_out(VM_START + 4096).unwrap();
    assert_eq!(copy.iter().collect::<Vec<_>>(), vec![100, 299]);
    assert_eq!(view.addr(view.ptr(VM_START + 4096, 16).unwrap()).unwrap(), VM_START + 4096);
    // the 32-bit form of the same address works too
    assert!(view.cmask((VM_START + 4096) & 0xffff_ffff).is_ok());
}

#[test]
fn lying_headers_are_refused() {
    let mut w = arena();
    let at = 4096 / 8;
    w[at + 1] = 1 << 20; // alloc_words far past the arena
    let view = ArenaView::from_slice(bytes(&mut w), VM_START).unwrap();
    let e = view.cmask(VM_START + 4096).err().expect("a header past the arena is refused");
    assert_eq!(e.errno(), 14, "EFAULT: {}", e);
    assert!(view.copy_out(VM_START + 4096).is_err());
    assert!(view.cmask(VM_START + (1 << 20)).is_err(), "outside the arena");
    assert!(view.cmask(0x2000_0000_0000).is_err(), "another arena's address");
}

#[test]
fn a_header_rewritten_after_the_check_is_caught() {
    let mut w = arena();
    let base = w.as_mut_ptr();
    let view = ArenaView::from_slice(bytes(&mut w), VM_START).unwrap();
    let m = view.cmask(VM_START + 4096).unwrap();
    // the "BPF side" raises alloc_words past the arena after the check
    // SAFETY: word 513 of the 8192-word buffer, the mask's alloc_words.
    unsafe { std::ptr::write_volatile(base.add(4096 / 8 + 1), 1 << 20) };
    assert!(m.set(101).is_err(), "the write is refused, not sent past the arena");
    assert!(!m.test(130), "a mask that no longer checks out reads as empty");
    assert_eq!(m.weight(), 0);
}
