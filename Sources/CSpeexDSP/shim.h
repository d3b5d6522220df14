#ifndef ATTENDANT_CSPEEXDSP_SHIM_H
#define ATTENDANT_CSPEEXDSP_SHIM_H

#include <speex/speex_resampler.h>

#endif
