// SQLite helpers for tests that look inside a store file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace casus::testing {

// The first column of the first row of `sql` run read-only on the file at
// `path`, or -1 when the statement fails or returns no row.
inline int64_t SqlScalar(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

}  // namespace casus::testing
