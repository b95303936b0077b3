/* placeholder */
#ifndef MIPFB_CODEC_MIP4_EXT_H
#define MIPFB_CODEC_MIP4_EXT_H
#endif
