# Fuzzing (style.md B12). Included from the top Makefile.am after tests/tests.mk.
#
#   make check           replays fuzz/corpus/<target>/ through each target
#                        (fuzz/replay_<target>: fuzz_main.c, no libFuzzer)
#   make fuzz            builds libFuzzer binaries with clang into fuzz/out/
#   make fuzz-run        builds them and fuzzes each for $(FUZZ_SECONDS) s
#                        (default 20), failing on a crash
#   make fuzz-clean      removes fuzz/out/
#
# The target list is repeated in tests/fuzz_replay.sh and fuzz/oss-fuzz/build.sh.

FUZZ_TARGETS = fuzz_mip4_decode fuzz_ts_decode fuzz_mip4_roundtrip fuzz_policy_diff \
	fuzz_mh_decode fuzz_mh_opt_iter fuzz_mh_roundtrip

# ---------------------------------------------------------------- replay (make check)
check_PROGRAMS += fuzz/replay_fuzz_mip4_decode fuzz/replay_fuzz_ts_decode fuzz/replay_fuzz_mip4_roundtrip
check_PROGRAMS += fuzz/replay_fuzz_policy_diff
check_PROGRAMS += fuzz/replay_fuzz_mh_decode fuzz/replay_fuzz_mh_opt_iter fuzz/replay_fuzz_mh_roundtrip
TESTS += tests/fuzz_replay.sh

FUZZ_REPLAY_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
FUZZ_REPLAY_CFLAGS = $(C99FLAG) $(WARNCFLAGS)

fuzz_replay_fuzz_mip4_decode_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mip4_decode.c fuzz/fuzz_common.h
fuzz_replay_fuzz_mip4_decode_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mip4_decode_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mip4_decode_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mip4_decode_LDFLAGS = -static

fuzz_replay_fuzz_ts_decode_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_ts_decode.c fuzz/fuzz_common.h
fuzz_replay_fuzz_ts_decode_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_ts_decode_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_ts_decode_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_ts_decode_LDFLAGS = -static

fuzz_replay_fuzz_mip4_roundtrip_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mip4_roundtrip.c fuzz/fuzz_common.h
fuzz_replay_fuzz_mip4_roundtrip_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mip4_roundtrip_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mip4_roundtrip_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mip4_roundtrip_LDFLAGS = -static

fuzz_replay_fuzz_mh_decode_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mh_decode.c fuzz/fuzz_common.h
fuzz_replay_fuzz_mh_decode_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mh_decode_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mh_decode_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mh_decode_LDFLAGS = -static

fuzz_replay_fuzz_mh_opt_iter_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mh_opt_iter.c fuzz/fuzz_common.h
fuzz_replay_fuzz_mh_opt_iter_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mh_opt_iter_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mh_opt_iter_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mh_opt_iter_LDFLAGS = -static

fuzz_replay_fuzz_mh_roundtrip_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mh_roundtrip.c fuzz/fuzz_common.h
fuzz_replay_fuzz_mh_roundtrip_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mh_roundtrip_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mh_roundtrip_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mh_roundtrip_LDFLAGS = -static

# The differential target links the reference matcher of the tests.
fuzz_replay_fuzz_policy_diff_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_policy_diff.c fuzz/fuzz_common.h \
	tests/policy_ref.c tests/policy_ref.h
fuzz_replay_fuzz_policy_diff_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_policy_diff_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_policy_diff_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_policy_diff_LDFLAGS = -static

EXTRA_DIST += fuzz/corpus \
	fuzz/fuzz_mip4_decode.dict fuzz/fuzz_ts_decode.dict fuzz/fuzz_mip4_roundtrip.dict \
	fuzz/fuzz_policy_diff.dict \
	fuzz/fuzz_mh_decode.dict fuzz/fuzz_mh_opt_iter.dict fuzz/fuzz_mh_roundtrip.dict \
	fuzz/oss-fuzz/build.sh fuzz/make_corpus.sh fuzz/README.md

# ---------------------------------------------------------------- libFuzzer (make fuzz)
# Each binary is one clang invocation over the library sources and the target,
# instrumented as a whole; it does not use the libtool-built library.
FUZZ_CC = clang
FUZZ_SANFLAGS = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = $(FUZZ_SANFLAGS) -g -O1 -std=c99 $(WARNCFLAGS) -Wno-unknown-warning-option
FUZZ_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir)/include -I$(top_builddir) -DMIPFB_STATICLIB
FUZZ_OUT = fuzz/out
FUZZ_SECONDS = 20
FUZZ_FLAGS = -timeout=5 -print_final_stats=1

FUZZ_BINS = $(FUZZ_OUT)/fuzz_mip4_decode $(FUZZ_OUT)/fuzz_ts_decode $(FUZZ_OUT)/fuzz_mip4_roundtrip \
	$(FUZZ_OUT)/fuzz_policy_diff \
	$(FUZZ_OUT)/fuzz_mh_decode $(FUZZ_OUT)/fuzz_mh_opt_iter $(FUZZ_OUT)/fuzz_mh_roundtrip
FUZZ_DEPS = $(MIPFB_LIB_SOURCES) $(MIPFB_LIB_PRIVATE_H) $(mipfbinclude_HEADERS) \
	include/mipfb/version.h include/mipfb/config.h fuzz/fuzz_common.h

fuzz: $(FUZZ_BINS)

# $(1) would be nicer; automake wants portable rules, so one rule per target.
$(FUZZ_OUT)/fuzz_mip4_decode: fuzz/fuzz_mip4_decode.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mip4_decode.c -o $@

$(FUZZ_OUT)/fuzz_ts_decode: fuzz/fuzz_ts_decode.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_ts_decode.c -o $@

$(FUZZ_OUT)/fuzz_mip4_roundtrip: fuzz/fuzz_mip4_roundtrip.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mip4_roundtrip.c -o $@

$(FUZZ_OUT)/fuzz_mh_decode: fuzz/fuzz_mh_decode.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mh_decode.c -o $@

$(FUZZ_OUT)/fuzz_mh_opt_iter: fuzz/fuzz_mh_opt_iter.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mh_opt_iter.c -o $@

$(FUZZ_OUT)/fuzz_mh_roundtrip: fuzz/fuzz_mh_roundtrip.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mh_roundtrip.c -o $@

$(FUZZ_OUT)/fuzz_policy_diff: fuzz/fuzz_policy_diff.c tests/policy_ref.c tests/policy_ref.h $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_policy_diff.c \
	  $(top_srcdir)/tests/policy_ref.c -o $@

# Fuzz each target for FUZZ_SECONDS on a copy of its corpus (fuzz/out/corpus-<t>/,
# kept between runs), with its dictionary. Crash inputs land in
# fuzz/out/crash-<t>-*; the log of each run in fuzz/out/<t>.log.
fuzz-run: fuzz
	@fail=0; \
	for t in $(FUZZ_TARGETS); do \
	  $(MKDIR_P) $(FUZZ_OUT)/corpus-$$t || exit 1; \
	  cp $(top_srcdir)/fuzz/corpus/$$t/* $(FUZZ_OUT)/corpus-$$t/ || exit 1; \
	  chmod u+w $(FUZZ_OUT)/corpus-$$t/* ; \
	  echo "fuzz-run: $$t for $(FUZZ_SECONDS) s"; \
	  if $(FUZZ_OUT)/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	       -dict=$(top_srcdir)/fuzz/$$t.dict -artifact_prefix=$(FUZZ_OUT)/crash-$$t- \
	       $(FUZZ_OUT)/corpus-$$t > $(FUZZ_OUT)/$$t.log 2>&1; then \
	    grep -E '^Done|stat::number_of_executed_units|stat::peak_rss' $(FUZZ_OUT)/$$t.log | tr '\n' ' '; echo; \
	  else \
	    echo "fuzz-run: $$t FAILED, see $(FUZZ_OUT)/$$t.log:"; tail -n 40 $(FUZZ_OUT)/$$t.log; fail=1; \
	  fi; \
	done; \
	exit $$fail

# ---------------------------------------------------------------- agents (issue 5)
# fuzz_ha4 / fuzz_mn4: the home agent and the mobile node driven by a script
# (fuzz/fuzz_agent_script.[ch]: fake host, hook replicas, script reading).
FUZZ_TARGETS += fuzz_ha4 fuzz_mn4
check_PROGRAMS += fuzz/replay_fuzz_ha4 fuzz/replay_fuzz_mn4
FUZZ_AGENT_SOURCES = fuzz/fuzz_agent_script.c fuzz/fuzz_agent_script.h fuzz/fuzz_common.h

fuzz_replay_fuzz_ha4_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_ha4.c $(FUZZ_AGENT_SOURCES)
fuzz_replay_fuzz_ha4_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_ha4_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_ha4_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_ha4_LDFLAGS = -static

fuzz_replay_fuzz_mn4_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_mn4.c $(FUZZ_AGENT_SOURCES)
fuzz_replay_fuzz_mn4_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_mn4_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_mn4_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_mn4_LDFLAGS = -static

EXTRA_DIST += fuzz/fuzz_ha4.dict fuzz/fuzz_mn4.dict

fuzz: $(FUZZ_OUT)/fuzz_ha4 $(FUZZ_OUT)/fuzz_mn4

$(FUZZ_OUT)/fuzz_ha4: fuzz/fuzz_ha4.c fuzz/fuzz_agent_script.c fuzz/fuzz_agent_script.h $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_ha4.c \
	  $(top_srcdir)/fuzz/fuzz_agent_script.c -o $@

$(FUZZ_OUT)/fuzz_mn4: fuzz/fuzz_mn4.c fuzz/fuzz_agent_script.c fuzz/fuzz_agent_script.h $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_mn4.c \
	  $(top_srcdir)/fuzz/fuzz_agent_script.c -o $@

# ---------------------------------------------------------------- packets (issue 4)
# fuzz_flow_burst: the packet parser on raw bytes and the HA table's burst
# classification against the one-packet path.
FUZZ_TARGETS += fuzz_flow_burst
check_PROGRAMS += fuzz/replay_fuzz_flow_burst

fuzz_replay_fuzz_flow_burst_SOURCES = fuzz/fuzz_main.c fuzz/fuzz_flow_burst.c fuzz/fuzz_common.h
fuzz_replay_fuzz_flow_burst_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS)
fuzz_replay_fuzz_flow_burst_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_fuzz_flow_burst_LDADD = lib/libmipfb.la
fuzz_replay_fuzz_flow_burst_LDFLAGS = -static

EXTRA_DIST += fuzz/fuzz_flow_burst.dict

fuzz: $(FUZZ_OUT)/fuzz_flow_burst

$(FUZZ_OUT)/fuzz_flow_burst: fuzz/fuzz_flow_burst.c $(FUZZ_DEPS)
	@$(MKDIR_P) $(FUZZ_OUT)
	$(AM_V_CCLD)srcs=; for s in $(MIPFB_LIB_SOURCES); do srcs="$$srcs $(top_srcdir)/$$s"; done; \
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $$srcs $(top_srcdir)/fuzz/fuzz_flow_burst.c -o $@

fuzz-clean:
	-rm -rf $(FUZZ_OUT)

.PHONY: fuzz fuzz-run fuzz-clean
