// Micro-benchmarks of anchor finding (AnchorFinder::Find) per language, on news
// sentences written here for the purpose (no corpus text). The anchor
// tables load once, outside the timed loops; they need the resources folder
// and, for lexicon pivots, FreeDict and ../shared (missing ones are skipped,
// which makes the numbers faster and not comparable).
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "storyloom/anchors.h"

namespace storyloom {
namespace {

const AnchorFinder& Finder() {
  static const std::unique_ptr<AnchorFinder> r = [] {
    AnchorOptions o;
    o.resources_dir = STORYLOOM_SOURCE_RESOURCES;
    o.lexicon_paths = DefaultLexiconPaths(o.resources_dir);
    o.languages = {"en", "vi", "id", "ar"};
    return AnchorFinder::Load(o);
  }();
  return *r;
}

// A paragraph of one made-up report, the same facts in each language.
std::string Text(const std::string& lang) {
  if (lang == "en")
    return "The military government in Niamey said on Tuesday that about 1,500 American troops would leave "
           "Niger by September. General Abdourahmane Tiani told ECOWAS envoys that Russia had sent 100 "
           "instructors and an air-defence system. Prices of rice rose 18% in the capital, and the World Bank "
           "warned that 3 million people could go hungry. ";
  if (lang == "vi")
    return "Chính quyền quân sự ở Niamey cho biết hôm thứ Ba rằng khoảng 1.500 binh sĩ Mỹ sẽ rút khỏi Niger "
           "trước tháng Chín. Tướng Abdourahmane Tiani nói với các phái viên ECOWAS rằng Nga đã gửi 100 "
           "huấn luyện viên và một hệ thống phòng không. Giá gạo ở thủ đô tăng 18%, và Ngân hàng Thế giới "
           "cảnh báo 3 triệu người có thể bị đói. ";
  if (lang == "id")
    return "Pemerintah militer di Niamey mengatakan pada hari Selasa bahwa sekitar 1.500 tentara Amerika akan "
           "meninggalkan Niger pada bulan September. Jenderal Abdourahmane Tchiani mengatakan kepada utusan "
           "ECOWAS bahwa Rusia telah mengirim 100 instruktur dan sistem pertahanan udara. Harga beras naik 18% "
           "di ibu kota, dan Bank Dunia memperingatkan bahwa 3 juta orang bisa kelaparan. ";
  return "قالت الحكومة العسكرية في نيامي يوم الثلاثاء إن نحو 1500 جندي أمريكي سيغادرون النيجر بحلول سبتمبر. "
         "وقال الجنرال عبد الرحمن تشياني لمبعوثي إيكواس إن روسيا أرسلت 100 مدرب ومنظومة للدفاع الجوي. "
         "وارتفعت أسعار الأرز بنسبة 18% في العاصمة، وحذر البنك الدولي من أن 3 ملايين شخص قد يعانون الجوع. ";
}

// One call per sentence, as the annotate stage makes them.
void BM_FindAnchors(benchmark::State& state, const std::string& lang) {
  const AnchorFinder& finder = Finder();
  std::string text = Text(lang);
  std::vector<std::string_view> sentences;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find(". ", start);
    end = end == std::string::npos ? text.size() : end + 2;
    sentences.push_back(std::string_view(text).substr(start, end - start));
    start = end;
  }
  size_t anchors = 0;
  for (auto _ : state) {
    for (std::string_view s : sentences) {
      auto found = finder.Find(s, lang);
      anchors += found.size();
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["anchors"] =
      benchmark::Counter(static_cast<double>(anchors) / static_cast<double>(state.iterations()));
}
BENCHMARK_CAPTURE(BM_FindAnchors, en, std::string("en"));
BENCHMARK_CAPTURE(BM_FindAnchors, vi, std::string("vi"));
BENCHMARK_CAPTURE(BM_FindAnchors, id, std::string("id"));
BENCHMARK_CAPTURE(BM_FindAnchors, ar, std::string("ar"));

}  // namespace
}  // namespace storyloom
