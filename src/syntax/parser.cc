#include "syntax/parser.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "syntax/shuffle.h"
#include "syntax/tagger.h"

namespace casus::syntax {

namespace {

enum : int { kShift = 0, kReduce = 1 };
constexpr uint64_t kNone = 0x2545F4914F6CDD1DULL;
constexpr size_t kMaxFeatures = 128;  // at least the number of templates

inline uint64_t T(uint64_t id) { return id * 0x9E3779B97F4A7C15ULL; }
inline uint64_t F(uint64_t id, uint64_t a) { return HashCombine(T(id), a); }
inline uint64_t F(uint64_t id, uint64_t a, uint64_t b) { return HashCombine(F(id, a), b); }
inline uint64_t F(uint64_t id, uint64_t a, uint64_t b, uint64_t c) {
  return HashCombine(F(id, a, b), c);
}
inline uint64_t F(uint64_t id, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return HashCombine(F(id, a, b, c), d);
}

// The arc-eager configuration over a ParserScratch. Word 0 is the root.
struct Config {
  ParserScratch* s;
  const ParserScratch* ws = nullptr;  // the words' hashes (s when null)
  int n = 0;      // number of words
  int b = 1;      // front of the buffer; > n when empty
  int L = 0;      // number of labels
  int root_label = 0;
  int root_child = 0;

  void Init(int nwords, int nlabels, int rootl) {
    n = nwords;
    L = nlabels;
    root_label = rootl;
    b = 1;
    root_child = 0;
    if (ws == nullptr) ws = s;
    const size_t m = static_cast<size_t>(n) + 1;
    s->stack.assign(1, 0);
    s->heads.assign(m, -1);
    s->labels.assign(m, -1);
    s->l1.assign(m, -1);
    s->l2.assign(m, -1);
    s->r1.assign(m, -1);
    s->r2.assign(m, -1);
    s->nl.assign(m, 0);
    s->nr.assign(m, 0);
    s->lset.assign(m, 0);
    s->rset.assign(m, 0);
  }
  bool Done() const { return b > n && s->stack.size() == 1; }
  int s0() const { return s->stack.back(); }

  bool Valid(int a) const {
    const int top = s0();
    if (a == kShift) return b <= n;
    if (a == kReduce) return top != 0 && (s->heads[top] != -1 || b > n);
    if (b > n) return false;
    if (a < 2 + L) {  // LEFT: head b, dependent s0
      return top != 0 && s->heads[top] == -1 && a - 2 != root_label;
    }
    const int l = a - 2 - L;  // RIGHT: head s0, dependent b
    if (top == 0) return root_child == 0 && l == root_label;
    return l != root_label;
  }

  void AddArc(int h, int d, int l) {
    s->heads[d] = h;
    s->labels[d] = l;
    const uint64_t bit = 1ULL << (l & 63);
    if (d < h) {
      if (s->l1[h] == -1 || d < s->l1[h]) {
        s->l2[h] = s->l1[h];
        s->l1[h] = d;
      } else if (s->l2[h] == -1 || d < s->l2[h]) {
        s->l2[h] = d;
      }
      s->nl[h]++;
      s->lset[h] |= bit;
    } else {
      if (s->r1[h] == -1 || d > s->r1[h]) {
        s->r2[h] = s->r1[h];
        s->r1[h] = d;
      } else if (s->r2[h] == -1 || d > s->r2[h]) {
        s->r2[h] = d;
      }
      s->nr[h]++;
      s->rset[h] |= bit;
    }
  }

  void Apply(int a) {
    const int top = s0();
    if (a == kShift) {
      s->stack.push_back(b++);
    } else if (a == kReduce) {
      s->stack.pop_back();
    } else if (a < 2 + L) {
      AddArc(b, top, a - 2);
      s->stack.pop_back();
    } else {
      AddArc(top, b, a - 2 - L);
      if (top == 0) root_child = b;
      s->stack.push_back(b++);
    }
  }

  void Features(std::vector<uint64_t>* out) const {
    const auto& W = ws->w;
    const auto& P = ws->p;
    auto w = [&](int t) { return t >= 0 ? W[t] : kNone; };
    auto p = [&](int t) { return t >= 0 ? P[t] : kNone; };
    auto lab = [&](int t) { return t >= 0 && s->labels[t] >= 0 ? uint64_t(s->labels[t]) : 999; };
    const int S0 = s0();
    const int S1 = s->stack.size() >= 2 ? s->stack[s->stack.size() - 2] : -1;
    const int B0 = b <= n ? b : -1;
    const int B1 = b + 1 <= n ? b + 1 : -1;
    const int B2 = b + 2 <= n ? b + 2 : -1;
    const int S0h = S0 > 0 ? s->heads[S0] : -1;
    const int S0h2 = S0h > 0 ? s->heads[S0h] : -1;
    const int S0l = s->l1[S0], S0l2 = s->l2[S0], S0r = s->r1[S0], S0r2 = s->r2[S0];
    const int B0l = B0 >= 0 ? s->l1[B0] : -1, B0l2 = B0 >= 0 ? s->l2[B0] : -1;
    const uint64_t d = (B0 >= 0) ? std::min(B0 - S0, 8) : 0;
    const uint64_t s0w = w(S0), s0p = p(S0), b0w = w(B0), b0p = p(B0), b1w = w(B1),
                   b1p = p(B1), b2w = w(B2), b2p = p(B2);
    const uint64_t s0vl = s->nl[S0], s0vr = s->nr[S0], b0vl = B0 >= 0 ? s->nl[B0] : 0;
    // Written through a pointer: push_back's capacity check costs more than
    // the hashing here.
    out->resize(kMaxFeatures);
    uint64_t* o = out->data();
    auto add = [&](uint64_t f) { *o++ = f; };
    add(F(1, s0w)); add(F(2, s0p)); add(F(3, s0w, s0p));
    add(F(4, b0w)); add(F(5, b0p)); add(F(6, b0w, b0p));
    add(F(7, b1w)); add(F(8, b1p)); add(F(9, b1w, b1p));
    add(F(10, b2w)); add(F(11, b2p)); add(F(12, b2w, b2p));
    add(F(13, s0w, s0p, b0w, b0p)); add(F(14, s0w, s0p, b0w)); add(F(15, s0w, b0w, b0p));
    add(F(16, s0w, s0p, b0p)); add(F(17, s0p, b0w, b0p)); add(F(18, s0w, b0w));
    add(F(19, s0p, b0p)); add(F(20, b0p, b1p));
    add(F(21, b0p, b1p, b2p)); add(F(22, s0p, b0p, b1p)); add(F(23, p(S0h), s0p, b0p));
    add(F(24, s0p, p(S0l), b0p)); add(F(25, s0p, p(S0r), b0p)); add(F(26, s0p, b0p, p(B0l)));
    add(F(27, s0w, d)); add(F(28, s0p, d)); add(F(29, b0w, d)); add(F(30, b0p, d));
    add(F(31, s0w, b0w, d)); add(F(32, s0p, b0p, d));
    add(F(33, s0w, s0vr)); add(F(34, s0p, s0vr)); add(F(35, s0w, s0vl)); add(F(36, s0p, s0vl));
    add(F(37, b0w, b0vl)); add(F(38, b0p, b0vl));
    add(F(39, w(S0h))); add(F(40, p(S0h))); add(F(41, lab(S0)));
    add(F(42, w(S0l))); add(F(43, p(S0l))); add(F(44, lab(S0l)));
    add(F(45, w(S0r))); add(F(46, p(S0r))); add(F(47, lab(S0r)));
    add(F(48, w(B0l))); add(F(49, p(B0l))); add(F(50, lab(B0l)));
    add(F(51, w(S0h2))); add(F(52, p(S0h2))); add(F(53, lab(S0h)));
    add(F(54, w(S0l2))); add(F(55, p(S0l2))); add(F(56, lab(S0l2)));
    add(F(57, w(S0r2))); add(F(58, p(S0r2))); add(F(59, lab(S0r2)));
    add(F(60, w(B0l2))); add(F(61, p(B0l2))); add(F(62, lab(B0l2)));
    add(F(63, s0p, p(S0l), p(S0l2))); add(F(64, s0p, p(S0r), p(S0r2)));
    add(F(65, s0p, p(S0h), p(S0h2))); add(F(66, b0p, p(B0l), p(B0l2)));
    add(F(67, s0w, s->rset[S0])); add(F(68, s0p, s->rset[S0]));
    add(F(69, s0w, s->lset[S0])); add(F(70, s0p, s->lset[S0]));
    const uint64_t b0ls = B0 >= 0 ? s->lset[B0] : 0;
    add(F(71, b0w, b0ls)); add(F(72, b0p, b0ls));
    add(F(73, w(S1))); add(F(74, p(S1))); add(F(75, p(S1), s0p, b0p));
    add(F(76, S0 > 0 && s->heads[S0] >= 0, s0p, b0p));
    add(F(77, B0 > 1 ? P[B0 - 1] : kNone, b0p));
    add(F(78, 0));
    // Coarse (UPOS) and suffix views: robust to fine tagging errors and
    // unknown words.
    const auto& U = ws->u;
    auto u = [&](int t) { return t >= 0 ? U[t] : kNone; };
    const uint64_t s0u = u(S0), b0u = u(B0);
    add(F(79, s0u)); add(F(80, b0u)); add(F(81, s0u, b0u)); add(F(82, s0u, b0u, u(B1)));
    add(F(83, u(S1), s0u, b0u)); add(F(84, s0u, u(S0l), b0u)); add(F(85, s0u, u(S0r), b0u));
    add(F(86, b0u, u(B0l))); add(F(87, u(S0h), s0u, b0u));
    add(F(88, B0 >= 0 ? ws->sf[B0] : kNone, b0u)); add(F(89, ws->sf[S0], s0u));
    // Format 2: punctuation and verbs between s0 and b0, labels with tags,
    // and a wider look into the buffer.
    const int B3 = b + 3 <= n ? b + 3 : -1;
    uint64_t np = 9, nv = 9;
    if (B0 >= 0) {
      np = std::min(ws->punct[B0 - 1] - ws->punct[S0], 3);
      nv = std::min(ws->verbs[B0 - 1] - ws->verbs[S0], 2);
    }
    add(F(90, np, s0u, b0u)); add(F(91, nv, s0u, b0u)); add(F(92, np, nv, s0p, b0w));
    add(F(93, lab(S0), s0u, b0u)); add(F(94, lab(S0l), lab(S0r), s0u, b0u));
    add(F(95, b0u, u(B1), u(B2), u(B3))); add(F(96, u(S1), lab(S1), s0u));
    add(F(97, s0w, b0u, u(B1)));
    out->resize(static_cast<size_t>(o - out->data()));
  }
};

// Fills per-word hashes (index 0 = root).
void PrepareWords(std::span<const std::string_view> words, std::span<const std::string_view> upos,
                  std::span<const std::string_view> xpos, ParserScratch* s) {
  const size_t n = words.size();
  s->w.resize(n + 1);
  s->p.resize(n + 1);
  s->u.resize(n + 1);
  s->sf.resize(n + 1);
  s->w[0] = HashBytes("<root>", 5);
  s->p[0] = HashBytes("<ROOT>", 6);
  s->u[0] = s->p[0];
  s->sf[0] = s->w[0];
  s->punct.resize(n + 1);
  s->verbs.resize(n + 1);
  s->punct[0] = s->verbs[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    s->punct[i + 1] = s->punct[i] + (upos[i] == "PUNCT");
    s->verbs[i + 1] = s->verbs[i] + (upos[i] == "VERB" || upos[i] == "AUX");
    AsciiLowerInto(words[i], &s->low);
    s->w[i + 1] = HashBytes(s->low, 5);
    uint64_t h = HashBytes(upos[i], 6);
    s->u[i + 1] = h;
    s->p[i + 1] = HashBytes(xpos[i], h);
    std::string_view l(s->low);
    s->sf[i + 1] = HashBytes(l.substr(l.size() > 3 ? l.size() - 3 : 0), 7);
  }
}

// Attaches words left without a head; guarantees exactly one root.
void Finish(Config* c, int punct_label, int parataxis_label, std::span<const std::string_view> upos) {
  ParserScratch* s = c->s;
  int root = c->root_child;
  for (int i = 1; i <= c->n; ++i) {
    if (s->heads[i] != -1) continue;
    if (root == 0) {
      root = i;
      s->heads[i] = 0;
      s->labels[i] = c->root_label;
      continue;
    }
    s->heads[i] = root;
    s->labels[i] = upos[i - 1] == "PUNCT" ? punct_label : parataxis_label;
  }
}


// ------------------------------------------------------------- beam search

void CopyState(const Config& from, Config* to) {
  const ParserScratch* a = from.s;
  ParserScratch* b = to->s;
  b->stack = a->stack;
  b->heads = a->heads;
  b->labels = a->labels;
  b->l1 = a->l1;
  b->l2 = a->l2;
  b->r1 = a->r1;
  b->r2 = a->r2;
  b->nl = a->nl;
  b->nr = a->nr;
  b->lset = a->lset;
  b->rset = a->rset;
  to->ws = from.ws;
  to->n = from.n;
  to->b = from.b;
  to->L = from.L;
  to->root_label = from.root_label;
  to->root_child = from.root_child;
}

// One move of a beam item: its parent history entry, the move (-1: none,
// the item was complete) and its features in the sentence's pool (nf = 0:
// the move was forced and not scored).
struct Hist {
  int parent;
  int move;
  uint32_t off, nf;
};

struct Cand {
  double score;
  int item, move;
  uint32_t off, nf;
  int cost;
};

// A beam of up to K configurations over the words in `ws`. Items live in
// the scratch spaces of ws->items (2K of them: this step's and the next's).
struct Beam {
  int K = 1, L = 0, nc = 0;
  ParserScratch* ws = nullptr;
  std::vector<Config> cur, nxt;
  std::vector<double> score, nscore;
  std::vector<int> hist, nhist;
  std::vector<int> cost, ncost;  // training: oracle cost so far
  std::vector<int> move_cost;
  std::vector<Hist> H;
  std::vector<uint64_t> pool;
  std::vector<Cand> cands;
  std::vector<double> sc;

  void Init(ParserScratch* words, int k, int n, int nlabels, int rootl) {
    ws = words;
    K = k;
    L = nlabels;
    nc = 2 + 2 * L;
    if (ws->items.size() < static_cast<size_t>(2 * K)) ws->items.resize(2 * K);
    cur.clear();
    nxt.clear();
    for (int i = 0; i < K; ++i) {
      cur.push_back(Config{&ws->items[i], ws});
      nxt.push_back(Config{&ws->items[K + i], ws});
    }
    cur.resize(1);
    cur[0].Init(n, nlabels, rootl);
    score.assign(1, 0.0);
    hist.assign(1, -1);
    cost.assign(1, 0);
    move_cost.assign(nc, 0);
    H.clear();
    pool.clear();
    sc.resize(nc);
  }

  bool Done() const {
    for (const Config& c : cur)
      if (!c.Done()) return false;
    return true;
  }

  // Expands every item by its valid moves, scored by score_fn(feats, sc),
  // and keeps the K best; in training, cost_fn(config, costs) gives the
  // dynamic-oracle cost of each move, summed per item in `cost`.
  template <class ScoreFn, class CostFn>
  void Step(ScoreFn&& score_fn, CostFn&& cost_fn) {
    cands.clear();
    for (size_t i = 0; i < cur.size(); ++i) {
      Config& c = cur[i];
      const int item = static_cast<int>(i);
      if (c.Done()) {
        cands.push_back(Cand{score[i], item, -1, 0, 0, cost[i]});
        continue;
      }
      if (c.b > c.n) {
        cands.push_back(Cand{score[i], item, kReduce, 0, 0, cost[i]});
        continue;
      }
      cost_fn(c, move_cost.data());
      c.Features(&ws->feats);
      const uint32_t off = static_cast<uint32_t>(pool.size());
      const uint32_t nf = static_cast<uint32_t>(ws->feats.size());
      pool.insert(pool.end(), ws->feats.begin(), ws->feats.end());
      std::fill(sc.begin(), sc.end(), 0.0);
      score_fn(ws->feats, sc.data());
      // Only this item's K best moves can be among the K best candidates.
      // The valid moves are SHIFT, REDUCE and ranges of LEFT/RIGHT labels,
      // taken in increasing order (ties go to the lower move).
      const size_t first = cands.size();
      auto consider = [&](int a) {
        const double v = score[i] + sc[a];
        size_t end = cands.size();
        if (end - first == static_cast<size_t>(K)) {
          if (!(v > cands[end - 1].score)) return;
          cands.pop_back();
          --end;
        }
        cands.push_back(Cand{v, item, a, off, nf, cost[i] + move_cost[a]});
        for (size_t j = cands.size() - 1; j > first && cands[j].score > cands[j - 1].score; --j)
          std::swap(cands[j], cands[j - 1]);
      };
      const int rl = c.root_label;
      if (c.Valid(kShift)) consider(kShift);
      if (c.Valid(kReduce)) consider(kReduce);
      if (c.Valid(2 + (rl == 0 ? 1 : 0)))
        for (int l = 0; l < L; ++l)
          if (l != rl) consider(2 + l);
      if (c.s0() == 0) {
        if (c.Valid(2 + L + rl)) consider(2 + L + rl);
      } else {
        for (int l = 0; l < L; ++l)
          if (l != rl) consider(2 + L + l);
      }
    }
    const size_t keep = std::min(cands.size(), static_cast<size_t>(K));
    std::partial_sort(cands.begin(), cands.begin() + keep, cands.end(),
                      [](const Cand& x, const Cand& y) {
                        if (x.score != y.score) return x.score > y.score;
                        if (x.item != y.item) return x.item < y.item;
                        return x.move < y.move;
                      });
    nxt.resize(keep);
    nscore.resize(keep);
    nhist.resize(keep);
    ncost.resize(keep);
    for (size_t j = 0; j < keep; ++j) {
      const Cand& cd = cands[j];
      if (nxt[j].s == nullptr) nxt[j] = Config{&ws->items[K + j], ws};
      CopyState(cur[cd.item], &nxt[j]);
      if (cd.move >= 0) nxt[j].Apply(cd.move);
      H.push_back(Hist{hist[cd.item], cd.move, cd.off, cd.nf});
      nhist[j] = static_cast<int>(H.size()) - 1;
      nscore[j] = cd.score;
      ncost[j] = cd.cost;
    }
    // The items' scratch spaces swap roles with the configurations.
    std::swap(cur, nxt);
    std::swap(score, nscore);
    std::swap(hist, nhist);
    std::swap(cost, ncost);
    nxt.clear();
    for (int i = 0; i < K; ++i) {
      // nxt must use the scratch spaces not used by cur.
      ParserScratch* free_space = nullptr;
      for (int k = 0; k < 2 * K && free_space == nullptr; ++k) {
        ParserScratch* cand = &ws->items[k];
        bool used = false;
        for (const Config& c : cur) used |= c.s == cand;
        for (const Config& c : nxt) used |= c.s == cand;
        if (!used) free_space = cand;
      }
      nxt.push_back(Config{free_space, ws});
    }
  }
};
}  // namespace

void Parser::Parse(std::span<const std::string_view> words, std::span<const std::string_view> upos,
                   std::span<const std::string_view> xpos, ParserScratch* s,
                   std::vector<int>* heads, std::vector<int>* labels) const {
  const int n = static_cast<int>(words.size());
  heads->assign(n, 0);
  labels->assign(n, root_label_);
  if (n == 0) return;
  PrepareWords(words, upos, xpos, s);
  if (beam_ > 1) {
    ParseBeam(upos, s);
    for (int i = 0; i < n; ++i) {
      (*heads)[i] = s->heads[i + 1];
      (*labels)[i] = s->labels[i + 1];
    }
    return;
  }
  Config c{s};
  c.Init(n, num_labels(), root_label_);
  const int nc = 2 + 2 * num_labels();
  s->scores.resize(nc);
  while (!c.Done()) {
    int best = -1;
    if (c.b > c.n) {
      best = kReduce;  // only REDUCE is left
    } else {
      c.Features(&s->feats);
      std::fill(s->scores.begin(), s->scores.end(), 0);
      weights_.Score(s->feats.data(), static_cast<int>(s->feats.size()), s->scores.data());
      // The valid moves are SHIFT, REDUCE and ranges of LEFT/RIGHT labels.
      const int32_t* sc = s->scores.data();
      const int L = num_labels();
      auto consider = [&](int a) {
        if (best < 0 || sc[a] > sc[best]) best = a;
      };
      if (c.Valid(kShift)) consider(kShift);
      if (c.Valid(kReduce)) consider(kReduce);
      if (c.Valid(2 + (root_label_ == 0 ? 1 : 0)))  // some LEFT arc is valid
        for (int l = 0; l < L; ++l)
          if (l != root_label_) consider(2 + l);
      if (c.s0() == 0) {
        if (c.Valid(2 + L + root_label_)) consider(2 + L + root_label_);
      } else {
        for (int l = 0; l < L; ++l)
          if (l != root_label_) consider(2 + L + l);
      }
    }
    c.Apply(best);
  }
  Finish(&c, punct_label_, parataxis_label_, upos);
  for (int i = 0; i < n; ++i) {
    (*heads)[i] = s->heads[i + 1];
    (*labels)[i] = s->labels[i + 1];
  }
}

void Parser::ParseBeam(std::span<const std::string_view> upos, ParserScratch* s) const {
  thread_local Beam beam;
  const int n = static_cast<int>(upos.size());
  beam.Init(s, beam_, n, num_labels(), root_label_);
  std::vector<int32_t>& is = s->scores;
  is.resize(2 + 2 * num_labels());
  while (!beam.Done()) {
    beam.Step(
        [&](const std::vector<uint64_t>& f, double* out) {
          std::fill(is.begin(), is.end(), 0);
          weights_.Score(f.data(), static_cast<int>(f.size()), is.data());
          for (size_t k = 0; k < is.size(); ++k) out[k] = is[k];
        },
        [](const Config&, int*) {});
  }
  Config& best = beam.cur[0];
  Finish(&best, punct_label_, parataxis_label_, upos);
  s->heads = best.s->heads;
  s->labels = best.s->labels;
}

// ------------------------------------------------------------------ training

class ParserTrainer {
 public:
  static Status Train(const std::vector<ConlluSentence>& train,
                      const std::vector<ConlluSentence>& dev, const ParserOptions& opt,
                      Parser* out);
};

namespace {

// Costs of the four move types under the dynamic oracle (Goldberg & Nivre
// 2012, arc-eager): how many gold arcs each makes unreachable.
struct Costs {
  int shift = 0, reduce = 0, left = 0, right = 0;
};

Costs ComputeCosts(const Config& c, const std::vector<int>& gh, const std::vector<char>& in_stack) {
  Costs k;
  const ParserScratch* s = c.s;
  const int s0 = c.s0();
  const int b = c.b;
  const int n = c.n;
  if (b > n) return k;
  // SHIFT: b loses its head in the stack and its headless dependents there.
  for (int x : s->stack) {
    if (gh[b] == x) k.shift++;
    if (x != 0 && gh[x] == b && s->heads[x] == -1) k.shift++;
  }
  // RIGHT (s0 -> b): b loses a reachable gold head elsewhere, and its headless
  // dependents in the stack.
  {
    int h = gh[b];
    if (h != s0 && ((h > b) || (h >= 0 && h < b && in_stack[h]))) k.right++;
    for (int x : s->stack)
      if (x != 0 && gh[x] == b && s->heads[x] == -1) k.right++;
  }
  // LEFT (b -> s0): s0 loses a gold head further in the buffer and its
  // dependents in the buffer.
  if (s0 != 0) {
    if (gh[s0] != b && gh[s0] > b) k.left++;
    for (int x = b; x <= n; ++x)
      if (gh[x] == s0) k.left++;
  }
  // REDUCE: s0 loses its dependents in the buffer.
  if (s0 != 0)
    for (int x = b; x <= n; ++x)
      if (gh[x] == s0) k.reduce++;
  return k;
}

struct Eval {
  size_t words = 0, uas = 0, las = 0;
};

Eval Evaluate(const Parser& p, const std::vector<ConlluSentence>& dev) {
  Eval e;
  ParserScratch s;
  std::vector<std::string_view> w, u, x;
  std::vector<int> heads, labels;
  for (const ConlluSentence& sent : dev) {
    w.clear();
    u.clear();
    x.clear();
    for (const ConlluWord& cw : sent.words) {
      w.push_back(cw.form);
      u.push_back(cw.upos);
      x.push_back(cw.xpos);
    }
    p.Parse(w, u, x, &s, &heads, &labels);
    for (size_t i = 0; i < w.size(); ++i) {
      ++e.words;
      if (heads[i] == sent.words[i].head) {
        ++e.uas;
        if (p.label(labels[i]) == sent.words[i].deprel) ++e.las;
      }
    }
  }
  return e;
}

}  // namespace

Status ParserTrainer::Train(const std::vector<ConlluSentence>& train,
                            const std::vector<ConlluSentence>& dev, const ParserOptions& opt,
                            Parser* out) {
  Parser& P = *out;
  P = Parser();
  std::map<std::string, int> label_ids;
  for (const ConlluSentence& s : train)
    for (const ConlluWord& w : s.words)
      if (!label_ids.count(w.deprel)) label_ids.emplace(w.deprel, 0);
  if (!label_ids.count("root")) label_ids.emplace("root", 0);
  if (!label_ids.count("punct")) label_ids.emplace("punct", 0);
  if (!label_ids.count("parataxis")) label_ids.emplace("parataxis", 0);
  if (label_ids.size() > 127) return Status::InvalidArgument("more than 127 dependency labels");
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(P.labels_.size());
    P.labels_.push_back(name);
  }
  P.root_label_ = label_ids["root"];
  P.punct_label_ = label_ids["punct"];
  P.parataxis_label_ = label_ids["parataxis"];
  const int L = P.num_labels();
  const int nc = 2 + 2 * L;

  // Usable sentences: complete gold trees.
  std::vector<size_t> usable;
  for (size_t i = 0; i < train.size(); ++i) {
    bool ok = !train[i].words.empty();
    int roots = 0;
    for (const ConlluWord& w : train[i].words) {
      if (w.head < 0 || w.head > static_cast<int>(train[i].words.size())) ok = false;
      roots += w.head == 0;
    }
    if (ok && roots == 1) usable.push_back(i);
  }
  if (usable.empty()) return Status::InvalidArgument("no training sentence has a complete tree");

  AveragedPerceptron model(nc);
  ParserScratch s;
  Config c{&s};
  std::vector<float> scores(nc);
  std::vector<int> gh, gl;
  std::vector<char> in_stack;
  std::vector<std::string_view> w, u, x;
  SplitMix rng(opt.seed);
  P.beam_ = std::clamp(opt.beam, 1, 64);
  Beam beam;
  std::vector<uint64_t> gfeats;
  std::vector<int> gcost(nc);
  std::vector<char> cost_in_stack;
  WeightTable best_weights;
  size_t best_las = 0;
  int best_epoch = 0;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    auto t0 = std::chrono::steady_clock::now();
    Shuffle(&usable, &rng);
    size_t moves = 0, errors = 0;
    for (size_t si : usable) {
      const ConlluSentence& sent = train[si];
      const int n = static_cast<int>(sent.words.size());
      w.clear();
      u.clear();
      x.clear();
      gh.assign(n + 1, -1);
      gl.assign(n + 1, -1);
      for (int i = 0; i < n; ++i) {
        const ConlluWord& cw = sent.words[i];
        w.push_back(cw.form);
        u.push_back(cw.upos);
        x.push_back(cw.xpos);
        gh[i + 1] = cw.head;
        gl[i + 1] = label_ids[cw.deprel];
      }
      PrepareWords(w, u, x, &s);
      c.Init(n, L, P.root_label_);
      in_stack.assign(n + 1, 0);
      in_stack[0] = 1;
      if (P.beam_ > 1) {
        // Global training. Every item of the beam carries its dynamic-oracle
        // cost; the items with the least cost still reachable (that of the
        // oracle path) are correct. The gold path is the best correct item
        // while the beam holds one, and then follows the cheapest move (ties
        // broken by the model) on its own. After the sentence the perceptron
        // is updated where the best item outscores the gold path most
        // (max-violation, Huang et al. 2012).
        beam.Init(&s, P.beam_, n, L, P.root_label_);
        double gold_score = 0, max_violation = -1e300;
        int gold_cost = 0, gold_h = -1, viol_pred = -1, viol_gold = -1;
        std::vector<char>& ins = cost_in_stack;
        ins.assign(n + 1, 0);
        auto move_costs = [&](const Config& cc, int* mc) {
          for (int y : cc.s->stack) ins[y] = 1;
          Costs k = ComputeCosts(cc, gh, ins);
          for (int y : cc.s->stack) ins[y] = 0;
          mc[kShift] = k.shift;
          mc[kReduce] = k.reduce;
          for (int l = 0; l < L; ++l) {
            mc[2 + l] = cc.s0() > 0 ? k.left + (l != gl[cc.s0()]) : 0;
            mc[2 + L + l] = k.right + (l != gl[cc.b]);
          }
        };
        while (!beam.Done()) {
          // The gold path's move.
          int gm = -1;
          uint32_t goff = 0, gnf = 0;
          if (!c.Done()) {
            if (c.b > c.n) {
              gm = kReduce;
            } else {
              c.Features(&gfeats);
              std::fill(scores.begin(), scores.end(), 0.0f);
              model.Score(gfeats, scores.data());
              move_costs(c, gcost.data());
              int best_cost = 1 << 30;
              for (int a2 = 0; a2 < nc; ++a2) {
                if (!c.Valid(a2)) continue;
                if (gcost[a2] < best_cost || (gcost[a2] == best_cost && scores[gm] < scores[a2])) {
                  gm = a2;
                  best_cost = gcost[a2];
                }
              }
              gold_score += scores[gm];
              gold_cost += best_cost;
              goff = static_cast<uint32_t>(beam.pool.size());
              gnf = static_cast<uint32_t>(gfeats.size());
              beam.pool.insert(beam.pool.end(), gfeats.begin(), gfeats.end());
            }
            c.Apply(gm);
          }
          beam.H.push_back(Hist{gold_h, gm, goff, gnf});
          gold_h = static_cast<int>(beam.H.size()) - 1;
          beam.Step(
              [&](const std::vector<uint64_t>& f, double* sco) {
                std::fill(scores.begin(), scores.end(), 0.0f);
                model.Score(f, scores.data());
                for (int a2 = 0; a2 < nc; ++a2) sco[a2] = scores[a2];
              },
              move_costs);
          model.Tick();
          ++moves;
          // The best correct item of the beam becomes the gold path.
          int correct = -1;
          for (size_t j = 0; j < beam.cur.size() && correct < 0; ++j)
            if (beam.cost[j] <= gold_cost) correct = static_cast<int>(j);
          if (correct >= 0) {
            CopyState(beam.cur[correct], &c);
            gold_score = beam.score[correct];
            gold_cost = beam.cost[correct];
            gold_h = beam.hist[correct];
          }
          if (correct != 0) {
            const double v = beam.score[0] - gold_score;
            if (v > max_violation) {
              max_violation = v;
              viol_pred = beam.hist[0];
              viol_gold = gold_h;
            }
          }
        }
        if (viol_pred >= 0 && max_violation >= 0) {
          ++errors;
          for (int h = viol_gold; h >= 0; h = beam.H[h].parent)
            if (beam.H[h].nf > 0)
              model.Add(std::span<const uint64_t>(beam.pool.data() + beam.H[h].off,
                                                  beam.H[h].nf),
                        beam.H[h].move, 1.0f);
          for (int h = viol_pred; h >= 0; h = beam.H[h].parent)
            if (beam.H[h].nf > 0)
              model.Add(std::span<const uint64_t>(beam.pool.data() + beam.H[h].off,
                                                  beam.H[h].nf),
                        beam.H[h].move, -1.0f);
        }
        continue;
      }
      while (!c.Done()) {
        if (c.b > c.n) {
          in_stack[c.s0()] = 0;
          c.Apply(kReduce);
          continue;
        }
        c.Features(&s.feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        model.Score(s.feats, scores.data());
        Costs k = ComputeCosts(c, gh, in_stack);
        int pred = -1, gold = -1, pred_cost = 0, gold_cost = 1 << 30;
        for (int a = 0; a < nc; ++a) {
          if (!c.Valid(a)) continue;
          int cost;
          if (a == kShift) cost = k.shift;
          else if (a == kReduce) cost = k.reduce;
          else if (a < 2 + L) cost = k.left + (a - 2 != gl[c.s0()]);
          else cost = k.right + (a - 2 - L != gl[c.b]);
          if (pred < 0 || scores[a] > scores[pred]) {
            pred = a;
            pred_cost = cost;
          }
          if (cost < gold_cost || (cost == gold_cost && scores[a] > scores[gold])) {
            gold = a;
            gold_cost = cost;
          }
        }
        ++moves;
        if (pred_cost > gold_cost) {
          ++errors;
          model.Update(s.feats, gold, pred);
        }
        model.Tick();
        int move = gold;
        if (pred_cost > gold_cost && epoch >= 1 && rng.Unit() < opt.explore) move = pred;
        const int top = c.s0();
        if (move == kReduce || (move >= 2 && move < 2 + L)) in_stack[top] = 0;
        if (move == kShift || move >= 2 + L) in_stack[c.b] = 1;
        c.Apply(move);
      }
    }
    const bool last = epoch + 1 == opt.epochs;
    if (last && opt.log && !dev.empty()) {
      // How pruning small weights trades accuracy for size and speed.
      for (int m : {4, 16, 64}) {
        P.weights_ = model.Compile(m);
        Eval pe = Evaluate(P, dev);
        std::fprintf(opt.log, "  prune |w| < %d: %zu features %zu weights, dev UAS %.2f%% LAS %.2f%%\n",
                     m, P.weights_.num_features(), P.weights_.num_entries(),
                     100.0 * pe.uas / std::max<size_t>(1, pe.words),
                     100.0 * pe.las / std::max<size_t>(1, pe.words));
      }
    }
    P.weights_ = model.Compile(model.MinAbsForBudget(opt.max_weights));
    Eval e = Evaluate(P, dev);
    double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opt.log)
      std::fprintf(opt.log,
                   "parser epoch %d: move errors %.2f%%  dev UAS %.2f%% LAS %.2f%%  %zu features "
                   "%zu weights  %.1fs\n",
                   epoch + 1, 100.0 * errors / std::max<size_t>(1, moves),
                   100.0 * e.uas / std::max<size_t>(1, e.words),
                   100.0 * e.las / std::max<size_t>(1, e.words), P.weights_.num_features(),
                   P.weights_.num_entries(), secs);
    // Early stopping: keep the epoch with the best dev LAS (the first on ties).
    if (!dev.empty() && (epoch == 0 || e.las > best_las)) {
      best_las = e.las;
      best_epoch = epoch + 1;
      best_weights = P.weights_;
    }
  }
  if (!dev.empty()) {
    P.weights_ = std::move(best_weights);
    if (opt.log) std::fprintf(opt.log, "parser: kept the weights of epoch %d\n", best_epoch);
  }
  return Status::OK();
}

Status Parser::Train(const std::vector<ConlluSentence>& train,
                     const std::vector<ConlluSentence>& dev, const ParserOptions& options,
                     Parser* out) {
  return ParserTrainer::Train(train, dev, options, out);
}

void Parser::Save(BinaryWriter* w) const {
  w->U32(static_cast<uint32_t>(labels_.size()));
  for (const std::string& l : labels_) w->Str(l);
  w->U32(static_cast<uint32_t>(root_label_));
  w->U32(static_cast<uint32_t>(punct_label_));
  w->U32(static_cast<uint32_t>(parataxis_label_));
  if (format_version() >= 3) w->U32(static_cast<uint32_t>(beam_));
  weights_.Save(w);
}

bool Parser::Load(BinaryReader* r, uint32_t version) {
  uint32_t n = r->U32();
  if (!r->ok() || n == 0 || n > 127 || !r->CountFits(n, 4)) {
    r->Fail();
    return false;
  }
  labels_.resize(n);
  for (uint32_t i = 0; i < n; ++i) labels_[i] = r->Str();
  root_label_ = static_cast<int>(r->U32());
  punct_label_ = static_cast<int>(r->U32());
  parataxis_label_ = static_cast<int>(r->U32());
  if (!r->ok() || root_label_ < 0 || root_label_ >= static_cast<int>(n) || punct_label_ < 0 ||
      punct_label_ >= static_cast<int>(n) || parataxis_label_ < 0 ||
      parataxis_label_ >= static_cast<int>(n)) {
    r->Fail();
    return false;
  }
  beam_ = 1;
  if (version >= 3) {
    const uint32_t k = r->U32();
    if (!r->ok() || k < 1 || k > 64) {
      r->Fail();
      return false;
    }
    beam_ = static_cast<int>(k);
  }
  if (!weights_.Load(r)) return false;
  if (weights_.num_classes() != 2 + 2 * static_cast<int>(n)) {
    r->Fail();
    return false;
  }
  return r->ok();
}

}  // namespace casus::syntax
