// `storyloom export`: stories, events and documents as other tools load
// them. All of Timeline17 goes in; pandas (Debian's python3-pandas, which
// scripts/bootstrap installs) reads the CSV back, and it must hold exactly
// what the JSON views hold.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

namespace fs = std::filesystem;

// What pandas makes of a CSV export beside its JSON lines export: rows,
// ids, and the fields that differ (text compared as text, lists as the
// ';'-joined values).
constexpr const char* kCompare = R"PY(
import json, sys
import pandas
csv_path, jsonl_path, key = sys.argv[1], sys.argv[2], sys.argv[3]
frame = pandas.read_csv(csv_path, keep_default_na=False, dtype=str)
rows = [json.loads(line) for line in open(jsonl_path, encoding="utf-8") if line.strip()]
def cell(v):
    if v is None: return ""
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return ";".join(x if isinstance(x, str) else json.dumps(x) for x in v)
    if isinstance(v, (dict, list)): return json.dumps(v, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    if isinstance(v, float): return repr(v)
    return str(v)
mismatches = []
for i, row in enumerate(rows):
    if i >= len(frame): break
    for name, value in row.items():
        if name not in frame.columns:
            mismatches.append(f"column {name} missing"); continue
        got, want = frame.at[i, name], cell(value)
        if isinstance(value, float):
            same = got != "" and abs(float(got) - value) <= 1e-9 * max(1.0, abs(value))
        else:
            same = got == want
        if not same and len(mismatches) < 5:
            mismatches.append(f"row {i} {name}: {got[:60]!r} != {want[:60]!r}")
print(json.dumps({"rows": len(frame), "columns": list(frame.columns),
                  "keys": [frame.at[i, key] for i in range(len(frame))], "mismatches": mismatches}))
)PY";

nlohmann::json Compare(const TempDir& dir, const std::string& csv, const std::string& jsonl, const std::string& key) {
  dir.Write("compare.py", kCompare);
  std::string cmd = "/usr/bin/python3 " + ShellQuote(dir.Path("compare.py")) + " " + ShellQuote(csv) + " " +
                    ShellQuote(jsonl) + " " + key + " > " + ShellQuote(dir.Path("compare.out")) + " 2>&1";
  int status = std::system(cmd.c_str());
  std::string out = ReadAll(dir.Path("compare.out"));
  EXPECT_EQ(status, 0) << "pandas could not read " << csv << " (scripts/bootstrap installs python3-pandas):\n" << out;
  auto j = nlohmann::json::parse(out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << out;
  return j.is_discarded() ? nlohmann::json::object() : j;
}

class ExportEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::path t17 = SharedData() / "timeline17";
    if (!fs::exists(t17)) return;
    dir_ = new TempDir();
    store_ = dir_->Path("t17.db");
    std::vector<std::string> args = {"ingest", "--store", store_, "--threads", "2", "-q"};
    for (const auto& e : fs::directory_iterator(t17)) {
      if (fs::exists(e.path() / "articles.jsonl")) args.push_back((e.path() / "articles.jsonl").string());
    }
    CliResult r = RunCli(args);
    ingest_ok_ = r.exit_code == 0;
    ingest_err_ = r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    SKIP_WITHOUT(SharedData() / "timeline17");
    ASSERT_TRUE(ingest_ok_) << ingest_err_;
  }
  // `export WHAT` in both formats, with extra flags.
  void Export(const std::string& what, const std::vector<std::string>& flags = {}) {
    for (const char* format : {"csv", "jsonl"}) {
      std::vector<std::string> args = {"export", what, "--store", store_, "--format", format,
                                       "-o", dir_->Path(what + "." + format)};
      args.insert(args.end(), flags.begin(), flags.end());
      CliResult r = RunCli(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static inline TempDir* dir_ = nullptr;
  static inline std::string store_;
  static inline bool ingest_ok_ = false;
  static inline std::string ingest_err_;
};

TEST_F(ExportEndToEnd, EveryStoryIsOneCsvRowThatPandasReadsAsTheJsonHasIt) {
  Export("stories");
  auto stories = JsonLines(RunCli({"stories", "--json", "--store", store_}).out);
  ASSERT_GT(stories.size(), 100u);
  nlohmann::json got = Compare(*dir_, dir_->Path("stories.csv"), dir_->Path("stories.jsonl"), "id");
  EXPECT_EQ(got["rows"], stories.size()) << "one row per story";
  std::vector<std::string> ids;
  for (const auto& s : stories) ids.push_back(std::to_string(s["id"].get<int64_t>()));
  EXPECT_EQ(got["keys"].get<std::vector<std::string>>(), ids) << "the stories in the order `stories` lists them";
  EXPECT_EQ(got["columns"][0], "id");
  EXPECT_TRUE(got["mismatches"].empty()) << got["mismatches"].dump(1);
  // The JSON lines export is `stories --json`, line for line.
  EXPECT_EQ(JsonLines(ReadAll(dir_->Path("stories.jsonl"))), stories);
}

TEST_F(ExportEndToEnd, EventsAndDocumentsComeWholeTextsAndAll) {
  Export("events");
  auto events = JsonLines(RunCli({"stories", "--events", "--json", "--store", store_}).out);
  ASSERT_GT(events.size(), 100u);
  nlohmann::json got = Compare(*dir_, dir_->Path("events.csv"), dir_->Path("events.jsonl"), "story");
  EXPECT_EQ(got["rows"], events.size());
  EXPECT_EQ(got["columns"][0], "story");
  EXPECT_EQ(got["columns"][1], "number");
  EXPECT_TRUE(got["mismatches"].empty()) << got["mismatches"].dump(1);

  // Documents: texts with commas, quotes and line breaks survive the CSV.
  Export("documents");
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  ASSERT_GT(docs.size(), 4000u);
  got = Compare(*dir_, dir_->Path("documents.csv"), dir_->Path("documents.jsonl"), "id");
  EXPECT_EQ(got["rows"], docs.size());
  EXPECT_TRUE(got["mismatches"].empty()) << got["mismatches"].dump(1);
  auto exported = JsonLines(ReadAll(dir_->Path("documents.jsonl")));
  ASSERT_EQ(exported.size(), docs.size());
  size_t placed = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(exported[i]["text"], docs[i]["text"]);
    placed += exported[i]["story"].is_number();
  }
  EXPECT_EQ(placed, docs.size()) << "every document names its story";
}

TEST_F(ExportEndToEnd, SinceAndLanguageFilterAndABadDayIsRefused) {
  Export("documents", {"--since", "2011-01-01"});
  auto all = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  size_t want = 0;
  for (const auto& d : all) want += d["published"].is_string() && d["published"].get<std::string>() >= "2011-01-01";
  auto since = JsonLines(ReadAll(dir_->Path("documents.jsonl")));
  EXPECT_EQ(since.size(), want);
  EXPECT_GT(want, 0u);
  EXPECT_LT(want, all.size());
  Export("stories", {"--lang", "vi"});
  EXPECT_TRUE(JsonLines(ReadAll(dir_->Path("stories.jsonl"))).empty()) << "Timeline17 is English";
  EXPECT_EQ(ReadAll(dir_->Path("stories.csv")).substr(0, 3), "id,") << "an empty CSV still has its header";
  CliResult bad = RunCli({"export", "stories", "--store", store_, "--since", "last week"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("YYYY-MM-DD"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace storyloom::testing
