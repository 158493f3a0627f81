#include "dict/cameo_codes.h"

#include <algorithm>
#include <iterator>

namespace casus::dict {

namespace {
constexpr CameoCode kTable[] = {
#include "dict/cameo_codes_table.inc"
};
}  // namespace

const CameoCode* LookupCameo(std::string_view code) {
  // The table is short (about 320 rows) and read once per event: linear
  // search over contiguous rows is fast enough and keeps the table constexpr.
  for (const CameoCode& c : kTable)
    if (code == c.code) return &c;
  return nullptr;
}

bool CompleteWithoutTarget(std::string_view code) {
  const std::string_view r = code.substr(0, 2);
  return r == "01" || r == "02" || r == "03" || r == "08" || r == "09" || r == "10" || r == "11" ||
         r == "12" || r == "13" || r == "15" || code == "196";
}

std::string_view RootLabel(std::string_view root) {
  const CameoCode* c = LookupCameo(root);
  return c ? std::string_view(c->label) : std::string_view();
}

void SetEventCode(Event* ev, const std::string& code) {
  ev->code = code;
  ev->root = code.substr(0, 2);
  if (const CameoCode* cc = LookupCameo(code)) {
    ev->quad_class = cc->quad_class;
    ev->goldstein = cc->goldstein;
    ev->plover = cc->plover;
  }
}

}  // namespace casus::dict
