/* placeholder */
typedef int mipfb_placeholder_ts;
