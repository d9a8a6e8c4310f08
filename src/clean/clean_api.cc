// CleanPlainText (storyloom/text.h): the cleaner with the options ingest
// gives a plain-text input.
#include "clean/cleaner.h"
#include "storyloom/resources.h"
#include "storyloom/text.h"

namespace storyloom {

std::vector<CleanArticle> CleanPlainText(const MappedText& text, const Resources& resources) {
  CleanOptions options;
  options.datelines = &resources.datelines();
  return CleanText(text, resources.chrome(), options);
}

}  // namespace storyloom
