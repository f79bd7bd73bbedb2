// CByteScan.h - vector scans of log bytes for the parser's hot path, callable from Swift.
//
// Header-only (static inline) so that the Swift compiler inlines them into the parser.
// On x86-64 they use SSE2, which every x86-64 CPU has (16 bytes per compare); elsewhere
// they fall back to eight bytes at a time in a 64-bit word (SWAR). Both paths are exposed
// so that tests check each against a byte loop, whatever the machine.
#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Offset of the first `"` or `\` in `p[0 ..< n]`, or `n` when there is none; eight bytes at a
/// time in a 64-bit word. `p` may be NULL when `n` is 0.
static inline size_t lf_first_quote_or_backslash_swar(const uint8_t *p, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const uint64_t quotes = ones * (uint64_t)'"', backslashes = ones * (uint64_t)'\\';
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    // A byte equal to `"` or `\` becomes zero after the XOR; `(x - 0x01…) & ~x & 0x80…` flags
    // zero bytes. The lowest flag is exact (a false flag can only follow a true one).
    const uint64_t q = w ^ quotes, b = w ^ backslashes;
    const uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
    if (hit) return i + ((size_t)__builtin_ctzll(hit) >> 3);
  }
  for (; i < n; i++) {
    if (p[i] == '"' || p[i] == '\\') return i;
  }
  return n;
}

/// Offset of the first `"` or `\` in `p[0 ..< n]`, or `n` when there is none: sixteen bytes a
/// compare with SSE2 (the last, partial block is read as the sixteen bytes ending at `n`, never
/// past it), ``lf_first_quote_or_backslash_swar`` elsewhere. `p` may be NULL when `n` is 0.
static inline size_t lf_first_quote_or_backslash(const uint8_t *p, size_t n) {
#if defined(__SSE2__)
  if (n < 16) return lf_first_quote_or_backslash_swar(p, n);
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    const unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (m) return i + (size_t)__builtin_ctz(m);
  }
  if (i == n) return n;
  // The last n - i bytes: the block that ends at n. Its first bytes were scanned already and
  // hold neither byte, so its first match is the answer.
  const size_t j = n - 16;
  const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
  const unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
  return m ? j + (size_t)__builtin_ctz(m) : n;
#else
  return lf_first_quote_or_backslash_swar(p, n);
#endif
}

#endif
