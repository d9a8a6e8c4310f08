// Transitional: the story dataset readers are public (storyloom/eval.h);
// this header stays for bench/timeline_size.cc, which still includes it.
// Delete it when that benchmark includes storyloom/eval.h.
#ifndef STORYLOOM_EVAL_STORY_DATASETS_H_
#define STORYLOOM_EVAL_STORY_DATASETS_H_

#include "storyloom/eval.h"

#endif  // STORYLOOM_EVAL_STORY_DATASETS_H_
