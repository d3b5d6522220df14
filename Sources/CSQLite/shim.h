#ifndef ATTENDANT_CSQLITE_SHIM_H
#define ATTENDANT_CSQLITE_SHIM_H

#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a cast of -1 to a function pointer, which Swift cannot import: binding text with this
/// destructor makes SQLite copy it before the call returns.
static inline sqlite3_destructor_type attendant_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
