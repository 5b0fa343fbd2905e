#include "report_builder.h"

#include <algorithm>

#include "commands.h"
#include "framescope/classify/classify.h"
#include "framescope/corpus/dates.h"
#include "framescope/corpus/text.h"
#include "framescope/index/index.h"
#include "model_loader.h"

namespace framescope::cli {

Result<report::ReportInput> BuildReport(const corpus::Study& study, const ReportRequest& req) {
  auto searcher = index::Searcher::Open(IndexPath(study, req.index));
  if (!searcher) return tl::unexpected(searcher.error());
  auto docs = (*searcher)->Documents(req.query, false, true);
  if (!docs) return tl::unexpected(docs.error());
  auto clf = LoadClassifier(study, "");
  if (!clf) return tl::unexpected(clf.error());
  auto cb = LoadCodebook(&study);
  if (!cb) return tl::unexpected(cb.error());

  report::ReportInput in;
  in.title = "Framing report: " + (study.config().name.empty() ? study.root() : study.config().name);
  in.query = req.query;
  in.study = study.root();
  in.index_revision = (*searcher)->revision();
  // The model recorded by the last `index` run, which labelled the documents; the study's
  // current model only for an index written before the record existed.
  in.model = (*searcher)->metadata(kModelMetadataKey);
  if (in.model.empty()) in.model = ModelIdentity(*clf, ModelPath(study, ""));
  in.codebook_hash = cb->hash();
  in.generated_at = corpus::NowIsoUtc();
  in.version = kVersion;
  report::TrendOptions opts;
  opts.by = corpus::ParseGranularity(req.by).value_or(corpus::Granularity::kYear);
  opts.group = req.group.empty() ? report::Group::kNone
                                 : report::ParseGroup(req.group).value_or(report::Group::kNone);
  opts.dedup = req.dedup;
  if (req.normalize) {
    auto all = (*searcher)->Documents("*", false, false);
    if (!all) return tl::unexpected(all.error());
    opts.normalize_totals = report::CountCoverage(*all, opts);
  }
  in.trend = report::ComputeTrend(*docs, opts);

  // Evidence: for each frame, the own-voice cue sentences of the documents most confidently in it.
  std::map<std::string, std::vector<std::pair<double, std::size_t>>> by_frame;
  for (std::size_t i = 0; i < docs->size(); ++i) {
    const auto& d = (*docs)[i];
    auto it = d.scores.find(d.frame);
    by_frame[d.frame].push_back({it == d.scores.end() ? 0.0 : it->second, i});
  }
  for (auto& [frame, list] : by_frame) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::size_t taken = 0;
    for (const auto& [score, i] : list) {
      if (taken >= req.evidence_per_frame) break;
      const auto& d = (*docs)[i];
      auto p = clf->Predict(d);
      const auto& sentences = p.sentences;  // CueHit::sentence indexes this list
      for (const auto& c : p.cues) {
        if (c.frame != frame || c.voice != classify::Voice::kOwn || c.sentence >= sentences.size())
          continue;
        in.evidence.push_back({frame, d.id, sentences[c.sentence], c.cue, score});
        ++taken;
        break;
      }
    }
  }
  for (auto& d : *docs) d.text.clear();  // the report lists documents; their text is not needed
  in.docs = std::move(*docs);
  return in;
}

}  // namespace framescope::cli
