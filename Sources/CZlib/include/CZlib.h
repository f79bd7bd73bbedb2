// CZlib.h - the few zlib entry points LogForensics needs, callable from Swift.
#ifndef CZLIB_H
#define CZLIB_H
#include <zlib.h>

/// inflateInit2 is a macro in zlib.h; wrap it so Swift can call it.
static inline int czlib_inflateInit2(z_stream *strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
#endif
