// CZlib.h - the few zlib entry points LogForensics needs, callable from Swift.
#ifndef CZLIB_H
#define CZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; wrap it so Swift can call it.
static inline int czlib_inflateInit2(z_stream *strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}

/// deflateInit2 is a macro too; used by tests to build gzip fixtures in memory.
static inline int czlib_deflateInit2(z_stream *strm, int level, int windowBits) {
  return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
