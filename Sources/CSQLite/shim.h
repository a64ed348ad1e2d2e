#ifndef AVN_CSQLITE_SHIM_H
#define AVN_CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
