/* placeholder */
typedef int mipfb_placeholder_md5;
