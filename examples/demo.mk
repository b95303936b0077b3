# `make demo`: the mipfb tool on the bundled example messages (examples/demo/).
DEMO_DIR = $(srcdir)/examples/demo
DEMO_FILES = \
	examples/demo/rrq-appendix-a.hex \
	examples/demo/rrp-flow-binding.hex \
	examples/demo/rrq-mtunnel-draft.hex \
	examples/demo/rrq-malformed.hex \
	examples/demo/encode.jsonl \
	examples/demo/figure2-policy.json \
	examples/demo/figure2-policy-wifi-down.json \
	examples/demo/figure2.pcap
EXTRA_DIST += $(DEMO_FILES)

DEMO_MIPFB = $(top_builddir)/tools/mipfb/mipfb
DEMO_PCAP = demo-encoded.pcap

DEMO_SIM = $(top_builddir)/examples/sim/mipfb-sim

# The simulator first (it needs only the library), then the tool part.
demo: all
	@echo '== the simulator (examples/sim): HA, MN and FA over Wi-Fi, LTE and CDMA with a virtual clock;'
	@echo '   RFC 7629 3.1 call flow, the Figure 2 policy, link failures, lifetime expiry, an HA restart:'
	$(DEMO_SIM) $(srcdir)/examples/sim/figure2.scn
	@$(MAKE) $(AM_MAKEFLAGS) demo-tool

if ENABLE_TOOLS
demo-tool: all
	@echo '== wire.md Appendix A Registration Request, MN-HA authenticator checked with key "secret" (SPI 256):'
	$(DEMO_MIPFB) decode --key 256:736563726574 --hex "`cat $(DEMO_DIR)/rrq-appendix-a.hex`"
	@echo '== Registration Reply carrying an RFC 7629 Flow-Binding extension (FORWARD to BID 2, then 1):'
	$(DEMO_MIPFB) decode --hex "`cat $(DEMO_DIR)/rrp-flow-binding.hex`"
	@echo '== draft-02 Multiple Tunnel Request (draft profile: Type 127, 16-bit BID, bandwidth):'
	$(DEMO_MIPFB) decode --profile draft --hex "`cat $(DEMO_DIR)/rrq-mtunnel-draft.hex`"
	@echo '== A malformed request (two Multipath extensions) is rejected with an error object and exit status 1:'
	@echo '$(DEMO_MIPFB) decode --hex "`cat $(DEMO_DIR)/rrq-malformed.hex`"'
	@$(DEMO_MIPFB) decode --hex "`cat $(DEMO_DIR)/rrq-malformed.hex`"; rc=$$?; \
	  if test $$rc -ne 1; then echo "demo: expected exit status 1, got $$rc" >&2; exit 1; fi
	@echo '== encode: JSON (NAI, Multipath, MN-HA key) to hex, authenticator computed:'
	$(DEMO_MIPFB) encode $(DEMO_DIR)/encode.jsonl
	@echo '== encode to a capture (IPv4/UDP 434, checksums), then decode the capture:'
	$(DEMO_MIPFB) encode --pcap $(DEMO_PCAP) $(DEMO_DIR)/encode.jsonl
	$(DEMO_MIPFB) decode --key 256:736563726574 --pcap $(DEMO_PCAP)
	@rm -f $(DEMO_PCAP)
	@echo '== classify: the RFC 7629 Figure 2 policy (BID 1 Wi-Fi, 2 LTE, 3 CDMA; SIP over Wi-Fi else LTE else drop,'
	@echo '   HTTP over LTE else drop, SSH over CDMA else LTE else Wi-Fi) on SIP, HTTP, SSH, HTTPS and DNS packets;'
	@echo '   HTTPS and DNS match no rule and are spread per flow (rendezvous hashing, seed 7):'
	$(DEMO_MIPFB) classify --seed 7 --policy $(DEMO_DIR)/figure2-policy.json --pcap $(DEMO_DIR)/figure2.pcap
	@echo '== the same packets once Wi-Fi (BID 1) is down: SIP falls back to LTE, only the flows that were on Wi-Fi move:'
	$(DEMO_MIPFB) classify --seed 7 --policy $(DEMO_DIR)/figure2-policy-wifi-down.json --pcap $(DEMO_DIR)/figure2.pcap
else
demo-tool:
	@echo 'demo: the mipfb tool is not built (configured with --disable-tools): its part is skipped'
endif
.PHONY: demo demo-tool
