#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for libmipfb.
# Environment (set by the OSS-Fuzz base-builder image): CC, CFLAGS,
# LIB_FUZZING_ENGINE, OUT, SRC. Run from the top of the source tree.
# Sanitizers: address, undefined, memory (project.yaml).

autoreconf -fi
./configure --disable-shared --disable-tools
make -j"$(nproc)" lib/libmipfb.la

for t in fuzz_mip4_decode fuzz_ts_decode fuzz_mip4_roundtrip fuzz_policy_diff \
  fuzz_mh_decode fuzz_mh_opt_iter fuzz_mh_roundtrip fuzz_ha4 fuzz_mn4 fuzz_flow_burst; do
  # The fuzzer engine is C++: link with $CXX. fuzz_policy_diff also links
  # the tests' reference matcher.
  extra=
  if [ "$t" = fuzz_policy_diff ]; then
    $CC $CFLAGS -std=c99 -Iinclude -DMIPFB_STATICLIB -c tests/policy_ref.c -o policy_ref.o
    extra=policy_ref.o
  fi
  # The agent targets share the fake host and script reader.
  if [ "$t" = fuzz_ha4 ] || [ "$t" = fuzz_mn4 ]; then
    $CC $CFLAGS -std=c99 -Iinclude -DMIPFB_STATICLIB -c fuzz/fuzz_agent_script.c -o fuzz_agent_script.o
    extra=fuzz_agent_script.o
  fi
  $CC $CFLAGS -std=c99 -Iinclude -Iinclude -DMIPFB_STATICLIB -c "fuzz/$t.c" -o "$t.o"
  $CXX $CXXFLAGS "$t.o" $extra $LIB_FUZZING_ENGINE lib/.libs/libmipfb.a -o "$OUT/$t"
  rm -f "$OUT/${t}_seed_corpus.zip"
  zip -q -j "$OUT/${t}_seed_corpus.zip" fuzz/corpus/"$t"/*
  cp "fuzz/$t.dict" "$OUT/$t.dict"
done
