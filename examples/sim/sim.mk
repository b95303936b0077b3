# The libmipfb simulator (issue 5): HA, MN and FA over an in-memory
# network with a virtual clock, driven by examples/sim/figure2.scn.
# Built with `make` (not installed), run by `make demo` and `make check`.
noinst_PROGRAMS = examples/sim/mipfb-sim
examples_sim_mipfb_sim_SOURCES = \
	examples/sim/sim_main.c \
	examples/sim/sim_net.c examples/sim/sim_net.h \
	examples/sim/sim_host.c examples/sim/sim_host.h \
	examples/sim/sim_world.c examples/sim/sim_world.h \
	examples/sim/sim_print.c examples/sim/sim_print.h \
	examples/sim/sim_traffic.c examples/sim/sim_traffic.h \
	examples/sim/sim_scenario.c examples/sim/sim_scenario.h
examples_sim_mipfb_sim_CPPFLAGS = $(AM_CPPFLAGS) -DMIPFB_STATICLIB
examples_sim_mipfb_sim_CFLAGS = $(C99FLAG) $(WARNCFLAGS)
examples_sim_mipfb_sim_LDADD = lib/libmipfb.la
examples_sim_mipfb_sim_LDFLAGS = -static
EXTRA_DIST += examples/sim/figure2.scn examples/sim/simultaneous.scn examples/sim/sim_test.sh
TESTS += examples/sim/sim_test.sh
