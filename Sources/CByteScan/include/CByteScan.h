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

/// Copies `n` bytes from `src` to `dst` (`n` ≤ 16) with at most two overlapping loads and
/// stores of a power-of-two size: no call for the short pieces of a path.
static inline void lf_copy_short(uint8_t *dst, const uint8_t *src, size_t n) {
  if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, src, 8);
    memcpy(&b, src + n - 8, 8);
    memcpy(dst, &a, 8);
    memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, src, 4);
    memcpy(&b, src + n - 4, 4);
    memcpy(dst, &a, 4);
    memcpy(dst + n - 4, &b, 4);
  } else if (n > 0) {
    dst[0] = src[0];
    dst[n >> 1] = src[n >> 1];
    dst[n - 1] = src[n - 1];
  }
}

/// One segment of a path, or value of a query, for a template shape: copies `p[from ..< end]`
/// to `out`, where `end` is the offset of the first `sep` at or after `from` in `p[0 ..< n]`
/// (`n` when there is none), and returns `end`. `*all_digits` becomes 1 when every copied
/// byte is an ASCII digit (also when there is none), else 0. `out` must have room for
/// `end - from + 16` bytes. A byte loop: the reference of ``lf_shape_segment``.
static inline size_t lf_shape_segment_bytes(const uint8_t *p, size_t n, size_t from, uint8_t sep, uint8_t *out, int *all_digits) {
  int all = 1;
  size_t i = from;
  for (; i < n && p[i] != sep; i++) {
    if ((uint8_t)(p[i] - '0') >= 10) all = 0;
    out[i - from] = p[i];
  }
  *all_digits = all;
  return i;
}

/// ``lf_shape_segment_bytes`` sixteen bytes a step with SSE2: each block is compared with the
/// separator and with the digit range at once and stored whole (hence the room past the
/// segment); the bytes after the last whole block are read as the block that ends at `n`
/// (never past it) and copied with ``lf_copy_short``. The byte loop elsewhere.
static inline size_t lf_shape_segment(const uint8_t *p, size_t n, size_t from, uint8_t sep, uint8_t *out, int *all_digits) {
#if defined(__SSE2__)
  if (n < 16) return lf_shape_segment_bytes(p, n, from, sep, out, all_digits);
  const __m128i sepv = _mm_set1_epi8((char)sep), zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
  unsigned nondigit = 0;
  size_t i = from;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    _mm_storeu_si128((__m128i *)(void *)(out + (i - from)), v);
    const __m128i d = _mm_sub_epi8(v, zero);
    // A digit is a byte whose distance from '0' is at most 9 (unsigned minimum: no compare of
    // unsigned bytes in SSE2).
    const unsigned digits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
    const unsigned seps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sepv));
    if (seps) {
      const unsigned before = (1u << __builtin_ctz(seps)) - 1;
      *all_digits = !(nondigit | (~digits & before));
      return i + (size_t)__builtin_ctz(seps);
    }
    nondigit |= ~digits & 0xFFFFu;
  }
  if (i < n) {
    // The block that ends at n: its bytes before i were read already and hold no separator.
    const size_t j = n - 16, skip = i - j;
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
    const __m128i d = _mm_sub_epi8(v, zero);
    const unsigned digits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)) >> skip;
    const unsigned seps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sepv)) >> skip;
    const size_t k = seps ? (size_t)__builtin_ctz(seps) : n - i;
    nondigit |= ~digits & ((1u << k) - 1);
    lf_copy_short(out + (i - from), p + i, k);
    i += k;
  }
  *all_digits = !nondigit;
  return i;
#else
  return lf_shape_segment_bytes(p, n, from, sep, out, all_digits);
#endif
}

/// The template shape of a path (`is_query` 0, `sep` `/`) or query (`is_query` 1, `sep` `&`)
/// of `n` bytes: each segment, or each query pair's value (after its first `=`), made of 1 to
/// 199 ASCII digits is written as `marker`, its length and, for 13 or 15 digits, its first
/// digit; every other byte is copied. Returns the bytes written to `out`, which must have room
/// for `2 n + 16`. For the first `tracked` segments that collapse, their byte range is stored
/// in `starts` and `ends` (the others are left as they are). Segments are scanned and copied
/// by ``lf_shape_segment``; an all-digit one is then replaced by its marker.
static inline size_t lf_template_shape(const uint8_t *p, size_t n, uint8_t sep, int is_query, uint8_t marker, uint8_t *out,
                                       int32_t *starts, int32_t *ends, size_t tracked) {
  size_t o = 0, s = 0, segment = 0;
  for (;;) {
    size_t v = s;
    if (is_query) {
      // In a query pair only the value (after the first `=`) may collapse.
      while (v < n) {
        const uint8_t c = p[v];
        if (c == sep) break;
        out[o++] = c;
        v++;
        if (c == '=') break;
      }
    }
    int all_digits;
    const size_t e = lf_shape_segment(p, n, v, sep, out + o, &all_digits);
    const size_t len = e - v;
    if (all_digits && len > 0 && len < 200) {
      if (segment < tracked) {
        starts[segment] = (int32_t)v;
        ends[segment] = (int32_t)e;
      }
      out[o] = marker;
      out[o + 1] = (uint8_t)len;
      o += 2;
      if (len == 13 || len == 15) out[o++] = p[v];
    } else {
      o += len;
    }
    if (e >= n) break;
    out[o++] = sep;
    s = e + 1;
    segment++;
  }
  return o;
}

/// The credential-like trigrams ``lf_may_contain_credential`` looks for, lower case (ASCII
/// bytes OR 0x20): key, tok, pas, pwd, sec, sig, aut, ses, cod, jwt, bea, cre.
static inline int lf_is_credential_trigram(uint8_t a, uint8_t b, uint8_t c) {
  switch ((uint32_t)a << 16 | (uint32_t)b << 8 | c) {
  case 0x6B6579: case 0x746F6B: case 0x706173: case 0x707764: case 0x736563: case 0x736967:
  case 0x617574: case 0x736573: case 0x636F64: case 0x6A7774: case 0x626561: case 0x637265:
    return 1;
  default:
    return 0;
  }
}

/// One bit per pair of first two bytes of a credential trigram, indexed by the low five bits
/// of each byte (`(a & 31) << 5 | (b & 31)`): a clear bit rules the position out with one
/// test. A test rebuilds this table from the trigram list.
static const uint64_t lf_credential_bigrams[16] = {
  0x0020000000000000ull, 0x0004800000000020ull, 0, 0, 0, 0x0000002000800000ull, 0, 0,
  0x0000000000800002ull, 0x0000022000000000ull, 0x0000000000008000ull, 0, 0, 0, 0, 0,
};

/// 1 when some three consecutive bytes of `p[0 ..< n]`, each OR 0x20, are a credential
/// trigram (``lf_is_credential_trigram``). Most positions are ruled out by their first two
/// bytes alone (``lf_credential_bigrams``).
static inline int lf_may_contain_credential(const uint8_t *p, size_t n) {
  for (size_t i = 0; i + 2 < n; i++) {
    const unsigned k = (unsigned)(p[i] & 31) << 5 | (p[i + 1] & 31);
    if (!(lf_credential_bigrams[k >> 6] >> (k & 63) & 1)) continue;
    if (lf_is_credential_trigram(p[i] | 0x20, p[i + 1] | 0x20, p[i + 2] | 0x20)) return 1;
  }
  return 0;
}

#endif
