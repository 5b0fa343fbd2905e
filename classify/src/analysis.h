// The full analysis of one document, shared by the cue report, the codebook model and the
// feature extractor of the trained model, so a document is tokenised once.
#pragma once

#include <string>
#include <vector>

#include "framescope/classify/codebook.h"
#include "framescope/classify/cues.h"
#include "framescope/corpus/document.h"
#include "framescope/corpus/text.h"
#include "matcher.h"

namespace framescope::classify::detail {

struct DocumentAnalysis {
  TokenStream stream;
  CueAnalysis result;
  std::vector<const Cue*> cue_cues;  // the codebook cue behind each hit (parallel to hits)
};

// Title + "\n\n" + text (just the text when there is no title); *title_bytes = where the text
// starts.
std::string AnalysedText(const corpus::Document& doc, std::size_t* title_bytes);

// `tokens`, when not null, are the document's words segmented already (see
// corpus::DocumentTokens); otherwise the analysed text is segmented here.
DocumentAnalysis AnalyseInternal(const Codebook& codebook, const corpus::Document& doc,
                                 const corpus::DocumentTokens* tokens = nullptr);

}  // namespace framescope::classify::detail
