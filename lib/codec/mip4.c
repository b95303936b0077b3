/* placeholder */
typedef int mipfb_placeholder_mip4;
