MIPFB_TOOL_SOURCES = tools/mipfb/main.c
