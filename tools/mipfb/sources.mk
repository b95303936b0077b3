# Sources of the mipfb command (paths from the top of the tree).
MIPFB_TOOL_SOURCES = \
	tools/mipfb/main.c \
	tools/mipfb/cli.h \
	tools/mipfb/args.c \
	tools/mipfb/cmd_decode.c \
	tools/mipfb/cmd_encode.c \
	tools/mipfb/cmd_classify.c \
	tools/mipfb/policy_json.c \
	tools/mipfb/policy_json.h \
	tools/mipfb/hex.c \
	tools/mipfb/hex.h \
	tools/mipfb/input.c \
	tools/mipfb/input.h \
	tools/mipfb/keys.c \
	tools/mipfb/keys.h \
	tools/mipfb/pctx.c \
	tools/mipfb/pctx.h \
	tools/mipfb/fields.c \
	tools/mipfb/fields.h \
	tools/mipfb/ts_json.c \
	tools/mipfb/ts_json.h \
	tools/mipfb/mip4_schema.c \
	tools/mipfb/mip4_schema.h \
	tools/mipfb/mip4_emit.c \
	tools/mipfb/mip4_emit.h \
	tools/mipfb/mip4_parse.c \
	tools/mipfb/mip4_parse.h \
	tools/mipfb/out.c \
	tools/mipfb/out.h \
	tools/mipfb/pcap_in.c \
	tools/mipfb/pcap_in.h \
	tools/mipfb/pcap_out.c \
	tools/mipfb/pcap_out.h
