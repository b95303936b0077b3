/* placeholder */
typedef int mipfb_placeholder_codepoints;
