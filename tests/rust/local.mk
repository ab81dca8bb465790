# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# The Rust crate (bindings/rust): its declarations against the C headers
# (always), and cargo test, cargo doc and the example with every Rust
# toolchain on the machine (skipped with the reason when there is none).
TESTS += tests/rust/check-decls.sh tests/rust/cargo-test.sh
EXTRA_DIST += tests/rust/check-decls.sh tests/rust/check-decls.py tests/rust/cargo-test.sh \
	bindings/rust/Cargo.toml bindings/rust/build.rs bindings/rust/README.md \
	bindings/rust/src/lib.rs bindings/rust/src/sys.rs bindings/rust/src/error.rs \
	bindings/rust/src/cmask.rs bindings/rust/src/cidmap.rs bindings/rust/src/convert.rs \
	bindings/rust/src/arena.rs bindings/rust/src/btf.rs \
	bindings/rust/tests/common/mod.rs bindings/rust/tests/model.rs \
	bindings/rust/tests/fixtures.rs bindings/rust/tests/arena.rs bindings/rust/examples/rust_agent.rs
# cargo-test.sh builds against the library of this tree
tests/rust/cargo-test.log: libscxcmask/libscxcmask.la

clean_local_targets += clean-rust
clean-rust:
	rm -rf tests/rust/work
.PHONY: clean-rust
