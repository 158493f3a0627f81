// casus: the embedded event store (SQLite, WAL mode).
//
// Tables: documents, sentences (+ the FTS5 index sentences_fts), events (one
// row per coded mention), dedup_events (GDELT-style deduplicated events),
// actors (docs/storage.md). Storing a document replaces everything stored
// before under the same id, so coding the same input twice leaves the store
// unchanged. Deduplicated events are brought up to date at every Commit(), so
// readers never see them out of step with the mentions, except during a bulk
// load into an empty store, which builds them (and the secondary indexes and
// the FTS5 index) once, at Finish() or when the store is closed
// (docs/storage.md). An EventStore is not
// thread-safe: use one per thread; SQLite's WAL lets readers and one writer
// share the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  int64_t dedup_events = 0;         // deduplicated events (0 on a version-1 file)
  std::vector<RootCount> by_root;   // every root with events, in root order
  std::vector<DyadCount> top_dyads; // most events first
};

// The schema version this build writes; older files are migrated on a
// read-write Open().
inline constexpr int kStoreSchemaVersion = 4;

struct StoreOptions {
  bool read_only = false;
  // Days per deduplication window (1 = the same day). 0 keeps the window the
  // file already has (1 for a new file). A different value rebuilds every
  // deduplicated event. Ignored when read_only.
  int dedup_window_days = 0;
  // Bulk load: when the first write finds the store without documents, the
  // secondary indexes, deduplicated events, country-day sums and the FTS5
  // index are built once at Finish() (or when the store is closed) instead of
  // at every commit (docs/storage.md). Off: every commit maintains them.
  bool bulk_load = true;
};

class EventStore {
 public:
  ~EventStore();
  // Opens or creates the store at `path` and brings its schema up to date.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path, bool read_only = false);
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path,
                                                  const StoreOptions& options);

  // Groups the following writes in one transaction (much faster).
  Status Begin();
  // Brings the deduplicated events up to date (not during a bulk load),
  // then commits.
  Status Commit();
  // Replaces the document `doc.id` with this document, its sentences and events.
  Status PutDocument(const Document& doc, const std::vector<Sentence>& sentences,
                     const std::vector<Event>& events);
  // Commits, then completes what a bulk load left to the end (indexes,
  // deduplicated events, country days, FTS5). The destructor does the same;
  // call it to see the error. Later writes are stored as usual.
  Status Finish();
  // True while a bulk load is in progress (see StoreOptions::bulk_load).
  bool bulk_loading() const { return bulk_; }
  // Counts for `casus stats`; `top` dyads at most.
  Result<StoreStats> Stats(int top) const;
  // Recomputes every deduplicated event from the mentions (e.g. after the
  // window changed). REQUIRES: opened read-write.
  Status RebuildDedup();
  // The deduplication window in days, as stored in the file.
  int dedup_window_days() const { return window_days_; }
  // The schema version of the file (kStoreSchemaVersion once migrated).
  int schema_version() const { return schema_version_; }

 private:
  struct PendingActor {
    std::string example;
  };
  // The mentions of one deduplicated event stored in this transaction.
  struct PendingDedup {
    std::string root, plover, first_date, last_date;
    int quad_class = 0;
    double goldstein = 0;
    int min_sent = 0;
    int64_t first_event = 0;
    int64_t mentions = 0;
    // Distinct articles and outlets: nearly always one or two, so a short
    // list is cheaper than a hash set.
    std::vector<std::string> docs, outlets;
  };
  // One asserted mention stored during a bulk load (ids index names_).
  struct BulkMention {
    uint32_t source, target, code, date, root, plover, doc;
    int32_t sent_index;
    int32_t quad_class;
    double goldstein;
    int64_t event_id;
  };
  // Where a document of the bulk load is: its sequence number (index of
  // bulk_outlet_) and its events' ids (contiguous).
  struct BulkDoc {
    uint32_t seq = 0;
    int64_t first_event = 0, last_event = -1;
  };
  EventStore() = default;
  // Enters a bulk load when the store has no documents (own transaction).
  Status MaybeStartBulk();
  // Builds what the bulk load deferred, in its own transaction.
  Status FinishBulk();
  Status WriteActors();
  uint32_t Intern(const std::string& s);
  Status Exec(const char* sql);
  Status Step(sqlite3_stmt* s, const char* what);
  Status Prepare(const char* sql, sqlite3_stmt** stmt);
  Status Error(const char* what) const;
  Status Migrate(int from_version);
  Status PrepareWriters();
  // Remembers that the deduplicated event holding this mention must be recomputed.
  void MarkDirty(const std::string& date, const std::string& source, const std::string& target,
                 const std::string& code);
  std::string DedupKey(const std::string& date, const std::string& source,
                       const std::string& target, const std::string& code) const;
  Status RefreshDedup();
  // Writes one document (PutDocument without the transaction handling).
  Status WriteDocument(const Document& doc, const std::vector<Sentence>& sentences,
                       const std::vector<Event>& events);
  // After a failed document: rolls the transaction back and writes the
  // documents stored before in it again (tx_docs_).
  Status Replay();
  // Forgets the bulk-load state of a rolled-back transaction.
  void UndoBulkTx();
  // Month buckets (YYYYMM) used in this transaction, written to `months`
  // before the deduplicated events are recounted.
  void AddMonth(int month);
  Status WriteMonths();
  // country_days: changes gathered per document, then per transaction.
  void AddCountryDay(const std::string& date, const std::string& source,
                     const std::string& target, int quad_class, int64_t events,
                     double goldstein);
  Status RefreshCountryDays();
  Status RebuildCountryDays();
  // Sentence ids above fts_mark_ are not in the FTS5 index yet.
  Status MarkSentences();
  Status IndexNewSentences();
  sqlite3* db_ = nullptr;
  std::string path_;
  sqlite3_stmt* has_doc_ = nullptr;
  sqlite3_stmt* del_events_ = nullptr;
  sqlite3_stmt* del_sentences_ = nullptr;
  sqlite3_stmt* put_doc_ = nullptr;
  sqlite3_stmt* put_sentence_ = nullptr;
  sqlite3_stmt* put_event_ = nullptr;
  sqlite3_stmt* old_events_ = nullptr;
  sqlite3_stmt* dedup_agg_ = nullptr;
  sqlite3_stmt* dedup_put_ = nullptr;
  sqlite3_stmt* dedup_del_ = nullptr;
  sqlite3_stmt* dedup_ins_ = nullptr;
  sqlite3_stmt* country_put_ = nullptr;
  sqlite3_stmt* country_del_ = nullptr;
  sqlite3_stmt* put_actor_ = nullptr;
  sqlite3_stmt* fts_mark_stmt_ = nullptr;
  sqlite3_stmt* fts_add_ = nullptr;
  sqlite3_stmt* fts_del_ = nullptr;
  sqlite3_stmt* fts_has_ = nullptr;
  sqlite3_stmt* put_month_ = nullptr;
  int64_t fts_mark_ = 0;
  bool bulk_decided_ = false;
  bool bulk_ = false;
  bool bulk_allowed_ = true;
  // Bulk load state: strings by id, mentions, documents (by id and by
  // sequence number: outlet id, or kNoOutlet | seq), dropped documents.
  std::unordered_map<std::string, uint32_t> name_ids_;
  std::vector<std::string> names_;
  std::vector<BulkMention> bulk_mentions_;
  std::unordered_map<std::string, BulkDoc> bulk_docs_;
  std::vector<uint32_t> bulk_outlet_;
  std::vector<char> bulk_dead_;
  // Undo log of the open transaction (a failed document rolls it back).
  size_t tx_mentions_ = 0, tx_seqs_ = 0;
  std::vector<std::pair<std::string, BulkDoc>> tx_doc_undo_;  // seq == UINT32_MAX: absent
  std::vector<uint32_t> tx_dead_;
  sqlite3_stmt* bulk_del_events_ = nullptr;
  int bulk_lock_fd_ = -1;  // flock on "<path>-bulk" while bulk loading
  bool in_tx_ = false;
  int window_days_ = 1;
  int schema_version_ = 0;
  // Keys "window_start\x1fsource\x1ftarget\x1fcode" touched since the last refresh.
  std::unordered_set<std::string> dirty_;
  // New mentions of this transaction by key (see RefreshDedup).
  std::unordered_map<std::string, PendingDedup> pending_;
  std::vector<std::string> doc_keys_;  // keys of the document being stored
  std::vector<int> months_;
  // The documents of the open transaction, kept to write them again after
  // a failed document (see Replay); not replayable after RebuildDedup.
  struct TxDocument {
    Document doc;
    std::vector<Sentence> sentences;
    std::vector<Event> events;
  };
  std::vector<TxDocument> tx_docs_;
  bool replayable_ = true;
  struct CountryDayDelta {
    int64_t events = 0;
    double goldstein = 0;
  };
  std::unordered_map<std::string, CountryDayDelta> country_days_, doc_country_days_;
  // Bulk load: changes to documents another writer stored meanwhile.
  std::unordered_set<std::string> bulk_dirty_;
  std::unordered_map<std::string, CountryDayDelta> bulk_country_days_;
  std::unordered_map<std::string, PendingActor> new_actors_;
};

}  // namespace casus
