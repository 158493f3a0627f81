#include "casus/status.h"

namespace casus {

namespace {
const char* CodeName(Status::Code c) {
  switch (c) {
    case Status::Code::kOk: return "OK";
    case Status::Code::kNotFound: return "not found";
    case Status::Code::kInvalidArgument: return "invalid argument";
    case Status::Code::kCorruption: return "malformed input";
    case Status::Code::kIOError: return "I/O error";
    case Status::Code::kTooLarge: return "too large";
    case Status::Code::kInternal: return "internal error";
  }
  return "unknown";
}
}  // namespace

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(state_->code)) + ": " + state_->message;
}

}  // namespace casus
