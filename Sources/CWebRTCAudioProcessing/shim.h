#ifndef ATTENDANT_CWEBRTCAUDIOPROCESSING_SHIM_H
#define ATTENDANT_CWEBRTCAUDIOPROCESSING_SHIM_H

// webrtc-audio-processing is C++ only. Swift never imports this module: the WebRTCShim target includes the C++
// headers directly and exports a plain C interface. This target exists to carry the pkg-config search paths and
// the link flag.

#endif
