// Sentences and words with ICU break iterators, lower-cased tokens, Snowball
// stems where Snowball has the language, Vietnamese syllables plus the words
// a segmented source marked. ICU iterators and Snowball stemmers keep state,
// so each thread owns a Segmenter.
#ifndef STORYLOOM_TEXT_SEGMENT_H_
#define STORYLOOM_TEXT_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyloom/document.h"
#include "storyloom/text.h"

namespace storyloom {

// Segmenter: public, in storyloom/text.h.


// The Snowball algorithm for an ISO 639-1 code, or nullptr.
const char* SnowballAlgorithm(const std::string& lang);

}  // namespace storyloom

#endif  // STORYLOOM_TEXT_SEGMENT_H_
