// Counts heap allocations by interposing glibc's allocator entry points: the executable's definitions win over
// libc's at dynamic link time, and each forwards to glibc's own __libc_* implementation. Linked only into the
// benchmark executable, which reports allocations per block on the real-time paths (the target is zero).

#include "attendant_allocation_counter.h"

#include <errno.h>
#include <malloc.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static uint64_t allocationCount;

static inline void countAllocation(void) {
    __atomic_fetch_add(&allocationCount, 1, __ATOMIC_RELAXED);
}

uint64_t attendant_allocation_count(void) {
    return __atomic_load_n(&allocationCount, __ATOMIC_RELAXED);
}

uint64_t attendant_heap_bytes_in_use(void) {
    return mallinfo2().uordblks;
}

void *malloc(size_t size) {
    countAllocation();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    countAllocation();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    countAllocation();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    countAllocation();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    countAllocation();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    countAllocation();
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

void free(void *pointer) {
    __libc_free(pointer);
}
