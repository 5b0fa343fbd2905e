#include "model_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "framescope/corpus/hash.h"

namespace framescope::cli {

namespace {
std::string InStudy(const corpus::Study& study, const std::string& p) {
  if (p.empty() || p[0] == '/') return p;
  if (std::filesystem::exists(p)) return p;
  return study.root() + "/" + p;
}
}  // namespace

Result<classify::Codebook> LoadCodebook(const corpus::Study* study) {
  std::string path = study ? InStudy(*study, study->config().codebook) : "";
  if (path.empty()) path = classify::DefaultCodebookPath();
  return classify::Codebook::Load(path);
}

Result<classify::Codebook> LoadCodebookFor(const std::string& study_root, const std::string& file) {
  if (!file.empty()) return classify::Codebook::Load(file);
  if (!std::filesystem::exists(study_root + "/framescope.toml")) return LoadCodebook(nullptr);
  auto study = corpus::Study::Open(study_root);
  if (!study) return tl::unexpected(study.error());
  return LoadCodebook(&*study);
}

std::string ModelPath(const corpus::Study& study, const std::string& model) {
  std::string path = InStudy(study, model.empty() ? study.config().model : model);
  if (path.empty()) {
    std::string bundled = corpus::DataDir() + "/models/default.json";
    if (std::filesystem::exists(bundled)) path = bundled;
  }
  return path;
}

std::string ModelIdentity(const classify::Classifier& clf, const std::string& path) {
  std::string id = clf.Describe();
  if (path.empty()) return id + "; the codebook's own model";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return id + "; file " + std::filesystem::path(path).filename().string() + " sha1 " +
         corpus::Sha1Hex(bytes.str());
}

Result<classify::Classifier> LoadClassifier(const corpus::Study& study, const std::string& model) {
  auto cb = LoadCodebook(&study);
  if (!cb) return tl::unexpected(cb.error());
  const std::string path = ModelPath(study, model);
  if (path.empty()) return classify::Classifier::FromCodebook(std::move(*cb));
  return classify::Classifier::Load(path, &*cb);
}

}  // namespace framescope::cli
