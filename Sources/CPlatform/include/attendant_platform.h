#ifndef ATTENDANT_PLATFORM_H
#define ATTENDANT_PLATFORM_H

#include <stdbool.h>

/// Whether this CPU runs AVX2 and FMA instructions (always false off x86-64).
bool attendant_cpu_has_avx2_fma(void);

/// Names the calling thread for `top -H` and debuggers; Linux keeps the first 15 bytes. Returns 0 or an errno.
/// (pthread_setname_np needs _GNU_SOURCE, which Swift's Glibc module does not import.)
int attendant_set_current_thread_name(const char *name);

#endif
