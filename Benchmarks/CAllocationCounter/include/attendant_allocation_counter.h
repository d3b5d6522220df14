#ifndef ATTENDANT_ALLOCATION_COUNTER_H
#define ATTENDANT_ALLOCATION_COUNTER_H

#include <stdint.h>

/// How many times malloc, calloc, realloc, posix_memalign, aligned_alloc or memalign have been called in this
/// process, on any thread, since it started. Only binaries that link this target count; elsewhere the symbols
/// are not present.
uint64_t attendant_allocation_count(void);

/// Bytes of heap currently allocated through glibc's malloc (`mallinfo2().uordblks`), for measuring what an
/// object costs: the difference across creating it.
uint64_t attendant_heap_bytes_in_use(void);

#endif
