#ifndef ATTENDANT_CSNDFILE_SHIM_H
#define ATTENDANT_CSNDFILE_SHIM_H

#include <sndfile.h>

#endif
