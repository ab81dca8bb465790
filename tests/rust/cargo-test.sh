#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# bindings/rust with every Rust toolchain on the machine: Debian's
# (/usr/bin/cargo, 1.63 on Debian 12) and a current one (rustup's
# ~/.cargo/bin/cargo, or whatever cargo PATH finds).  For each: cargo test
# (the model and the kernel-truth fixtures), cargo doc with warnings as
# errors, and the rust_agent example.  The crate is built against this
# tree's library, found through a pkg-config file written for it.
#
# Skips (77) only when no cargo is installed.  RUST_REQUIRE_TOOLCHAINS=N
# makes fewer than N toolchains a failure: the CI stage asks for 2, after
# scripts/install-deps.sh --ci installed Debian's cargo.
set -uo pipefail
src=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${top_builddir:-$src}
need=${RUST_REQUIRE_TOOLCHAINS:-1}
work=$build/tests/rust/work
lib=$build/libscxcmask/.libs

[ -e "$lib/libscxcmask.so" ] || { echo "FAIL: $lib/libscxcmask.so is not built"; exit 1; }
# A sanitizer build's library needs the ASan runtime loaded before it,
# which a Rust test binary does not do; the plain build runs the crate.
# (grep reads all of nm's output: with -q, nm's SIGPIPE would fail the
# pipeline under pipefail and hide the match)
if nm -D "$lib/libscxcmask.so" 2>/dev/null | grep ' U __asan_init' >/dev/null; then
	echo "SKIP: this libscxcmask is built with AddressSanitizer (configure --enable-sanitizers): Rust binaries cannot load its runtime first; the crate is tested against the plain build"
	exit 77
fi

# Toolchains: "label:bindir", each bindir holding cargo, rustc and rustdoc.
toolchains=()
seen=
add() {
	local dir=$1 label=$2 real
	[ -x "$dir/cargo" ] && [ -x "$dir/rustc" ] || return 0
	real=$(readlink -f "$dir/rustc")
	case " $seen " in *" $real "*) return 0 ;; esac
	seen="$seen $real"
	toolchains+=("$label:$dir")
}
add /usr/bin debian
add "${CARGO_HOME:-$HOME/.cargo}/bin" current
command -v cargo >/dev/null 2>&1 && add "$(dirname "$(command -v cargo)")" path
if [ ${#toolchains[@]} -eq 0 ]; then
	echo "SKIP: no Rust toolchain (cargo) is installed; scripts/install-deps.sh --ci installs Debian's"
	exit 77
fi

rm -rf "$work"
mkdir -p "$work/pc"
# The crate is built from a copy: cargo writes Cargo.lock next to
# Cargo.toml, and the source tree may be read-only (distcheck).
cp -R "$src/bindings/rust" "$work/crate"
cat >"$work/pc/scxcmask.pc" <<PC
libdir=$lib
includedir=$src/include
Name: scxcmask
Description: libscxcmask of the build tree $build
Version: 0
Libs: -L\${libdir} -lscxcmask
Cflags: -I\${includedir}
PC

passed=0
failed=0
step() {	# step LABEL LOG COMMAND...
	local label=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "  ok: $label"
	else
		failed=$((failed + 1))
		echo "  FAIL: $label (log: $log)"
		tail -n 40 "$log" | sed 's/^/    /'
	fi
}
obj=$build/examples/arena_agent/arena_agent.bpf.o
for t in "${toolchains[@]}"; do
	label=${t%%:*}
	dir=${t#*:}
	tdir=$work/target-$label
	echo "toolchain $label: $("$dir/rustc" --version) ($dir)"
	export PATH="$dir:$PATH" PKG_CONFIG_PATH="$work/pc" CARGO_TARGET_DIR="$tdir" \
		SCXCMASK_FIXTURES="$src/tests/fixtures" CARGO_NET_OFFLINE=true
	(
		cd "$work/crate" || exit 1
		step "$label cargo test" "$work/test-$label.log" cargo test --offline -- --nocapture
		grep -hE '^(kernel truths|single-cid checks|test result)' "$work/test-$label.log" | sed 's/^/    /'
		step "$label cargo doc (warnings are errors)" "$work/doc-$label.log" \
			env RUSTDOCFLAGS="-D warnings" cargo doc --offline --no-deps
		step "$label cargo build --examples (warnings are errors)" "$work/ex-$label.log" \
			env RUSTFLAGS="-D warnings" cargo build --offline --examples
		ex=$tdir/debug/examples/rust_agent
		# the object it finds beside itself, as make check-vm-bpf runs it
		[ ! -e "$obj" ] || cp "$obj" "$tdir/debug/examples/rust_agent.bpf.o"
		step "$label rust_agent prints this machine's map" "$work/run-$label.log" \
			sh -c '"$1" | grep -q "^    cid   0 = cpu "' _ "$ex"
		if [ -e "$obj" ]; then
			# the arena half: it runs, or says why it cannot (exit 77)
			rc=0
			"$ex" "$obj" >"$work/arena-$label.log" 2>&1 || rc=$?
			if [ "$rc" -eq 0 ] || { [ "$rc" -eq 77 ] && grep -q '^SKIP: ' "$work/arena-$label.log"; }; then
				passed=$((passed + 1))
				echo "  ok: $label rust_agent on arena_agent.bpf.o: $(grep -m1 -E '^SKIP|BPF side' "$work/arena-$label.log")"
			else
				failed=$((failed + 1))
				echo "  FAIL: $label rust_agent on arena_agent.bpf.o (exit $rc):"
				sed 's/^/    /' "$work/arena-$label.log"
			fi
		fi
		echo "$passed $failed" >"$work/counts-$label"
	)
	read -r p f <"$work/counts-$label"
	passed=$p
	failed=$f
done
if [ ${#toolchains[@]} -lt "$need" ]; then
	echo "FAIL: ${#toolchains[@]} Rust toolchain(s) found, $need required here (Debian's and a current one)"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
