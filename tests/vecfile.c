/* vector files */
typedef int mipfb_vecfile_placeholder;
