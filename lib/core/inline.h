/* Forcing the inlining of small hot helpers (internal): gcc -O2 does not
   inline a static function it sees called more than once if it judges it
   large, and the decoders' per-field helpers are cheaper inlined than
   called. Plain `static` on other compilers. */
#ifndef MIPFB_CORE_INLINE_H
#define MIPFB_CORE_INLINE_H

#if defined(__GNUC__) || defined(__clang__)
#define MIPFB_HOT_INLINE static inline __attribute__((always_inline))
#else
#define MIPFB_HOT_INLINE static
#endif

#endif /* MIPFB_CORE_INLINE_H */
