/* SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause */
/*
 * BPF arena portability for libscxcmask's BPF headers: one source that
 * builds with clang >= 19 (native __arena) and with older clang, where the
 * address-space casts are written out as raw instructions.
 *
 * Native mode (clang defines __BPF_FEATURE_ADDR_SPACE_CAST): __arena is
 * address_space(1), pointers hold user-form (64-bit) addresses and the
 * compiler casts them before every access.
 *
 * Fallback mode (older clang, or -DSCXCMASK_BPF_FORCE_ASM_CAST to test it):
 * __arena expands to nothing and every access goes through
 * scx_arena_ptr(), which emits the cast instruction as bytes.  A
 * missing cast shows up at load time as "invalid mem access 'scalar'".
 *
 * Also here: scxcmask_can_loop, a loop bound the verifier accepts without
 * unrolling (the may_goto instruction, kernels >= 6.9 like arenas), and
 * scxcmask_arena_use() to tie a program to its arena map.
 *
 * Include after vmlinux.h (or <linux/types.h>) and <bpf/bpf_helpers.h>.
 */
#ifndef SCXCMASK_ARENA_BPF_H
#define SCXCMASK_ARENA_BPF_H

#if defined(__BPF_FEATURE_ADDR_SPACE_CAST) && !defined(SCXCMASK_BPF_FORCE_ASM_CAST)
#define SCXCMASK_BPF_NATIVE_ARENA	1
/* qualifier of arena memory and of arena globals */
#define SCXCMASK_ARENA			__attribute__((address_space(1)))
#define SCXCMASK_ARENA_GLOBAL		SCXCMASK_ARENA
#else
#define SCXCMASK_BPF_NATIVE_ARENA	0
#define SCXCMASK_ARENA
/* libbpf maps this section into the arena, as clang does for __arena */
#define SCXCMASK_ARENA_GLOBAL		__attribute__((section(".addr_space.1")))
#endif

/* The usual spelling; left alone if the program's headers define it. */
#ifndef __arena
#define __arena SCXCMASK_ARENA
#endif
#ifndef __arena_global
#define __arena_global SCXCMASK_ARENA_GLOBAL
#endif

/*
 * addr_space_cast: a 64-bit register move (opcode 0xbf) with offset 1; the
 * immediate holds the destination address space in its upper 16 bits and
 * the source in its lower 16.  The operand is pinned to r1 so that the
 * register byte is a constant (0x11: dst r1, src r1).  .short and .long
 * follow the target's byte order, so bpfeb gets the right encoding too.
 * Not volatile: an unused cast may be dropped and a repeated one merged.
 * Both builds have them: native code uses the cast to hand a global
 * subprogram a register the verifier knows for an arena pointer.
 */
static __attribute__((always_inline)) inline __UINT64_TYPE__
scxcmask__cast_to_kern(__UINT64_TYPE__ v)
{
	register __UINT64_TYPE__ r1 asm("r1") = v;

	/* user form (space 1) -> kernel form (space 0): keeps the low 32 bits */
	asm(".byte 0xbf, 0x11\n\t.short 1\n\t.long 0x00000001" : "+r"(r1));
	return r1;
}

static __attribute__((always_inline)) inline __UINT64_TYPE__
scxcmask__cast_to_user(__UINT64_TYPE__ v)
{
	register __UINT64_TYPE__ r1 asm("r1") = v;

	/* kernel form -> user form: the arena's upper 32 bits (0 stays 0) */
	asm(".byte 0xbf, 0x11\n\t.short 1\n\t.long 0x00010000" : "+r"(r1));
	return r1;
}

#if SCXCMASK_BPF_NATIVE_ARENA

/*
 * The two translations have the agent's names (<scxcmask/arena.h>):
 * scx_arena_ptr() gives what this side dereferences, scx_arena_addr() what
 * it stores for the other side to follow.  Native code needs neither.
 */
#define scx_arena_ptr(p)	(p)
#define scx_arena_addr(p)	(p)

#else

/*
 * scx_arena_ptr(): a pointer the program may dereference (the verifier's
 * PTR_TO_ARENA), as the agent's scx_arena_ptr() gives the agent one.
 */
#define scx_arena_ptr(p)	((__typeof__(p))scxcmask__cast_to_kern((__UINT64_TYPE__)(p)))
/*
 * scx_arena_addr(): the address to store where the agent reads it, as the
 * agent's scx_arena_addr() gives the address BPF follows.
 */
#define scx_arena_addr(p)	((__typeof__(p))scxcmask__cast_to_user((__UINT64_TYPE__)(p)))

#endif /* SCXCMASK_BPF_NATIVE_ARENA */

/*
 * An address-space cast is accepted only in a program that uses an arena
 * map.  A program that reaches the arena through pointers alone (a set_cmask
 * callback, a syscall program given addresses) names its map with this.
 */
#define scxcmask_arena_use(map)	asm volatile("" : : "r"(&(map)))

/*
 * scxcmask_can_loop - true until the kernel's loop budget for this program
 * run runs out (may_goto: 8M iterations before 6.15, then a time limit of
 * about a quarter second).  In a loop condition it lets the verifier check
 * the body once instead of unrolling it, at the cost of a counter decrement
 * per iteration.
 *
 * may_goto is opcode 0xe5 (JMP class, JCOND) with the jump offset, in
 * instructions after the next one, in the 16-bit offset field.  clang gets
 * it from the mnemonic when it knows it, from bytes otherwise.
 */
#if defined(__BPF_FEATURE_MAY_GOTO) && !defined(SCXCMASK_BPF_FORCE_ASM_CAST)
#define scxcmask__may_goto(out) asm volatile goto("may_goto %l[" #out "]" : : : : out)
#else
/*
 * The offset is emitted as a 4-byte value spanning the offset field and the
 * low half of the (zero) immediate: the BPF assembler resolves a forward
 * label difference in a 4-byte field but silently writes 0 into a 2-byte
 * one.  The shift puts the offset first on big-endian targets.
 */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define SCXCMASK__MAY_GOTO_OFF(x)	"(((" x ") & 0xffff) << 16)"
#else
#define SCXCMASK__MAY_GOTO_OFF(x)	"(((" x ") & 0xffff))"
#endif
#define scxcmask__may_goto(out)							\
	asm volatile goto("0:\n\t.byte 0xe5, 0x00\n\t"				\
			  ".long " SCXCMASK__MAY_GOTO_OFF("(%l[" #out "] - 0b - 8) / 8") \
			  "\n\t.short 0" : : : : out)
#endif

#define scxcmask_can_loop ({							\
	__label__ scxcmask__cl_stop, scxcmask__cl_done;				\
	int scxcmask__cl_ok = 1;						\
	scxcmask__may_goto(scxcmask__cl_stop);					\
	goto scxcmask__cl_done;							\
scxcmask__cl_stop:								\
	scxcmask__cl_ok = 0;							\
scxcmask__cl_done:								\
	scxcmask__cl_ok;							\
})

#endif /* SCXCMASK_ARENA_BPF_H */
