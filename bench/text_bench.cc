// Micro-benchmarks of the per-document text stages on text written here.
#include <benchmark/benchmark.h>

#include <string>

#include "storyloom/langid.h"
#include "storyloom/resources.h"
#include "storyloom/text.h"

namespace storyloom {
namespace {

std::string Article(int paragraphs) {
  std::string text = "Harbour reopens after week-long closure\n";
  for (int i = 0; i < paragraphs; ++i) {
    text += "Port officials said on Monday that ships could again enter the harbour after engineers cleared the "
            "wreck that had blocked the channel, and that the backlog of about 40 vessels would clear by Friday.\n";
  }
  return text;
}

void BM_Normalize(benchmark::State& state) {
  MappedText text = MappedText::Identity(Article(20));
  for (auto _ : state) benchmark::DoNotOptimize(Normalize(text, {}));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Normalize);

void BM_CleanText(benchmark::State& state) {
  auto resources = Resources::Load(FindResources(STORYLOOM_SOURCE_RESOURCES, ""));
  if (!resources) {
    state.SkipWithError(resources.error().message().c_str());
    return;
  }
  MappedText text = MappedText::Identity(Article(20));
  for (auto _ : state) benchmark::DoNotOptimize(CleanPlainText(text, **resources));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CleanText);

void BM_Sentences(benchmark::State& state) {
  Segmenter segmenter;
  Document doc;
  doc.body = MappedText::Identity(Article(20));
  doc.lang = "en";
  for (auto _ : state) {
    segmenter.Segment(&doc, {}, /*with_tokens=*/state.range(0) != 0);
    benchmark::DoNotOptimize(doc.sentences.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.body.size()));
}
BENCHMARK(BM_Sentences)->Arg(0)->Arg(1)->ArgNames({"tokens"});

void BM_Identify(benchmark::State& state) {
  auto id = LanguageIdentifier::Load(std::string(STORYLOOM_SOURCE_RESOURCES) + "/models/lid.176.ftz",
                                     std::string(STORYLOOM_SOURCE_RESOURCES) + "/langid/id_ms.tsv");
  if (!id) {
    state.SkipWithError(id.error().message().c_str());
    return;
  }
  std::string text = Article(1).substr(0, 200);
  for (auto _ : state) benchmark::DoNotOptimize((*id)->Identify(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Identify);

}  // namespace
}  // namespace storyloom
