// DocFeatures to bytes and back, for the store: the story stage rebuilds
// its state from them instead of re-reading and re-annotating documents.
// Little-endian, versioned by a leading byte; shingles are kept apart since
// only near-duplicate verification reads them.
#ifndef STORYLOOM_STORIES_FEATURES_CODEC_H_
#define STORYLOOM_STORIES_FEATURES_CODEC_H_

#include <string>
#include <string_view>

#include "stories/features.h"
#include "storyloom/status.h"

namespace storyloom {

// Everything but names and shingles (the LSH bands stand in for them).
std::string EncodeFeatures(const DocFeatures& f);
Result<DocFeatures> DecodeFeatures(std::string_view bytes);

// What placing a queued document needs and the features leave out: the
// dates its sentences tell of, the readable names of its keys and its
// shingles (placed, its shingles come again from its text). Kept on
// the placement queue until the document is placed (Store::QueueForPlacement);
// decoding fills those fields of `f`.
std::string EncodePending(const DocFeatures& f);
Status DecodePending(std::string_view bytes, DocFeatures* f);

// Sorted shingles as deltas in LEB128 varints (about half the bytes).
std::string EncodeShingles(const std::vector<uint64_t>& shingles);
Result<std::vector<uint64_t>> DecodeShingles(std::string_view bytes);

}  // namespace storyloom

#endif  // STORYLOOM_STORIES_FEATURES_CODEC_H_
