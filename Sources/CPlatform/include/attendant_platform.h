#ifndef ATTENDANT_PLATFORM_H
#define ATTENDANT_PLATFORM_H

#include <stdbool.h>

/// Whether this CPU runs AVX2 and FMA instructions (always false off x86-64).
bool attendant_cpu_has_avx2_fma(void);

#endif
