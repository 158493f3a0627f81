#include "casus/pipeline.h"

#include "code/coder.h"

namespace casus {

Coder::Coder(std::unique_ptr<internal::CoderImpl> impl) : impl_(std::move(impl)) {}
Coder::~Coder() = default;
Coder::Coder(Coder&&) noexcept = default;
Coder& Coder::operator=(Coder&&) noexcept = default;

void Coder::Code(const Document& doc, std::vector<Sentence>* sentences,
                 std::vector<Event>* events) {
  impl_->Code(doc, sentences, events);
}

Pipeline::Pipeline(std::shared_ptr<const Dictionary> dict, CodingOptions options)
    : dict_(std::move(dict)), options_(options) {}

Coder Pipeline::NewCoder() const {
  return Coder(std::make_unique<internal::CoderImpl>(dict_->compiled(), options_));
}

}  // namespace casus
