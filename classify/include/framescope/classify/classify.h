// The classify module's public API in one include: codebook.h (frames and cues), cues.h (cue
// analysis and voice), classifier.h (codebook model, training, prediction, cross-validation,
// uncertainty sampling), evaluation.h (metrics), agreement.h (coder reliability).
#pragma once

#include "framescope/classify/agreement.h"
#include "framescope/classify/classifier.h"
#include "framescope/classify/codebook.h"
#include "framescope/classify/cues.h"
#include "framescope/classify/evaluation.h"
