#ifndef ATTENDANT_CFLITE_SHIM_H
#define ATTENDANT_CFLITE_SHIM_H

#include <flite/flite.h>

// flite ships no pkg-config file and no header for its voices: each voice library exports one registration
// function, declared here.
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);

#endif
