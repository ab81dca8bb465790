#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# run-bpf.sh BUILDDIR PROGRAM...
#
# make check-vm-bpf: the tests/bpf check programs (PROGRAM: paths relative
# to BUILDDIR, e.g. tests/bpf/agree-native) inside Debian's sched_ext
# kernels under qemu, which have the BPF arenas some hosts refuse.  One
# small guest per kernel (-smp 4, multi-threaded TCG) runs them all
# (guest-bpf.sh).  Prints, per kernel and program,
#
#	bpf-suite[7.3] agree-native: 40 passed, 0 failed
#
# then per kernel the line CI reads,
#
#	bpf-proofs[7.3]: 9 programs, 312 passed, 0 failed
#
# (or "bpf-proofs[7.2]: skipped: REASON" for a kernel that could not be
# fetched)
# and the total "N passed, N failed".  A program that skips (exit 77),
# exits non-zero or prints no counts in a guest counts as one failure: the
# guests always have arenas.  Exits 77 ("SKIP: reason") only when no
# kernel could be fetched.
#
# Environment: VM_KERNELS ("7.2 7.3"), VM_CACHE, VM_JOBS (2), QEMU,
# VM_BPF_TIMEOUT (seconds per boot, 600), VM_BPF_SMP (4),
# VM_BPF_INIT_TIMEOUT (seconds for a guest to reach /init, 120),
# VM_BPF_ACCEL (tcg,thread=multi).
set -uo pipefail

builddir=$(cd "${1:?usage: run-bpf.sh BUILDDIR PROGRAM...}" && pwd)
shift
[ $# -gt 0 ] || { echo "run-bpf.sh: no test programs given" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
kernels=${VM_KERNELS:-7.2 7.3}
cache=${VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libscxcmask-vm}
jobs=${VM_JOBS:-2}
boot_timeout=${VM_BPF_TIMEOUT:-600}
smp=${VM_BPF_SMP:-4}
init_timeout=${VM_BPF_INIT_TIMEOUT:-120}
# Multi-threaded TCG: the race test needs vCPUs that really run in parallel
# (single-threaded TCG switches vCPUs only between translation blocks, so
# no read-modify-write is ever interrupted and nonatomic losses cannot
# show).  Its known weakness is live kernel-text patching: one boot in
# four oopsed on an int3 in sched_clock_cpu() ~4 s in, while the kernel
# flipped the sched_clock_stable static key.  tsc=unstable keeps that key
# from ever flipping (no failure in the boots since), no sched_ext
# scheduler is enabled here, and a boot that dies before /init is retried.
# no_timer_check: a slow host once made the boot-time IO-APIC timer check
# panic ("IO-APIC + timer doesn't work!").
accel=${VM_BPF_ACCEL:-tcg,thread=multi}
qemu=${QEMU:-qemu-system-x86_64}
work=$builddir/tests/vm/work-bpf
start=$(date +%s)

# say, skip, vm_prepare, vm_fetch_kernels
. "$here/vm-lib.sh" || exit 1
vm_prepare

# 1. Kernels.
declare -A vmlinuz vmlinux
vm_fetch_kernels
skipped=()
for ks in "${kernel_skips[@]}"; do
	skipped+=("bpf-proofs[${ks%%=*}]: skipped: ${ks#*=}")
done

# 2. The guest's root: the programs themselves (libtool keeps the real
# executable of a program linked against the uninstalled library in .libs/).
adds=()
names=()
for p in "$@"; do
	name=$(basename "$p")
	exe=$builddir/$(dirname "$p")/.libs/$name
	[ -f "$exe" ] || exe=$builddir/$p
	if ! [ -x "$exe" ] || ! head -c 4 "$exe" | grep -q ELF; then
		echo "run-bpf.sh: $p is not a built executable ($exe)" >&2
		exit 1
	fi
	adds+=(--add "$exe" "/opt/bpf/$name")
	names+=("$name")
	# files a program loads from beside itself (oracle-upstream's object,
	# or the reason it could not be built)
	for data in "$builddir/$(dirname "$p")/${name//-/_}".bpf.o "$builddir/$(dirname "$p")/${name//-/_}".skip; do
		[ -f "$data" ] && adds+=(--add "$data" "/opt/bpf/$(basename "$data")")
	done
done
printf '%s\n' "${names[@]}" >"$work/list"
"$here/mkinitramfs.sh" "$builddir" "$work/initrd" --init "$here/guest-bpf.sh" \
	--add "$work/list" /opt/bpf/list "${adds[@]}" || exit $?
say "initramfs: ${#names[@]} programs, $(stat -c %s "$work/initrd") bytes"

# 3. One boot per kernel.
boot() {	# boot KERNEL
	local k=$1 dir=$work/k${1/./} t0 try pid waited
	mkdir -p "$dir"
	t0=$(date +%s)
	# A guest that never reaches /init (seen under emulation on a loaded
	# host: silent after the BIOS, or an oops at boot, above) is stopped
	# after init_timeout seconds and booted again, up to twice.
	for try in 1 2 3; do
		timeout -k 10 "$boot_timeout" "$qemu" -M q35 -accel "$accel" -cpu max -m 1G \
			-smp "$smp" -nographic -no-reboot -kernel "${vmlinuz[$k]}" -initrd "$work/initrd" \
			-append "console=ttyS0 quiet panic=-1 oops=panic rdinit=/init rcupdate.rcu_cpu_stall_timeout=90 tsc=unstable no_timer_check" \
			</dev/null >"$dir/serial.log" 2>&1 &
		pid=$!
		waited=0
		while kill -0 "$pid" 2>/dev/null && ! grep -q 'GUEST start' "$dir/serial.log" &&
			[ "$waited" -lt "$init_timeout" ]; do
			sleep 2
			waited=$((waited + 2))
		done
		if ! grep -q 'GUEST start' "$dir/serial.log" && [ "$try" -lt 3 ]; then
			kill "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			cp "$dir/serial.log" "$dir/serial-try$try.log"
			echo "the $k guest did not reach /init (try $try: $(grep -Eo -m1 'Oops[^[]*|Kernel panic[^[]*' "$dir/serial.log" || echo "silent for ${init_timeout}s")); booted again" >>"$dir/retried"
			continue
		fi
		wait "$pid"
		echo $? >"$dir/qemu.rc"
		# the text-patching race can also strike later: an int3 oops
		# (never a BPF failure's signature) is booted again too
		if grep -q 'Oops: int3' "$dir/serial.log" && ! grep -q 'GUEST done' "$dir/serial.log" &&
			[ "$try" -lt 3 ]; then
			cp "$dir/serial.log" "$dir/serial-try$try.log"
			echo "the $k guest died on an int3 oops after /init (try $try); booted again" >>"$dir/retried"
			continue
		fi
		break
	done
	echo $(( $(date +%s) - t0 )) >"$dir/secs"
}
running=0
for k in "${avail[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	boot "$k" &
	running=$((running + 1))
done
wait
say "all boots finished"

# 4. Verdicts.
total_p=0
total_f=0
bad_log='BUG:|Oops|Call Trace|Kernel panic|soft lockup|hung task'
for k in "${avail[@]}"; do
	dir=$work/k${k/./}
	log=$dir/serial.log
	tr -d '\r' <"$log" >"$dir/serial.txt"
	kp=0
	kf=0
	echo "kernel $k: $(cat "$dir/secs")s, $(grep -o -m1 'GUEST start.*' "$dir/serial.txt")"
	[ -f "$dir/retried" ] && sed 's/^/  note: /' "$dir/retried"
	for name in "${names[@]}"; do
		sed -n "/^BPFTEST begin $name /,/^BPFTEST end $name /p" "$dir/serial.txt" >"$dir/$name.txt"
		rc=$(sed -n "s/^BPFTEST end $name rc=\([0-9]*\).*/\1/p" "$dir/$name.txt")
		# the last count line is the program's total ("arena_view: 63 passed, ...")
		counts=$(grep -Eo '(^|: )[0-9]+ passed, [0-9]+ failed$' "$dir/$name.txt" | tail -n 1)
		counts=${counts#: }
		p=0
		f=0
		if [ -n "$counts" ]; then
			p=${counts%% passed*}
			f=${counts#*, }
			f=${f%% failed}
		fi
		note=
		if [ -z "$rc" ]; then
			note=" (did not finish)"
		elif [ "$rc" = 77 ]; then
			note=" (skipped in the guest: $(grep -m1 '^SKIP' "$dir/$name.txt"))"
		elif [ "$rc" != 0 ]; then
			note=" (exit $rc)"
		elif [ -z "$counts" ]; then
			note=" (no counts printed)"
		fi
		[ -n "$note" ] && [ "$f" -eq 0 ] && f=1
		echo "bpf-suite[$k] $name: $p passed, $f failed$note"
		# what a count alone does not say: which helpers the differential
		# oracle compared three ways, how many writes crossed the boundary
		case $name in
		oracle-upstream)
			sed -n '/^three-way agreement/,/^[0-9]* passed, [0-9]* failed$/p' "$dir/$name.txt" |
				sed '$d; s/^/  /' ;;
		race)
			grep -E '^  (atomic|nonatomic) ' "$dir/$name.txt" | sed 's/^/  /' ;;
		esac
		if [ "$f" -ne 0 ]; then
			grep -E '^ *(FAIL|not ok)' "$dir/$name.txt" | head -n 10 | sed 's/^/  /'
			[ -z "$rc" ] && tail -n 20 "$dir/$name.txt" | sed 's/^/  | /'
		fi
		kp=$((kp + p))
		kf=$((kf + f))
	done
	if ! grep -q 'GUEST done' "$dir/serial.txt"; then
		echo "  FAIL: the $k guest did not finish (qemu rc $(cat "$dir/qemu.rc" 2>/dev/null)); tail of $log:"
		tail -n 20 "$dir/serial.txt" | sed 's/^/  | /'
		kf=$((kf + 1))
	fi
	if grep -Eq "$bad_log" "$dir/serial.txt"; then
		echo "  FAIL: kernel log: $(grep -Eh "$bad_log" "$dir/serial.txt" | head -n 3)"
		kf=$((kf + 1))
	fi
	echo "bpf-proofs[$k]: ${#names[@]} programs, $kp passed, $kf failed"
	total_p=$((total_p + kp))
	total_f=$((total_f + kf))
done
for line in "${skipped[@]}"; do
	echo "$line"
done
say "check-vm-bpf done"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
