# Entry point for a fresh checkout: installs missing build tools (as root,
# with apt-get; otherwise prints the command), runs autoreconf, configures
# into $(BUILD)/ and runs the target there. Packagers can ignore this file:
#   autoreconf -fi && ./configure && make && make install
# (an in-tree ./configure replaces this Makefile with the generated one).
BUILD ?= build
CONFIGURE_FLAGS ?= --enable-werror
DEPS ?= core

TARGETS = all check demo bench doc check-be fuzz install uninstall dist distcheck clean

.PHONY: $(TARGETS) deps distclean

all:

$(TARGETS): $(BUILD)/config.status
	+$(MAKE) -C $(BUILD) $@

$(BUILD)/config.status: configure
	@mkdir -p $(BUILD)
	cd $(BUILD) && ../configure $(CONFIGURE_FLAGS)

configure: configure.ac Makefile.am lib/sources.mk tests/tests.mk fuzz/fuzz.mk bench/bench.mk doc/doc.mk examples/demo.mk tools/mipfb/sources.mk .deps-ok
	autoreconf -fi
	@touch configure

.deps-ok: scripts/install-deps.sh
	sh scripts/install-deps.sh $(DEPS)
	@touch $@

deps:
	sh scripts/install-deps.sh $(DEPS)

distclean:
	rm -rf $(BUILD) .deps-ok
