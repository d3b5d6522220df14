#ifndef ATTENDANT_CALSA_SHIM_H
#define ATTENDANT_CALSA_SHIM_H

#include <alsa/asoundlib.h>

/// ALSA's default error handler prints to stderr from whatever thread hits the error; its type is variadic, so
/// Swift cannot provide one. This handler swallows the message: errors reach Swift as return codes instead.
static void attendant_alsa_silent_error_handler(const char *file, int line, const char *function, int err,
                                                const char *fmt, ...) {
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}

/// Routes ALSA's library messages to `attendant_alsa_silent_error_handler`. Returns 0 or a negative errno.
static inline int attendant_alsa_silence_errors(void) {
    return snd_lib_error_set_handler(attendant_alsa_silent_error_handler);
}

#endif
