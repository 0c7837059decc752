// The system SQLite, and non-variadic wrappers for the calls Swift cannot make.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift does not import.
static inline sqlite3_destructor_type kbm_sqlite_transient(void) { return SQLITE_TRANSIENT; }
