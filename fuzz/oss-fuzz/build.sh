#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for libmipfb.
# Environment (set by the OSS-Fuzz base-builder image): CC, CFLAGS,
# LIB_FUZZING_ENGINE, OUT, SRC. Run from the top of the source tree.
# Sanitizers: address, undefined, memory (project.yaml).

autoreconf -fi
./configure --disable-shared --disable-tools
make -j"$(nproc)" lib/libmipfb.la

for t in fuzz_mip4_decode fuzz_ts_decode fuzz_mip4_roundtrip; do
  # The fuzzer engine is C++: link with $CXX.
  $CC $CFLAGS -std=c99 -Iinclude -Iinclude -DMIPFB_STATICLIB -c "fuzz/$t.c" -o "$t.o"
  $CXX $CXXFLAGS "$t.o" $LIB_FUZZING_ENGINE lib/.libs/libmipfb.a -o "$OUT/$t"
  rm -f "$OUT/${t}_seed_corpus.zip"
  zip -q -j "$OUT/${t}_seed_corpus.zip" fuzz/corpus/"$t"/*
  cp "fuzz/$t.dict" "$OUT/$t.dict"
done
