// CPrefetch.h - a cache prefetch hint, callable from Swift.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to bring the cache line of `p` in for reading; never faults, whatever `p`.
static inline void lf_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
#endif
