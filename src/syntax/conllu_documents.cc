#include "syntax/conllu_documents.h"

#include "common/date.h"

namespace casus::syntax {

namespace {

// Finds the forms of `s` in `text` in order (skipping spaces). Returns false
// if one is missing; *spans gets [start, end) per word (-1 for words inside
// a multiword token).
bool Locate(const ConlluSentence& s, std::string_view text,
            std::vector<std::pair<int64_t, int64_t>>* spans) {
  spans->assign(s.words.size(), {-1, -1});
  std::vector<bool> in_mwt(s.words.size(), false);
  for (const ConlluExtraLine& e : s.extra)
    if (e.multiword)
      for (int w = e.first; w <= e.last; ++w)
        if (w >= 1 && size_t(w) <= s.words.size()) in_mwt[size_t(w - 1)] = true;
  size_t pos = 0;
  for (size_t w = 0; w < s.words.size(); ++w) {
    // A multiword token's surface stands for its words: skip past it.
    if (in_mwt[w]) {
      for (const ConlluExtraLine& e : s.extra) {
        if (!e.multiword || size_t(e.first) != w + 1) continue;
        // The surface form is the second column of the range line.
        size_t tab1 = e.line.find('\t');
        size_t tab2 = tab1 == std::string::npos ? tab1 : e.line.find('\t', tab1 + 1);
        if (tab2 == std::string::npos) return false;
        std::string_view surface = std::string_view(e.line).substr(tab1 + 1, tab2 - tab1 - 1);
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n')) ++pos;
        if (text.compare(pos, surface.size(), surface) != 0) return false;
        // "Israel's" = "Israel" + "'s": the words get their parts of it.
        std::string joined;
        for (int k = e.first; k <= e.last && size_t(k) <= s.words.size(); ++k)
          joined += s.words[size_t(k - 1)].form;
        if (joined == surface) {
          size_t p = pos;
          for (int k = e.first; k <= e.last && size_t(k) <= s.words.size(); ++k) {
            const size_t len = s.words[size_t(k - 1)].form.size();
            (*spans)[size_t(k - 1)] = {int64_t(p), int64_t(p + len)};
            p += len;
          }
        }
        pos += surface.size();
      }
      continue;
    }
    const std::string& f = s.words[w].form;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t'))
      ++pos;
    if (f.empty() || text.compare(pos, f.size(), f) != 0) return false;
    (*spans)[w] = {int64_t(pos), int64_t(pos + f.size())};
    pos += f.size();
  }
  return true;
}

}  // namespace

void ConlluToDocuments(const std::vector<ConlluSentence>& sentences,
                       const std::string& file, const std::string& default_date,
                       std::vector<Document>* docs, std::vector<InputProblem>* problems) {
  bool has_newdoc = false;
  for (const ConlluSentence& s : sentences)
    for (const std::string& c : s.comments)
      if (c.rfind("# newdoc", 0) == 0) has_newdoc = true;
  Document cur;
  int64_t cur_line = 0;
  bool open = false;
  auto finish = [&] {
    if (!open) return;
    open = false;
    int d = 0;
    if (cur.date.empty() || !ParseDate(cur.date, &d)) {
      problems->push_back(InputProblem{
          file, cur_line,
          "document \"" + cur.id + "\" has no valid date (\"# date = YYYY-MM-DD\" or --date)"});
      return;
    }
    docs->push_back(std::move(cur));
  };
  std::vector<std::pair<int64_t, int64_t>> spans;
  for (const ConlluSentence& s : sentences) {
    bool starts = !has_newdoc || !open;
    for (const std::string& c : s.comments)
      if (c.rfind("# newdoc", 0) == 0) starts = true;
    if (starts) {
      finish();
      cur = Document{};
      open = true;
      cur_line = s.line;
      cur.id = s.Comment("newdoc id");
      if (cur.id.empty()) cur.id = s.Comment("sent_id");
      if (cur.id.empty()) cur.id = file + ":" + std::to_string(s.line);
      cur.date = s.Comment("date");
      if (cur.date.empty()) cur.date = default_date;
      cur.source = s.Comment("source");
      cur.url = s.Comment("url");
    }
    if (!cur.text.empty()) cur.text += '\n';
    const size_t base = cur.text.size();
    std::string text = s.Comment("text");
    if (text.empty() || !Locate(s, text, &spans)) {
      text = SentenceText(s);
      if (!Locate(s, text, &spans)) spans.assign(s.words.size(), {-1, -1});
    }
    cur.text += text;
    // Words of this sentence, then their heads as document indexes.
    std::vector<int> index(s.words.size(), -1);
    for (size_t w = 0; w < s.words.size(); ++w) {
      if (spans[w].first < 0) continue;
      index[w] = int(cur.words.size());
      ParsedWord pw;
      pw.start = uint32_t(base + size_t(spans[w].first));
      pw.end = uint32_t(base + size_t(spans[w].second));
      pw.deprel = s.words[w].deprel;
      pw.upos = s.words[w].upos;
      pw.lemma = s.words[w].lemma;
      cur.words.push_back(std::move(pw));
    }
    for (size_t w = 0; w < s.words.size(); ++w) {
      if (index[w] < 0) continue;
      const int h = s.words[w].head;
      cur.words[size_t(index[w])].head =
          h >= 1 && size_t(h) <= s.words.size() ? index[size_t(h - 1)] : -1;
    }
  }
  finish();
}

}  // namespace casus::syntax
