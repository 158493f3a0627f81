// Averaged perceptron (training) and the compact, quantised weight table the
// tagger and parser use at run time.
//
// Features are 64-bit hashes. Training keeps a sparse row of (class, weight)
// per feature with lazy averaging (Collins 2002; Daume's trick). Compile()
// averages, prunes weights that round to zero and quantises to int16, giving a
// WeightTable: an open-addressing table keyed by 32 bits of the feature hash,
// pointing into a packed array of (class, weight) entries.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "casus/status.h"
#include "syntax/binary_io.h"

namespace casus::syntax {

// Memory for `bytes` (at least 1), freed with std::free; throws std::bad_alloc.
void* AllocateHuge(size_t bytes);

// Allocates large arrays on 2 MiB boundaries and asks Linux for transparent
// huge pages: the weight tables are read at random, and with 4 KiB pages
// most lookups would also miss the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) { return static_cast<T*>(AllocateHuge(n * sizeof(T))); }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};
class WeightTable {
 public:
  // Adds the weights of `feats` to scores[0..num_classes) (int32, caller zeroes).
  void Score(const uint64_t* feats, int n, int32_t* scores) const;
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_entries() const { return entries_.size(); }

  void Save(BinaryWriter* w) const;
  // Reads a table written by Save(); false (and r->Fail()) on malformed data.
  bool Load(BinaryReader* r);

 private:
  friend class AveragedPerceptron;
#pragma pack(push, 1)
  struct Entry {
    uint8_t cls;
    int16_t w;
  };
#pragma pack(pop)
  struct Slot {
    uint32_t key;    // 0 = empty
    uint32_t where;  // offset << 8 | count, or (dense row + 1) << 8 (count 0)
  };
  static uint32_t Key(uint64_t h) { return static_cast<uint32_t>(h >> 32) | 1u; }
  size_t SlotOf(uint32_t key) const { return (key * 0x9E3779B1u) >> shift_; }
  // Rows with at least this many weights are stored dense.
  static constexpr uint32_t kMinDense = 8;
  // Builds slots_ from the (key, offset, count) of each feature, then moves
  // the rows that have weights for many classes to dense_.
  void BuildIndex(const std::vector<uint32_t>& keys, const std::vector<uint32_t>& where);

  int num_classes_ = 0;
  size_t num_features_ = 0;
  int shift_ = 32;
  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  std::vector<Entry, HugePageAllocator<Entry>> entries_;
  // Rows with at least kMinDense weights, as padded_ int16 values each (one
  // SIMD add per row instead of a scatter). The sparse entries of these rows
  // stay in entries_ for Save().
  int padded_ = 0;
  std::vector<int16_t, HugePageAllocator<int16_t>> dense_;
};

class AveragedPerceptron {
 public:
  explicit AveragedPerceptron(int num_classes);
  // scores[c] = sum of current weights (not averaged) of feats for class c.
  void Score(std::span<const uint64_t> feats, float* scores) const;
  // Moves weights towards `truth` and away from `guess` (no-op if equal).
  void Update(std::span<const uint64_t> feats, int truth, int guess, float amount = 1.0f);
  // Adds `delta` to the weights of `feats` for class `cls` (global training).
  void Add(std::span<const uint64_t> feats, int cls, float delta);
  // Advances the averaging clock by one instance.
  void Tick() { ++now_; }
  int num_classes() const { return num_classes_; }
  // Averages and quantises to int16 (the largest weights map to +-30000).
  // Weights whose quantised magnitude is below `min_abs` are dropped, and so
  // are features left without weights.
  WeightTable Compile(int min_abs = 1) const;
  // The smallest min_abs for Compile() that keeps at most `max_weights`
  // weights (1 when they all fit).
  int MinAbsForBudget(size_t max_weights) const;

 private:
  struct Entry {
    int cls;
    float w;
    double acc;
    int64_t ts;
  };
  float Average(const Entry& e) const;
  float Scale() const;
  uint32_t FindOrAdd(uint64_t key);
  int64_t Find(uint64_t key) const;

  int num_classes_;
  int64_t now_ = 1;
  std::vector<uint64_t> keys_;      // open addressing; 0 = empty
  std::vector<uint32_t> rows_of_;   // slot -> row
  size_t used_ = 0;
  std::vector<std::vector<Entry>> rows_;
};

}  // namespace casus::syntax
