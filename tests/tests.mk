# Tests: Check suites (tests/mipfb_test), the Check-free vector runner
# (also cross-built for big-endian MIPS by `make check-be`), shell tests.
TESTS =
check_PROGRAMS =
EXTRA_DIST += tests/classify_test.sh tests/classify_test.py tests/interop_lib.sh
EXTRA_DIST += tests/cli_lib.sh tests/cli_mh_test.sh tests/interop_mh.sh tests/vecfile.py
EXTRA_DIST += tests/vectors tests/noalloc.sh tests/cli_test.sh tests/interop_tshark.sh tests/fuzz_replay.sh tests/check_be.sh \
	tests/be/check.h tests/be/minicheck.c

if HAVE_CHECK
check_PROGRAMS += tests/mipfb_test
TESTS += tests/mipfb_test
endif
tests_mipfb_test_SOURCES = \
	tests/check_main.c \
	tests/test_helper.c tests/test_helper.h \
	tests/core_test.c \
	tests/md5_test.c \
	tests/ts_test.c \
	tests/policy_test.c tests/policy_ref.c tests/policy_ref.h \
	tests/ha_table_test.c \
	tests/mip4_test.c \
	tests/mh_test.c \
	tests/mh_flow_test.c \
	tests/mh_pmip_test.c \
	tests/mh_util.c tests/mh_util.h \
	tests/fake_host.c tests/fake_host.h \
	$(TESTS_HA4) $(TESTS_MN4) $(TESTS_FA4)
# Agent suites, one list per role.
TESTS_HA4 = tests/ha4_test.c tests/ha4_binding_test.c tests/ha4_image_test.c tests/ha4_util.c tests/ha4_util.h
TESTS_MN4 = tests/mn4_test.c
TESTS_FA4 = tests/fa4_test.c
tests_mipfb_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib -DMIPFB_STATICLIB \
	-DVECTOR_DIR='"$(abs_top_srcdir)/tests/vectors"'
tests_mipfb_test_CFLAGS = $(WARNCFLAGS) $(CHECK_CFLAGS)
tests_mipfb_test_LDADD = lib/libmipfb.la $(CHECK_LIBS)
tests_mipfb_test_LDFLAGS = -static

# Check-free runner over tests/vectors/*.vec (known answers, round trips,
# every truncation); portable C99 so it runs under qemu on big-endian MIPS.
check_PROGRAMS += tests/vectors_run
TESTS += tests/vectors_check.sh
tests_vectors_run_SOURCES = tests/vectors_run.c tests/vecfile.c tests/vecfile.h
tests_vectors_run_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
tests_vectors_run_CFLAGS = $(C99FLAG) $(WARNCFLAGS)
tests_vectors_run_LDADD = lib/libmipfb.la
tests_vectors_run_LDFLAGS = -static
EXTRA_DIST += tests/vectors_check.sh

TESTS += tests/noalloc.sh
if ENABLE_TOOLS
TESTS += tests/cli_test.sh tests/cli_mh_test.sh tests/interop_tshark.sh tests/interop_mh.sh tests/classify_test.sh
endif
TESTS_ENVIRONMENT = top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	LIBMIPFB_A='$(abs_top_builddir)/lib/.libs/libmipfb.a' MIPFB='$(abs_top_builddir)/tools/mipfb/mipfb'

# Cross-build the library and the vector runner for 32-bit big-endian MIPS
# and run the same vectors under qemu-mips. Exit 77 from the script (tools
# missing, never under CI=true) is a skip, not a failure.
check-be:
	@rc=0; top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(top_srcdir)/tests/check_be.sh || rc=$$?; \
	if test $$rc -eq 77; then echo "check-be: skipped (cross tools missing)"; exit 0; fi; \
	exit $$rc
.PHONY: check-be
