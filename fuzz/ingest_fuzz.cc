// libFuzzer target: arbitrary bytes through every reader (feeds and web
// archives too), the cleaner, the
// normaliser and the HTML extractor. Nothing may crash, hang or read out of
// bounds, and every mapped span must stay inside the input.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "clean/cleaner.h"
#include "ingest/decode.h"
#include "ingest/reader.h"
#include "storyloom/html.h"
#include "text/normalize.h"

namespace {

const storyloom::ChromeTable& Table() {
  static const auto table = [] {
    auto t = storyloom::ChromeTable::Load(std::string(STORYLOOM_SOURCE_RESOURCES) + "/clean/chrome.tsv");
    if (!t) std::abort();
    return std::move(*t);
  }();
  return *table;
}

void CheckInside(const storyloom::MappedText& text, size_t input_size) {
  for (const storyloom::OffsetRun& r : text.runs()) {
    if (r.orig_start + r.orig_len > input_size) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string warning;
  auto inflated = storyloom::MaybeGunzip(bytes, "fuzz", &warning);
  if (inflated) bytes = *inflated;
  for (storyloom::Format f : {storyloom::Format::kAuto, storyloom::Format::kText, storyloom::Format::kLines,
                              storyloom::Format::kJsonl, storyloom::Format::kHtml, storyloom::Format::kFeed,
                              storyloom::Format::kWarc}) {
    storyloom::ReadOptions options;
    options.format = f;
    options.max_unit_bytes = 4096;
    storyloom::ReadResult r = storyloom::ReadInput("fuzz", bytes, options);
    for (const storyloom::InputUnit& u : r.units) {
      CheckInside(u.text, bytes.size() + 3);
      if (u.raw_span.end > bytes.size() + 3 || u.raw_span.start > u.raw_span.end) std::abort();
      for (const storyloom::CleanArticle& a : storyloom::CleanText(u.text, Table(), {})) {
        for (const storyloom::MappedText& p : a.paragraphs) {
          storyloom::NormalizeOptions n;
          n.segmented_corpus = storyloom::LooksWordSegmented(p.text());
          storyloom::NormalizedText out = storyloom::Normalize(p, n);
          CheckInside(out.text, bytes.size() + 3);
        }
      }
    }
  }
  return 0;
}
