// SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
//! Finds libscxcmask with the pkg-config program (no crates needed).
//!
//! `PKG_CONFIG` names the program (default `pkg-config`) and
//! `PKG_CONFIG_PATH` where it looks, as for any C build.  The library
//! directory is also written into the binaries' run path, so tests and
//! examples run against the library that was found, not another one
//! installed elsewhere.

use std::env;
use std::process::Command;

fn pkg_config(args: &[&str]) -> String {
    let prog = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    let out = Command::new(&prog)
        .args(args)
        .arg("scxcmask")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {} (install pkg-config)", prog, e));
    if !out.status.success() {
        panic!(
            "{} {} scxcmask failed: {}(install libscxcmask-dev, or point PKG_CONFIG_PATH at scxcmask.pc)",
            prog,
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8(out.stdout).expect("pkg-config printed non-UTF-8")
}

fn main() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-changed=build.rs");
    for flag in pkg_config(&["--libs"]).split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            println!("cargo:rustc-link-search=native={}", dir);
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib={}", lib);
        }
    }
    let libdir = pkg_config(&["--variable=libdir"]);
    let libdir = libdir.trim();
    if !libdir.is_empty() {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", libdir);
    }
}
