// The body shared by the TABARI and PETRARCH dictionary fuzz targets: the
// first byte picks one of `formats`, the rest is read as that file. Any bytes
// must load with problems reported as file:line:column, never a crash, and
// the compiled dictionary must then code a sentence without crashing.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "casus/dictionary.h"
#include "casus/pipeline.h"

inline int FuzzClassicDictionary(const uint8_t* data, size_t size, const char* const* formats,
                                 size_t num_formats) {
  if (size == 0 || size > 1 << 16) return 0;
  const char* format = formats[data[0] % num_formats];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<casus::DictProblem> problems;
  auto d = casus::Dictionary::FromClassicText(format, "fuzz.txt", text, &problems);
  if (!d.ok()) return 0;
  for (const casus::DictProblem& p : problems)
    if (p.line < 1 || p.column < 1 || p.file != "fuzz.txt") abort();
  casus::CodingOptions o;
  casus::ApplyDictionaryOptions(*d.value(), &o);
  casus::Pipeline pipeline(d.value(), o);
  casus::Coder coder = pipeline.NewCoder();
  casus::Document doc;
  doc.id = "f";
  doc.date = "1995-01-01";
  doc.text = "Arnor is about to restore full diplomatic ties with Gondor, the Arnorian "
             "ambassadors said; Gollum was not shot by Mordor's army and they attacked it.";
  std::vector<casus::Event> events;
  coder.Code(doc, nullptr, &events);
  return 0;
}
