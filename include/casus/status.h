// casus: one error vocabulary for the whole engine.
//
// A Status is either OK (no allocation) or carries a code and a message.
// Result<T> holds a value or a non-OK Status. CASUS_TRY returns early on error.
// Nothing in casus throws across a stage boundary.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace casus {

class Status {
 public:
  enum class Code : int {
    kOk = 0,
    kNotFound = 1,        ///< a file, document or entry does not exist
    kInvalidArgument = 2, ///< a caller or user gave a bad value
    kCorruption = 3,      ///< input data is malformed (bad JSON, bad UTF-8, bad dictionary)
    kIOError = 4,         ///< the operating system or SQLite failed
    kTooLarge = 5,        ///< input over a configured limit
    kInternal = 6,        ///< a bug in casus
  };

  Status() = default;  // OK
  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status TooLarge(std::string_view msg) { return Status(Code::kTooLarge, msg); }
  static Status Internal(std::string_view msg) { return Status(Code::kInternal, msg); }

  // Returns true iff the status indicates success.
  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  // The message without the code name; empty for OK.
  const std::string& message() const;
  // "OK" or "<code name>: <message>".
  std::string ToString() const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : state_(std::make_shared<const State>(State{code, std::string(msg)})) {}
  std::shared_ptr<const State> state_;  // null == OK
};

// A value of type T or an error Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: implicit by design
  // REQUIRES: !status.ok() when constructed from a Status.

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  // Moves the value out into *out and returns OK, or returns the error.
  Status get(T* out) && {
    if (!ok()) return std::get<Status>(v_);
    *out = std::get<T>(std::move(v_));
    return Status::OK();
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace casus

#define CASUS_TRY(expr)                          \
  do {                                           \
    ::casus::Status _casus_st = (expr);          \
    if (!_casus_st.ok()) return _casus_st;       \
  } while (0)
