// casus: the embedded event store (SQLite, WAL mode).
//
// Tables: documents, sentences, events (docs/storage.md). Storing a document
// replaces everything stored before under the same id, so coding the same
// input twice leaves the store unchanged. An EventStore is not thread-safe:
// use one per thread; SQLite's WAL lets readers and one writer share the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "casus/event.h"
#include "casus/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace casus {

struct RootCount {
  std::string root;
  std::string label;
  int64_t events = 0;
};

struct DyadCount {
  std::string source;
  std::string target;
  int64_t events = 0;
};

struct StoreStats {
  int64_t articles = 0;
  int64_t sentences = 0;
  int64_t events = 0;
  std::vector<RootCount> by_root;   // every root with events, in root order
  std::vector<DyadCount> top_dyads; // most events first
};

class EventStore {
 public:
  ~EventStore();
  // Opens or creates the store at `path` and brings its schema up to date.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path, bool read_only = false);

  // Groups the following writes in one transaction (much faster).
  Status Begin();
  Status Commit();
  // Replaces the document `doc.id` with this document, its sentences and events.
  Status PutDocument(const Document& doc, const std::vector<Sentence>& sentences,
                     const std::vector<Event>& events);
  // Counts for `casus stats`; `top` dyads at most.
  Result<StoreStats> Stats(int top) const;

 private:
  EventStore() = default;
  Status Exec(const char* sql);
  Status Prepare(const char* sql, sqlite3_stmt** stmt);
  Status Error(const char* what) const;

  sqlite3* db_ = nullptr;
  std::string path_;
  sqlite3_stmt* del_events_ = nullptr;
  sqlite3_stmt* del_sentences_ = nullptr;
  sqlite3_stmt* put_doc_ = nullptr;
  sqlite3_stmt* put_sentence_ = nullptr;
  sqlite3_stmt* put_event_ = nullptr;
  bool in_tx_ = false;
};

}  // namespace casus
