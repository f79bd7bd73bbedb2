// CPrefetch.h - hints to the CPU and the compiler for the analysis' hot paths, callable from
// Swift: a cache prefetch, and a binary search whose steps stay conditional moves.
#ifndef CPREFETCH_H
#define CPREFETCH_H

#include <stddef.h>
#include <stdint.h>

/// Asks the CPU to bring the cache line of `p` in for reading; never faults, whatever `p`.
static inline void lf_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/// Asks for every cache line of `p ..< p + bytes` (`bytes` > 0): a line every 64 bytes and the
/// last byte's, since an object or an array element need not start on a line.
static inline void lf_prefetch_range(const void *p, size_t bytes) {
  const char *c = (const char *)p;
  for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(c + offset, 0, 3);
  __builtin_prefetch(c + bytes - 1, 0, 3);
}

#if defined(__has_builtin)
#if __has_builtin(__builtin_unpredictable)
#define LF_UNPREDICTABLE(x) __builtin_unpredictable(x)
#endif
#endif
#ifndef LF_UNPREDICTABLE
#define LF_UNPREDICTABLE(x) (x)
#endif

/// `name(a, lo, n, v)`: the first index in `lo ..< lo + n` whose element is not less than `v`
/// (`lo + n` when there is none); `a[lo ..< lo + n]` must be sorted in increasing order.
///
/// Each step keeps the half that holds the answer with a select marked unpredictable: the ids
/// searched for arrive in no order, and LLVM's x86 back end turns an unmarked select in a loop
/// back into a jump, mispredicted about every other step. The number of steps depends only
/// on `n`. One body for each element width (C has no generics).
#define LF_DEFINE_LOWER_BOUND(name, type)                                \
  static inline size_t name(const type *a, size_t lo, size_t n, type v) { \
    if (n == 0) return lo;                                                \
    while (n > 1) {                                                       \
      size_t half = n >> 1;                                               \
      lo = LF_UNPREDICTABLE(a[lo + half] < v) ? lo + half : lo;           \
      n -= half;                                                          \
    }                                                                     \
    return lo + (a[lo] < v);                                              \
  }

/// 32-bit ids (packed success ids, roaring sets of up to 1 024 values).
LF_DEFINE_LOWER_BOUND(lf_lower_bound_u32, uint32_t)
/// 16-bit values (roaring keys and array containers).
LF_DEFINE_LOWER_BOUND(lf_lower_bound_u16, uint16_t)
#endif
