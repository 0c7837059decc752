// The system SQLite, and non-variadic wrappers for the calls Swift cannot make.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift does not import.
static inline sqlite3_destructor_type kbm_sqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLITE_STATIC likewise: the bytes stay valid until the statement is reset.
static inline sqlite3_destructor_type kbm_sqlite_static(void) { return SQLITE_STATIC; }

// sqlite3_config is variadic. Without memory statistics SQLite takes no global mutex for each allocation.
static inline int kbm_sqlite_without_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// sqlite3_db_config is variadic too: the options that take an int and report nothing back.
static inline int kbm_sqlite_db_config(sqlite3 *db, int option, int value) { return sqlite3_db_config(db, option, value, (int *)0); }
