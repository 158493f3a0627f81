#include "syntax/tagger.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <map>
#include <unordered_map>

#include "syntax/shuffle.h"
#include "syntax/wordnet_lexicon.h"

namespace casus::syntax {

namespace {

// Template ids.
enum : uint64_t {
  kBias = 1, kLower, kForm, kSuf1, kSuf2, kSuf3, kSuf4, kPre1, kPre2, kPre3, kShape, kAmb,
  kT1, kT2T1, kT1Lower, kLowerM1, kSuf3M1, kLowerM2, kLowerP1, kSuf3P1, kLowerP2, kAmbP1,
  kShapeP1, kAmbP2, kLowerLowerP1, kLowerM1Lower, kShapeM1, kFirstShape, kT1Suf3, kAmbAmbP1,
  kT1AmbP1, kSuf2P1,
  // Format 2: WordNet's parts of speech for words without an ambiguity class.
  kWn, kWnShape, kT1Wn, kWnP1,
  // Format 3: second pass.
  kR1, kR2, kR1R2, kT1R1, kR1Lower, kP0, kP0R1, kAmbR1, kR1Suf3, kM1P0R1,
};

inline uint64_t F(uint64_t tmpl, uint64_t a) { return HashCombine(tmpl * 0x9E3779B97F4A7C15ULL, a); }
inline uint64_t F(uint64_t tmpl, uint64_t a, uint64_t b) { return HashCombine(F(tmpl, a), b); }

constexpr uint64_t kNone = 0x5bd1e995;  // padding value before/after the sentence
constexpr size_t kMaxFeatures = 64;      // at least the number of templates
constexpr int kNoClass = -3;
// The second pass re-tags words whose first-pass margin is below this (about
// one word in eight on EWT dev; re-tagging all of them gives the same dev
// accuracy at twice the cost).
constexpr int32_t kRescoreMargin = 15000;
// Share of the first-pass classes replaced by the runner-up when training
// the second pass (the first pass is nearly always right on its own
// training data, unlike on new text).
constexpr double kTrainingNoise = 0.06;

uint64_t ShapeHash(std::string_view w) {
  char buf[16];
  int n = 0;
  char last = 0;
  for (unsigned char c : w) {
    char s;
    if (c >= 'A' && c <= 'Z') s = 'X';
    else if (c >= 'a' && c <= 'z') s = 'x';
    else if (c >= '0' && c <= '9') s = 'd';
    else if (c >= 0x80) s = 'u';
    else s = static_cast<char>(c);
    if (s == last) continue;
    last = s;
    if (n < 16) buf[n++] = s;
  }
  return HashBytes(std::string_view(buf, n), 77);
}

}  // namespace

void AsciiLowerInto(std::string_view s, std::string* out) {
  out->resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    (*out)[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
}

uint64_t Tagger::Amb(uint64_t h) const {
  if (amb_keys_.empty()) return kNone;
  const size_t mask = amb_keys_.size() - 1;
  size_t s = h & mask;
  while (true) {
    if (amb_keys_[s] == h) return amb_vals_[s];
    if (amb_keys_[s] == 0) return kNone;
    s = (s + 1) & mask;
  }
}

void Tagger::Prepare(std::span<const std::string_view> words, TaggerScratch* s) const {
  s->info.resize(words.size());

  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    TaggerScratch::TokenInfo& t = s->info[i];
    AsciiLowerInto(w, &s->low);
    std::string_view l(s->low);
    t.form = HashBytes(w, 1);
    t.lower = HashBytes(l, 2);
    for (int k = 0; k < 4; ++k)
      t.suf[k] = HashBytes(l.substr(l.size() > size_t(k + 1) ? l.size() - (k + 1) : 0), 10 + k);
    for (int k = 0; k < 3; ++k) t.pre[k] = HashBytes(l.substr(0, k + 1), 20 + k);
    t.shape = ShapeHash(w);
    t.amb = Amb(t.lower | 1);
    // WordNet's parts of speech, for words without an ambiguity class.
    t.wn = t.amb == kNone ? WordNetLexicon::Get().Classes(l) : 0;
  }
}

void Tagger::Features(const TaggerScratch& s, size_t i, int t1, int t2,
                      std::vector<uint64_t>* out) {
  const auto& in = s.info;
  const size_t n = in.size();
  const auto& c = in[i];
  uint64_t lm1 = i >= 1 ? in[i - 1].lower : kNone;
  uint64_t lm2 = i >= 2 ? in[i - 2].lower : kNone;
  uint64_t lp1 = i + 1 < n ? in[i + 1].lower : kNone;
  uint64_t lp2 = i + 2 < n ? in[i + 2].lower : kNone;
  uint64_t ap1 = i + 1 < n ? in[i + 1].amb : kNone;
  uint64_t ap2 = i + 2 < n ? in[i + 2].amb : kNone;
  out->resize(kMaxFeatures);
  uint64_t* o = out->data();
  *o++ = F(kBias, 0);
  *o++ = F(kLower, c.lower);
  *o++ = F(kForm, c.form);
  *o++ = F(kSuf1, c.suf[0]);
  *o++ = F(kSuf2, c.suf[1]);
  *o++ = F(kSuf3, c.suf[2]);
  *o++ = F(kSuf4, c.suf[3]);
  *o++ = F(kPre1, c.pre[0]);
  *o++ = F(kPre2, c.pre[1]);
  *o++ = F(kPre3, c.pre[2]);
  *o++ = F(kShape, c.shape);
  *o++ = F(kAmb, c.amb);
  *o++ = F(kT1, t1);
  *o++ = F(kT2T1, t2, t1);
  *o++ = F(kT1Lower, t1, c.lower);
  *o++ = F(kLowerM1, lm1);
  *o++ = F(kSuf3M1, i >= 1 ? in[i - 1].suf[2] : kNone);
  *o++ = F(kLowerM2, lm2);
  *o++ = F(kLowerP1, lp1);
  *o++ = F(kSuf3P1, i + 1 < n ? in[i + 1].suf[2] : kNone);
  *o++ = F(kSuf2P1, i + 1 < n ? in[i + 1].suf[1] : kNone);
  *o++ = F(kLowerP2, lp2);
  *o++ = F(kAmbP1, ap1);
  *o++ = F(kShapeP1, i + 1 < n ? in[i + 1].shape : kNone);
  *o++ = F(kAmbP2, ap2);
  *o++ = F(kLowerLowerP1, c.lower, lp1);
  *o++ = F(kLowerM1Lower, lm1, c.lower);
  *o++ = F(kShapeM1, i >= 1 ? in[i - 1].shape : kNone);
  *o++ = F(kFirstShape, i == 0, c.shape);
  *o++ = F(kT1Suf3, t1, c.suf[2]);
  *o++ = F(kAmbAmbP1, c.amb, ap1);
  *o++ = F(kT1AmbP1, t1, ap1);
  if (c.amb == kNone) {
    *o++ = F(kWn, c.wn);
    *o++ = F(kWnShape, c.wn, c.shape);
    *o++ = F(kT1Wn, t1, c.wn);
  }
  if (i + 1 < n && in[i + 1].amb == kNone) *o++ = F(kWnP1, in[i + 1].wn);
  out->resize(static_cast<size_t>(o - out->data()));
}

void Tagger::Features2(const TaggerScratch& s, size_t i, int t1, std::vector<uint64_t>* out) {
  const size_t n = s.p1.size();
  const uint64_t p0 = static_cast<uint64_t>(s.p1[i]);
  const uint64_t r1 = static_cast<uint64_t>(i + 1 < n ? s.p1[i + 1] : kNoClass);
  const uint64_t r2 = static_cast<uint64_t>(i + 2 < n ? s.p1[i + 2] : kNoClass);
  const auto& c = s.info[i];
  const size_t m = out->size();
  out->resize(m + 10);
  uint64_t* o = out->data() + m;
  *o++ = F(kR1, r1);
  *o++ = F(kR2, r2);
  *o++ = F(kR1R2, r1, r2);
  *o++ = F(kT1R1, static_cast<uint64_t>(t1), r1);
  *o++ = F(kR1Lower, r1, c.lower);
  *o++ = F(kP0, p0);
  *o++ = F(kP0R1, p0, r1);
  *o++ = F(kAmbR1, c.amb, r1);
  *o++ = F(kR1Suf3, r1, c.suf[2]);
  *o++ = HashCombine(F(kM1P0R1, static_cast<uint64_t>(t1), p0), r1);
}

void Tagger::Tag(std::span<const std::string_view> words, TaggerScratch* s,
                 std::vector<int>* classes) const {
  Prepare(words, s);
  const int nc = num_classes();
  s->scores.resize(nc);
  classes->resize(words.size());
  s->margin.resize(words.size());
  int t1 = -1, t2 = -2;
  for (size_t i = 0; i < words.size(); ++i) {
    Features(*s, i, t1, t2, &s->feats);
    std::fill(s->scores.begin(), s->scores.end(), 0);
    weights_.Score(s->feats.data(), static_cast<int>(s->feats.size()), s->scores.data());
    int best = 0;
    int32_t second = INT32_MIN;
    for (int k = 1; k < nc; ++k) {
      if (s->scores[k] > s->scores[best]) {
        second = s->scores[best];
        best = k;
      } else if (s->scores[k] > second) {
        second = s->scores[k];
      }
    }
    s->margin[i] = s->scores[best] - second;
    (*classes)[i] = best;
    t2 = t1;
    t1 = best;
  }
  if (!has_pass2_) return;
  s->p1.assign(classes->begin(), classes->end());
  t1 = -1;
  t2 = -2;
  for (size_t i = 0; i < words.size(); ++i) {
    if (s->margin[i] < rescore_margin_) {
      Features(*s, i, t1, t2, &s->feats);
      Features2(*s, i, t1, &s->feats);
      std::fill(s->scores.begin(), s->scores.end(), 0);
      weights2_.Score(s->feats.data(), static_cast<int>(s->feats.size()), s->scores.data());
      int best = 0;
      for (int k = 1; k < nc; ++k)
        if (s->scores[k] > s->scores[best]) best = k;
      (*classes)[i] = best;
    }
    t2 = t1;
    t1 = (*classes)[i];
  }
}

Status Tagger::Train(const std::vector<ConlluSentence>& train,
                     const std::vector<ConlluSentence>& dev, const TaggerOptions& opt,
                     Tagger* out) {
  Tagger& t = *out;
  t = Tagger();
  // Classes in order of first appearance: deterministic.
  std::map<std::pair<std::string, std::string>, int> cls;
  std::vector<std::vector<int>> gold(train.size());
  for (size_t si = 0; si < train.size(); ++si) {
    for (const ConlluWord& w : train[si].words) {
      auto key = std::make_pair(w.upos, w.xpos);
      auto it = cls.find(key);
      if (it == cls.end()) {
        if (cls.size() >= 255) return Status::InvalidArgument("more than 255 UPOS+XPOS classes");
        it = cls.emplace(key, static_cast<int>(t.upos_.size())).first;
        t.upos_.push_back(w.upos);
        t.xpos_.push_back(key.second);
      }
      gold[si].push_back(it->second);
    }
  }
  if (t.upos_.empty()) return Status::InvalidArgument("no training words");
  // Ambiguity classes of words seen at least twice.
  std::unordered_map<uint64_t, std::pair<int, std::vector<int>>> seen;
  std::string low;
  for (size_t si = 0; si < train.size(); ++si)
    for (size_t i = 0; i < train[si].words.size(); ++i) {
      AsciiLowerInto(train[si].words[i].form, &low);
      auto& e = seen[HashBytes(low, 2) | 1];
      e.first++;
      if (std::find(e.second.begin(), e.second.end(), gold[si][i]) == e.second.end())
        e.second.push_back(gold[si][i]);
    }
  std::vector<std::pair<uint64_t, uint64_t>> amb;
  for (auto& [h, e] : seen) {
    if (e.first < 2) continue;
    std::sort(e.second.begin(), e.second.end());
    uint64_t a = 991;
    for (int c : e.second) a = HashCombine(a, static_cast<uint64_t>(c));
    amb.emplace_back(h, a);
  }
  std::sort(amb.begin(), amb.end());
  size_t cap = 16;
  while (cap < amb.size() * 2) cap <<= 1;
  t.amb_keys_.assign(cap, 0);
  t.amb_vals_.assign(cap, 0);
  for (auto [h, a] : amb) {
    size_t s = h & (cap - 1);
    while (t.amb_keys_[s]) s = (s + 1) & (cap - 1);
    t.amb_keys_[s] = h;
    t.amb_vals_[s] = a;
  }

  const int nc = t.num_classes();
  AveragedPerceptron model(nc);
  AveragedPerceptron model2(nc);
  SplitMix rng2(opt.seed + 7);
  WeightTable best_weights2;
  TaggerScratch s;
  std::vector<float> scores(nc);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  SplitMix rng(opt.seed);
  std::vector<std::string_view> words;
  // Early stopping: with a dev set, keep the weights of the epoch with the
  // best dev UPOS accuracy (the first such epoch on ties).
  WeightTable best_weights;
  size_t best_upos = 0;
  int best_epoch = 0;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    auto t0 = std::chrono::steady_clock::now();
    Shuffle(&order, &rng);
    size_t correct = 0, total = 0;
    for (size_t si : order) {
      const ConlluSentence& sent = train[si];
      words.clear();
      for (const ConlluWord& w : sent.words) words.push_back(w.form);
      t.Prepare(words, &s);
      s.p1.resize(words.size());
      int t1 = -1, t2 = -2;
      for (size_t i = 0; i < words.size(); ++i) {
        Features(s, i, t1, t2, &s.feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(s.feats, scores.data());
        int best = 0, second = -1;
        for (int k = 1; k < nc; ++k) {
          if (scores[k] > scores[best]) {
            second = best;
            best = k;
          } else if (second < 0 || scores[k] > scores[second]) {
            second = k;
          }
        }
        const int g = gold[si][i];
        model.Update(s.feats, g, best);
        model.Tick();
        correct += best == g;
        ++total;
        // The second pass learns from first-pass classes with errors like
        // those on unseen text: some are replaced by the runner-up.
        s.p1[i] = (second >= 0 && rng2.Unit() < kTrainingNoise) ? second : best;
        t2 = t1;
        t1 = best;
      }
      t1 = -1;
      t2 = -2;
      for (size_t i = 0; i < words.size(); ++i) {
        Features(s, i, t1, t2, &s.feats);
        Features2(s, i, t1, &s.feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model2.Score(s.feats, scores.data());
        int best = 0;
        for (int k = 1; k < nc; ++k)
          if (scores[k] > scores[best]) best = k;
        const int g = gold[si][i];
        model2.Update(s.feats, g, best);
        model2.Tick();
        t2 = t1;
        t1 = best;
      }
    }
    t.weights_ = model.Compile();
    t.weights2_ = model2.Compile();
    t.has_pass2_ = true;
    t.rescore_margin_ = kRescoreMargin;
    // Dev accuracy with the averaged, quantised weights.
    size_t dc = 0, dt = 0, du = 0;
    std::vector<int> pred;
    for (const ConlluSentence& sent : dev) {
      words.clear();
      for (const ConlluWord& w : sent.words) words.push_back(w.form);
      t.Tag(words, &s, &pred);
      for (size_t i = 0; i < words.size(); ++i) {
        dc += t.xpos_[pred[i]] == sent.words[i].xpos;
        du += t.upos_[pred[i]] == sent.words[i].upos;
        ++dt;
      }
    }
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opt.log)
      std::fprintf(opt.log,
                   "tagger epoch %d: train %.2f%%  dev UPOS %.2f%% XPOS %.2f%%  %zu features  "
                   "%.1fs\n",
                   epoch + 1, 100.0 * correct / std::max<size_t>(1, total),
                   100.0 * du / std::max<size_t>(1, dt), 100.0 * dc / std::max<size_t>(1, dt),
                   t.weights_.num_features(), secs);
    if (!dev.empty() && (epoch == 0 || du > best_upos)) {
      best_upos = du;
      best_epoch = epoch + 1;
      best_weights = t.weights_;
      best_weights2 = t.weights2_;
    }
  }
  if (!dev.empty()) {
    t.weights_ = std::move(best_weights);
    t.weights2_ = std::move(best_weights2);
    if (opt.log) std::fprintf(opt.log, "tagger: kept the weights of epoch %d\n", best_epoch);
  }
  return Status::OK();
}

void Tagger::Save(BinaryWriter* w) const {
  w->U32(static_cast<uint32_t>(upos_.size()));
  for (size_t i = 0; i < upos_.size(); ++i) {
    w->Str(upos_[i]);
    w->Str(xpos_[i]);
  }
  uint32_t n = 0;
  for (uint64_t k : amb_keys_) n += k != 0;
  w->U32(static_cast<uint32_t>(amb_keys_.size()));
  w->U32(n);
  for (size_t i = 0; i < amb_keys_.size(); ++i)
    if (amb_keys_[i]) {
      w->U64(amb_keys_[i]);
      w->U64(amb_vals_[i]);
    }
  weights_.Save(w);
  w->U8(has_pass2_ ? 1 : 0);
  if (has_pass2_) {
    w->U32(static_cast<uint32_t>(rescore_margin_));
    weights2_.Save(w);
  }
}

bool Tagger::Load(BinaryReader* r) {
  WordNetLexicon::Get();  // built now rather than on the first sentence
  uint32_t nc = r->U32();
  if (!r->ok() || nc == 0 || nc > 255 || !r->CountFits(nc, 8)) {
    r->Fail();
    return false;
  }
  upos_.resize(nc);
  xpos_.resize(nc);
  for (uint32_t i = 0; i < nc; ++i) {
    upos_[i] = r->Str();
    xpos_[i] = r->Str();
  }
  uint32_t cap = r->U32();
  uint32_t n = r->U32();
  if (!r->ok() || cap == 0 || (cap & (cap - 1)) != 0 || n > cap / 2 + 1 || !r->CountFits(n, 16) ||
      cap > (1u << 26)) {
    r->Fail();
    return false;
  }
  amb_keys_.assign(cap, 0);
  amb_vals_.assign(cap, 0);
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t k = r->U64(), v = r->U64();
    if (k == 0) {
      r->Fail();
      return false;
    }
    size_t s = k & (cap - 1);
    while (amb_keys_[s]) s = (s + 1) & (cap - 1);
    amb_keys_[s] = k;
    amb_vals_[s] = v;
  }
  if (!weights_.Load(r)) return false;
  if (weights_.num_classes() != static_cast<int>(nc)) {
    r->Fail();
    return false;
  }
  const uint8_t p2 = r->U8();
  if (!r->ok() || p2 > 1) {
    r->Fail();
    return false;
  }
  has_pass2_ = p2 == 1;
  if (has_pass2_) {
    rescore_margin_ = static_cast<int32_t>(r->U32());
    if (!weights2_.Load(r)) return false;
    if (weights2_.num_classes() != static_cast<int>(nc)) {
      r->Fail();
      return false;
    }
  }
  return r->ok();
}

}  // namespace casus::syntax
