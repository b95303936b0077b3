# Source list of the library, for builds without autotools (firmware):
#   cc -std=c99 -Iinclude -I<dir with generated mipfb/config.h, mipfb/version.h> -c $(MIPFB_LIB_SOURCES)
# Paths are relative to the top of the tree.
MIPFB_LIB_SOURCES = \
	lib/core/err.c \
	lib/core/version.c \
	lib/core/md5.c \
	lib/core/cksum.c \
	lib/codec/codepoints.c \
	lib/codec/ts.c \
	lib/codec/mip4.c \
	lib/codec/mip4_decode.c \
	lib/codec/mip4_ext_write.c \
	lib/codec/mip4_auth.c \
	lib/codec/mh_decode.c \
	lib/codec/mh_encode.c \
	lib/codec/mh_opt.c \
	lib/codec/mh_opt_write.c \
	lib/codec/mh_rules.c \
	lib/codec/mh_cksum.c \
	lib/codec/mh_flow.c \
	lib/codec/mh_flow_draft.c \
	lib/codec/mh_flow_rules.c \
	lib/codec/mh_pmip.c \
	lib/codec/mh_pmip_rules.c \
	lib/policy/policy.c \
	lib/policy/rules.c \
	lib/policy/classify.c \
	lib/policy/index.c \
	lib/policy/index_match.c \
	lib/policy/flow_parse.c \
	lib/policy/ha_table.c \
	lib/policy/ha_burst.c \
	lib/agent/agent.c \
	$(MIPFB_HA4_SOURCES) \
	$(MIPFB_MN4_SOURCES) \
	$(MIPFB_FA4_SOURCES)

# The agents, one list per role (lib/agent/).
MIPFB_HA4_SOURCES = lib/agent/ha4.c lib/agent/ha4_cache.c lib/agent/ha4_wheel.c lib/agent/ha4_request.c lib/agent/ha4_apply.c lib/agent/ha4_reply.c lib/agent/ha4_rules.c lib/agent/ha4_query.c lib/agent/ha4_image.c
MIPFB_MN4_SOURCES = lib/agent/mn4.c lib/agent/mn4_send.c lib/agent/mn4_reply.c lib/agent/mn4_timer.c \
	lib/agent/mn4_policy.c lib/agent/mn4_iface.c lib/agent/mn4_tun.c
MIPFB_FA4_SOURCES = lib/agent/fa4.c lib/agent/fa4_pending.c lib/agent/fa4_visitors.c lib/agent/fa4_relay.c

MIPFB_LIB_PRIVATE_H = \
	lib/core/rd.h \
	lib/core/wr.h \
	lib/core/diag.h \
	lib/core/inline.h \
	lib/core/hash.h \
	lib/codec/mip4_ext.h \
	lib/codec/mip4_rules.h \
	lib/codec/mh_int.h \
	lib/codec/codepoints_int.h \
	lib/policy/policy_int.h \
	lib/policy/ha_table_int.h \
	lib/agent/agent_int.h \
	$(MIPFB_HA4_PRIVATE_H) \
	$(MIPFB_MN4_PRIVATE_H) \
	$(MIPFB_FA4_PRIVATE_H)

MIPFB_HA4_PRIVATE_H = lib/agent/ha4_int.h
MIPFB_MN4_PRIVATE_H = lib/agent/mn4_int.h
MIPFB_FA4_PRIVATE_H = lib/agent/fa4_int.h
