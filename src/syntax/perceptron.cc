#include "syntax/perceptron.h"

#include <algorithm>
#include <cmath>
#include <new>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace casus::syntax {

void* AllocateHuge(size_t bytes) {
  constexpr size_t kHuge = size_t(2) << 20;
  if (bytes >= kHuge / 2) {
    const size_t rounded = (bytes + kHuge - 1) & ~(kHuge - 1);
    if (void* p = std::aligned_alloc(kHuge, rounded)) {
#if defined(MADV_HUGEPAGE)
      madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
      return p;
    }
  }
  if (void* p = std::malloc(bytes ? bytes : 1)) return p;
  throw std::bad_alloc();
}

// ---------------------------------------------------------------- WeightTable

namespace {

// scores[0..n) += the sum of rows[0..m)[0..n): loops the compiler vectorizes.
void AddRowsGeneric(const int16_t* const* rows, int m, int n, int32_t* __restrict scores) {
  for (int r = 0; r < m; ++r) {
    const int16_t* __restrict row = rows[r];
    for (int k = 0; k < n; ++k) scores[k] += row[k];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define CASUS_WIDE_ROWS 1
// The same with AVX-512: the sums of up to 128 classes stay in eight
// registers across all the rows (rows are padded to a multiple of 16).
template <int NV>
__attribute__((target("avx512f,avx512bw"))) void AddRowsAvx512(const int16_t* const* rows, int m,
                                                               int n, int32_t* scores) {
  __m512i acc[NV];
  for (int v = 0; v < NV; ++v) acc[v] = _mm512_setzero_si512();
  for (int r = 0; r < m; ++r) {
    const int16_t* row = rows[r];
    for (int v = 0; v < NV; ++v)
      acc[v] = _mm512_add_epi32(
          acc[v], _mm512_maskz_cvtepi16_epi32(
                      __mmask16(0xffff),
                      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + 16 * v))));
  }
  for (int v = 0; v < NV; ++v) {
    const int rest = n - 16 * v;
    const __mmask16 k = rest >= 16 ? __mmask16(0xffff) : __mmask16((1u << rest) - 1);
    __m512i cur = _mm512_maskz_loadu_epi32(k, scores + 16 * v);
    _mm512_mask_storeu_epi32(scores + 16 * v, k, _mm512_add_epi32(cur, acc[v]));
  }
}

// The same with AVX2: up to 128 classes in sixteen registers.
template <int NV>
__attribute__((target("avx2"))) void AddRowsAvx2(const int16_t* const* rows, int m, int n,
                                                 int32_t* scores) {
  __m256i acc[NV];
  for (int v = 0; v < NV; ++v) acc[v] = _mm256_setzero_si256();
  for (int r = 0; r < m; ++r) {
    const int16_t* row = rows[r];
    for (int v = 0; v < NV; ++v)
      acc[v] = _mm256_add_epi32(
          acc[v],
          _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8 * v))));
  }
  alignas(32) int32_t sum[8 * NV];
  for (int v = 0; v < NV; ++v) _mm256_store_si256(reinterpret_cast<__m256i*>(sum + 8 * v), acc[v]);
  for (int k = 0; k < n; ++k) scores[k] += sum[k];
}
#endif

using AddRowsFn = void (*)(const int16_t* const*, int, int, int32_t*);

// The row adder for `padded` classes on this CPU.
AddRowsFn PickAddRows(int padded) {
#ifdef CASUS_WIDE_ROWS
  static const bool avx512 =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
  if (avx512) {
    constexpr AddRowsFn kByBlocks[] = {AddRowsAvx512<1>, AddRowsAvx512<2>, AddRowsAvx512<3>,
                                       AddRowsAvx512<4>, AddRowsAvx512<5>, AddRowsAvx512<6>,
                                       AddRowsAvx512<7>, AddRowsAvx512<8>};
    if (padded >= 16 && padded <= 128) return kByBlocks[padded / 16 - 1];
  }
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) {
    constexpr AddRowsFn kByBlocks[] = {AddRowsAvx2<2>,  AddRowsAvx2<4>,  AddRowsAvx2<6>,
                                       AddRowsAvx2<8>,  AddRowsAvx2<10>, AddRowsAvx2<12>,
                                       AddRowsAvx2<14>, AddRowsAvx2<16>};
    if (padded >= 16 && padded <= 128) return kByBlocks[padded / 16 - 1];
  }
#endif
  (void)padded;
  return AddRowsGeneric;
}

// Whether dense rows of `padded` classes are added in AVX2 or AVX-512
// registers on this CPU.
bool WideRowAdds(int padded) { return PickAddRows(padded) != AddRowsGeneric; }

}  // namespace

void WeightTable::BuildIndex(const std::vector<uint32_t>& keys,
                             const std::vector<uint32_t>& where) {
  size_t cap = 16;
  int bits = 4;
  while (cap < keys.size() * 2) {
    cap <<= 1;
    ++bits;
  }
  shift_ = 32 - bits;
  slots_.assign(cap, Slot{0, 0});
  const size_t mask = cap - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    size_t s = SlotOf(keys[i]);
    while (slots_[s].key != 0 && slots_[s].key != keys[i]) s = (s + 1) & mask;
    slots_[s] = Slot{keys[i], where[i]};  // a duplicate key keeps the last row
  }
  num_features_ = keys.size();
  // Dense rows, in slot order.
  padded_ = (num_classes_ + 15) & ~15;
  // With AVX2 or AVX-512, a dense row costs about as much as a scatter of a
  // few weights; without them (SSE2 only) only rows with weights for half
  // the classes pay.
  const uint32_t min_dense =
      WideRowAdds(padded_) ? kMinDense : static_cast<uint32_t>(std::max(8, num_classes_ / 2));
  size_t ndense = 0;
  for (const Slot& sl : slots_) ndense += sl.key != 0 && (sl.where & 0xff) >= min_dense;
  dense_.assign(ndense * static_cast<size_t>(padded_), 0);
  size_t row = 0;
  for (Slot& sl : slots_) {
    const uint32_t cnt = sl.where & 0xff;
    if (sl.key == 0 || cnt < min_dense) continue;
    int16_t* d = dense_.data() + row * padded_;
    const Entry* e = entries_.data() + (sl.where >> 8);
    for (uint32_t k = 0; k < cnt; ++k) d[e[k].cls] = e[k].w;
    sl.where = static_cast<uint32_t>(++row) << 8;
  }
}

void WeightTable::Score(const uint64_t* feats, int n, int32_t* scores) const {
  if (slots_.empty()) return;
  const int nc = num_classes_;
  const size_t mask = slots_.size() - 1;
  const AddRowsFn add_rows = PickAddRows(padded_);
  constexpr int kBatch = 128;
  uint32_t keys[kBatch];
  size_t pos[kBatch];
  const Entry* sparse[kBatch];
  uint32_t counts[kBatch];
  const int16_t* dense[kBatch];
  for (int b = 0; b < n; b += kBatch) {
    const int m = std::min(kBatch, n - b);
    for (int i = 0; i < m; ++i) {
      keys[i] = Key(feats[b + i]);
      pos[i] = SlotOf(keys[i]);
      __builtin_prefetch(&slots_[pos[i]]);
    }
    int ns = 0, nd = 0;
    for (int i = 0; i < m; ++i) {
      size_t s = pos[i];
      while (true) {
        const Slot& sl = slots_[s];
        if (sl.key == keys[i]) {
          if (sl.where & 0xff) {
            sparse[ns] = entries_.data() + (sl.where >> 8);
            counts[ns++] = sl.where & 0xff;
            __builtin_prefetch(sparse[ns - 1]);
          } else {
            const int16_t* d = dense_.data() + ((sl.where >> 8) - 1) * padded_;
            for (int k = 0; k < padded_; k += 32) __builtin_prefetch(d + k);
            __builtin_prefetch(d + padded_ - 1);
            dense[nd++] = d;
          }
          break;
        }
        if (sl.key == 0) break;  // unknown feature
        s = (s + 1) & mask;
      }
    }
    for (int i = 0; i < ns; ++i) {
      const Entry* e = sparse[i];
      for (uint32_t k = 0; k < counts[i]; ++k) scores[e[k].cls] += e[k].w;
    }
    add_rows(dense, nd, nc, scores);
  }
}

void WeightTable::Save(BinaryWriter* w) const {
  w->U32(static_cast<uint32_t>(num_classes_));
  // Features in slot order: key, count, then the entries.
  // Dense rows are written back as their (sparse) entries, which BuildIndex
  // left in entries_.
  std::vector<const Slot*> used;
  for (const Slot& s : slots_)
    if (s.key) used.push_back(&s);
  uint32_t nent = 0;
  std::vector<std::pair<uint32_t, uint32_t>> rows;  // entries offset, count
  for (const Slot* s : used) {
    uint32_t off = s->where >> 8, cnt = s->where & 0xff;
    if (cnt == 0) {
      const int16_t* d = dense_.data() + (off - 1) * padded_;
      off = ~0u;
      for (int k = 0; k < padded_; ++k) cnt += d[k] != 0;
    }
    rows.emplace_back(off, cnt);
    nent += cnt;
  }
  w->U32(static_cast<uint32_t>(used.size()));
  w->U32(nent);
  for (size_t i = 0; i < used.size(); ++i) {
    w->U32(used[i]->key);
    const uint32_t cnt = rows[i].second;
    w->U8(static_cast<uint8_t>(cnt));
    if (rows[i].first == ~0u) {
      const int16_t* d = dense_.data() + ((used[i]->where >> 8) - 1) * padded_;
      for (int k = 0; k < padded_; ++k)
        if (d[k] != 0) {
          w->U8(static_cast<uint8_t>(k));
          w->I16(d[k]);
        }
      continue;
    }
    const Entry* e = entries_.data() + rows[i].first;
    for (uint32_t k = 0; k < cnt; ++k) {
      w->U8(e[k].cls);
      w->I16(e[k].w);
    }
  }
}

bool WeightTable::Load(BinaryReader* r) {
  num_classes_ = static_cast<int>(r->U32());
  uint32_t nfeat = r->U32();
  uint32_t nent = r->U32();
  if (!r->ok() || num_classes_ <= 0 || num_classes_ > 256 || !r->CountFits(nfeat, 5) ||
      !r->CountFits(nent, 3) || nent >= (1u << 24)) {
    r->Fail();
    return false;
  }
  std::vector<uint32_t> keys(nfeat), where(nfeat);
  entries_.clear();
  entries_.reserve(nent);
  for (uint32_t i = 0; i < nfeat; ++i) {
    keys[i] = r->U32();
    uint32_t cnt = r->U8();
    if (!r->ok() || keys[i] == 0 || cnt == 0 || entries_.size() + cnt > nent) {
      r->Fail();
      return false;
    }
    where[i] = static_cast<uint32_t>(entries_.size()) << 8 | cnt;
    for (uint32_t k = 0; k < cnt; ++k) {
      Entry e;
      e.cls = r->U8();
      e.w = r->I16();
      if (e.cls >= num_classes_) {
        r->Fail();
        return false;
      }
      entries_.push_back(e);
    }
  }
  if (!r->ok() || entries_.size() != nent) {
    r->Fail();
    return false;
  }
  BuildIndex(keys, where);
  return true;
}

// --------------------------------------------------------- AveragedPerceptron

AveragedPerceptron::AveragedPerceptron(int num_classes) : num_classes_(num_classes) {
  keys_.assign(1 << 16, 0);
  rows_of_.assign(1 << 16, 0);
}

int64_t AveragedPerceptron::Find(uint64_t key) const {
  if (key == 0) key = 1;
  const size_t mask = keys_.size() - 1;
  size_t s = Mix64(key) & mask;
  while (true) {
    if (keys_[s] == key) return rows_of_[s];
    if (keys_[s] == 0) return -1;
    s = (s + 1) & mask;
  }
}

uint32_t AveragedPerceptron::FindOrAdd(uint64_t key) {
  if (key == 0) key = 1;
  if ((used_ + 1) * 2 > keys_.size()) {
    std::vector<uint64_t> old_keys;
    std::vector<uint32_t> old_rows;
    old_keys.swap(keys_);
    old_rows.swap(rows_of_);
    keys_.assign(old_keys.size() * 2, 0);
    rows_of_.assign(old_keys.size() * 2, 0);
    const size_t mask = keys_.size() - 1;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (!old_keys[i]) continue;
      size_t s = Mix64(old_keys[i]) & mask;
      while (keys_[s]) s = (s + 1) & mask;
      keys_[s] = old_keys[i];
      rows_of_[s] = old_rows[i];
    }
  }
  const size_t mask = keys_.size() - 1;
  size_t s = Mix64(key) & mask;
  while (true) {
    if (keys_[s] == key) return rows_of_[s];
    if (keys_[s] == 0) break;
    s = (s + 1) & mask;
  }
  keys_[s] = key;
  rows_of_[s] = static_cast<uint32_t>(rows_.size());
  rows_.emplace_back();
  ++used_;
  return rows_of_[s];
}

void AveragedPerceptron::Score(std::span<const uint64_t> feats, float* scores) const {
  for (uint64_t f : feats) {
    int64_t r = Find(f);
    if (r < 0) continue;
    for (const Entry& e : rows_[r]) scores[e.cls] += e.w;
  }
}

void AveragedPerceptron::Update(std::span<const uint64_t> feats, int truth, int guess,
                                float amount) {
  if (truth == guess) return;
  auto bump = [&](std::vector<Entry>& row, int cls, float delta) {
    for (Entry& e : row) {
      if (e.cls == cls) {
        e.acc += static_cast<double>(now_ - e.ts) * e.w;
        e.ts = now_;
        e.w += delta;
        return;
      }
    }
    row.push_back(Entry{cls, delta, 0.0, now_});
  };
  for (uint64_t f : feats) {
    std::vector<Entry>& row = rows_[FindOrAdd(f)];
    bump(row, truth, amount);
    bump(row, guess, -amount);
  }
}

void AveragedPerceptron::Add(std::span<const uint64_t> feats, int cls, float delta) {
  for (uint64_t f : feats) {
    std::vector<Entry>& row = rows_[FindOrAdd(f)];
    bool found = false;
    for (Entry& e : row) {
      if (e.cls == cls) {
        e.acc += static_cast<double>(now_ - e.ts) * e.w;
        e.ts = now_;
        e.w += delta;
        found = true;
        break;
      }
    }
    if (!found) row.push_back(Entry{cls, delta, 0.0, now_});
  }
}

float AveragedPerceptron::Average(const Entry& e) const {
  double total = e.acc + static_cast<double>(now_ - e.ts) * e.w;
  return static_cast<float>(total / static_cast<double>(now_));
}

float AveragedPerceptron::Scale() const {
  // One scale for the whole table so that the 99.999th percentile of |w|
  // maps to 30000 (larger values are clipped).
  std::vector<float> mags;
  for (const auto& row : rows_)
    for (const Entry& e : row) {
      float a = std::fabs(Average(e));
      if (a > 0) mags.push_back(a);
    }
  float clip = 1.0f;
  if (!mags.empty()) {
    size_t k = std::min(mags.size() - 1, static_cast<size_t>(mags.size() * 0.99999));
    std::nth_element(mags.begin(), mags.begin() + k, mags.end());
    clip = std::max(mags[k], 1e-6f);
  }
  return 30000.0f / clip;
}

int AveragedPerceptron::MinAbsForBudget(size_t max_weights) const {
  const float scale = Scale();
  std::vector<uint32_t> hist(32768, 0);
  size_t total = 0;
  for (const auto& row : rows_)
    for (const Entry& e : row) {
      float q = std::min(32767.0f, std::round(std::fabs(Average(e)) * scale));
      if (q >= 1) {
        hist[static_cast<size_t>(q)]++;
        ++total;
      }
    }
  int m = 1;
  while (m < 32767 && total > max_weights) total -= hist[m++];
  return m;
}

WeightTable AveragedPerceptron::Compile(int min_abs) const {
  auto avg = [&](const Entry& e) { return Average(e); };
  const float scale = Scale();
  WeightTable t;
  t.num_classes_ = num_classes_;
  std::vector<uint32_t> keys, where;
  // Keys in slot order of the training table: deterministic.
  for (size_t s = 0; s < keys_.size(); ++s) {
    if (!keys_[s]) continue;
    const auto& row = rows_[rows_of_[s]];
    size_t off = t.entries_.size();
    std::vector<WeightTable::Entry> es;
    for (const Entry& e : row) {
      float q = std::round(avg(e) * scale);
      q = std::clamp(q, -32767.0f, 32767.0f);
      if (std::fabs(q) < static_cast<float>(std::max(1, min_abs))) continue;
      es.push_back(WeightTable::Entry{static_cast<uint8_t>(e.cls), static_cast<int16_t>(q)});
    }
    if (es.empty()) continue;
    std::sort(es.begin(), es.end(), [](const WeightTable::Entry& a, const WeightTable::Entry& b) {
      return a.cls < b.cls;
    });
    t.entries_.insert(t.entries_.end(), es.begin(), es.end());
    keys.push_back(WeightTable::Key(keys_[s]));
    where.push_back(static_cast<uint32_t>(off) << 8 | static_cast<uint32_t>(es.size()));
  }
  t.BuildIndex(keys, where);
  return t;
}

}  // namespace casus::syntax
