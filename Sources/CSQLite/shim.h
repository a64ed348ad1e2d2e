#ifndef AVN_CSQLITE_SHIM_H
#define AVN_CSQLITE_SHIM_H

#include <sqlite3.h>

/*
 * Leaves the write-ahead log to SQLite's automatic checkpoints (every 1,000
 * pages by default) instead of checkpointing, syncing and deleting it when
 * the last connection closes, which would cost every command that writes a
 * few fsyncs. sqlite3_db_config is variadic, which Swift cannot call.
 */
static inline int avn_sqlite_keep_wal(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

#endif
