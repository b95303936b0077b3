/* Forcing the inlining of small hot helpers (internal): gcc -O2 does not
   inline a static function it sees called more than once if it judges it
   large, and the decoders' per-field helpers are cheaper inlined than
   called. Plain `static` on other compilers. And the opposite for cold
   paths (MIPFB_NOINLINE). */
#ifndef MIPFB_CORE_INLINE_H
#define MIPFB_CORE_INLINE_H

#if defined(__GNUC__) || defined(__clang__)
#define MIPFB_HOT_INLINE static inline __attribute__((always_inline))
#else
#define MIPFB_HOT_INLINE static
#endif

/* Keeping a cold path (error diagnostics) out of its only caller, so the
   caller's fast path needs fewer registers saved and restored. */
#if defined(__GNUC__) || defined(__clang__)
#define MIPFB_NOINLINE __attribute__((noinline))
#else
#define MIPFB_NOINLINE
#endif

/* A hint to start loading the cache line at p (no fault on any address:
   a prefetch never traps); nothing on other compilers. The burst paths
   use it to overlap the cache misses of several packets. */
#if defined(__GNUC__) || defined(__clang__)
#define MIPFB_PREFETCH(p) __builtin_prefetch((p), 0, 3)
#else
#define MIPFB_PREFETCH(p) ((void)(p))
#endif

#endif /* MIPFB_CORE_INLINE_H */
