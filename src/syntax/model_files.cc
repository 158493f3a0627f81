#include "syntax/model_files.h"

namespace casus::syntax {

Status SaveTaggerModel(const std::string& path, const Tagger& tagger,
                       const Lemmatizer& lemmatizer) {
  BinaryWriter w;
  WriteHeader(&w, Tagger::kMagic, Tagger::kVersion);
  tagger.Save(&w);
  lemmatizer.Save(&w);
  return w.WriteFile(path);
}

Status LoadTaggerModel(const std::string& path, Tagger* tagger, Lemmatizer* lemmatizer) {
  std::string data;
  CASUS_TRY(ReadWholeFile(path, &data));
  BinaryReader r(data);
  uint32_t version = 0;
  CASUS_TRY(CheckHeader(&r, Tagger::kMagic, Tagger::kMinVersion, Tagger::kVersion, path,
                        "tagger model", &version));
  if (!tagger->Load(&r) || !lemmatizer->Load(&r))
    return Status::Corruption(path + ": tagger model is truncated or damaged");
  if (!r.at_end()) return Status::Corruption(path + ": unexpected data after the tagger model");
  return Status::OK();
}

Status SaveParserModel(const std::string& path, const Parser& parser) {
  BinaryWriter w;
  WriteHeader(&w, Parser::kMagic, parser.format_version());
  parser.Save(&w);
  return w.WriteFile(path);
}

Status LoadParserModel(const std::string& path, Parser* parser) {
  std::string data;
  CASUS_TRY(ReadWholeFile(path, &data));
  BinaryReader r(data);
  uint32_t version = 0;
  CASUS_TRY(CheckHeader(&r, Parser::kMagic, Parser::kMinVersion, Parser::kVersion, path,
                        "parser model", &version));
  if (!parser->Load(&r, version)) return Status::Corruption(path + ": parser model is truncated or damaged");
  if (!r.at_end()) return Status::Corruption(path + ": unexpected data after the parser model");
  return Status::OK();
}

}  // namespace casus::syntax
