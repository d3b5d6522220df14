#ifndef ATTENDANT_CPOCKETSPHINX_SHIM_H
#define ATTENDANT_CPOCKETSPHINX_SHIM_H

#include <pocketsphinx.h>

/// `cmd_ln_init` is variadic; this builds a decoder configuration from an argv-style list of
/// "-name", "value" pairs instead. Returns NULL when an option is unknown or a value is invalid.
static inline cmd_ln_t *attendant_ps_config(int argumentCount, char **arguments) {
    return cmd_ln_parse_r(NULL, ps_args(), argumentCount, arguments, TRUE);
}

/// Where Debian's pocketsphinx-en-us package puts the model.
#define ATTENDANT_PS_MODEL_DIRECTORY "/usr/share/pocketsphinx/model/en-us"

#endif
