// Bad input never crashes and never silently disappears: each problem is one
// line on stderr naming the file (and line), and everything good beside it
// is stored.
#include <gtest/gtest.h>
#include <iconv.h>

#include <random>
#include <sstream>

#include "e2e/cli_runner.h"
#include "gzip_for_tests.h"

namespace storyloom::testing {
namespace {

const char kGoodArticle[] =
    "Harbour workers end strike after pay deal\n"
    "Dock workers in the port city voted on Monday to accept a new pay offer, ending a strike that had "
    "held up hundreds of ships for nine days. The union said the deal raises wages by six percent.\n"
    "Shipping companies said the backlog would take about two weeks to clear.\n";

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_.Write("in/good.txt", kGoodArticle);
    std::string binary(4096, '\0');
    std::mt19937 rng(7);
    for (char& c : binary) c = static_cast<char>(rng() & 0xFF);
    binary[10] = '\0';
    tmp_.Write("in/photo.jpg", binary);
    tmp_.Write("in/empty.txt", "");
    // Latin-1 bytes: a legacy encoding, converted, not replaced.
    tmp_.Write("in/latin1.txt",
               "Le caf\xE9 du port a rouvert apr\xE8s les travaux de l'\xE9t\xE9. "
               "Les clients sont revenus d\xE8s le premier matin, a dit la g\xE9rante.\n");
    // Mostly UTF-8 with two stray bytes: kept, bytes replaced and counted.
    tmp_.Write("in/broken_utf8.txt",
               "Giá xăng giảm lần thứ ba liên tiếp \xFF trong tháng này, theo thông báo của bộ \xFE ngành.\n");
    std::string gz = Gzip(std::string(kGoodArticle) + "A second paragraph about the port reopening fully.\n");
    tmp_.Write("in/feed.txt.gz", gz.substr(0, gz.size() / 2));  // truncated
    tmp_.Write("in/feed.jsonl",
               "{\"text\": \"The city council approved the new bus routes on Tuesday after a long debate.\", "
               "\"title\": \"Bus routes approved\", \"published\": \"2025-03-11T10:00:00Z\", \"lang\": \"en\", "
               "\"source\": \"Example Daily\", \"section\": \"city\"}\n"
               "{\"text\": \"this line is cut off\n"
               "[1, 2, 3]\n"
               "{\"title\": \"no text here\"}\n"
               "{\"text\": \"Rain is expected across the north of the country for the rest of the week.\", "
               "\"published\": \"2025-03-12\"}\n");
  }
  TempDir tmp_;
  std::string store_ = tmp_.Path("bad.db");
};

TEST_F(BadInputTest, EachProblemIsNamedAndTheGoodIsKept) {
  CliResult r = RunCli({"ingest", tmp_.Path("in"), "--store", store_, "--threads", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("photo.jpg: binary"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt: empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("broken_utf8.txt: 2 invalid byte(s)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.txt.gz: truncated"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:3: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:4: no \"text\""), std::string::npos) << r.err;

  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  std::map<std::string, std::vector<nlohmann::json>> by_file;
  for (const auto& d : docs) by_file[std::filesystem::path(d["path"].get<std::string>()).filename()].push_back(d);
  ASSERT_EQ(by_file["good.txt"].size(), 1u);
  EXPECT_EQ(by_file["good.txt"][0]["lang"], "en");
  ASSERT_EQ(by_file["latin1.txt"].size(), 1u);
  EXPECT_NE(by_file["latin1.txt"][0]["text"].get<std::string>().find("café du port"), std::string::npos);
  ASSERT_EQ(by_file["broken_utf8.txt"].size(), 1u);
  EXPECT_NE(by_file["broken_utf8.txt"][0]["text"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  // What the truncated gzip held before the cut is kept.
  ASSERT_EQ(by_file["feed.txt.gz"].size(), 1u);
  ASSERT_EQ(by_file["feed.jsonl"].size(), 2u);
  EXPECT_EQ(by_file["feed.jsonl"][0]["published"], "2025-03-11");
  EXPECT_EQ(by_file["feed.jsonl"][0]["source"], "Example Daily");
  EXPECT_EQ(by_file["feed.jsonl"][0]["metadata"]["section"], "city");
  EXPECT_EQ(by_file["feed.jsonl"][1]["source"], "") << "the API's document shape: no source is \"\"";
  EXPECT_EQ(by_file.count("photo.jpg"), 0u);
}

TEST_F(BadInputTest, StrictFailsOnAnyProblemAndNothingReadableFails) {
  EXPECT_EQ(RunCli({"ingest", tmp_.Path("in"), "--store", store_, "--strict"}).exit_code, 1);
  TempDir only_bad;
  only_bad.Write("a.bin", std::string("\x00\x01\x02\x03", 4));
  only_bad.Write("b.txt", "");
  CliResult r = RunCli({"ingest", only_bad.path(), "--store", only_bad.Path("x.db")});
  EXPECT_NE(r.exit_code, 0);
  CliResult missing = RunCli({"ingest", tmp_.Path("does-not-exist"), "--store", store_});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("does-not-exist: no such file"), std::string::npos) << missing.err;
}

TEST_F(BadInputTest, KeepBadKeepsMalformedJsonLinesAsText) {
  CliResult r = RunCli({"ingest", tmp_.Path("in/feed.jsonl"), "--store", store_, "--keep-bad"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:2: malformed JSON (a string is opened, but never closed); kept as text"),
            std::string::npos)
      << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  EXPECT_EQ(docs.size(), 3u);
}

TEST_F(BadInputTest, StandardInputIsRead) {
  CliResult r = RunCli({"ingest", "-", "--store", store_}, tmp_.Path("in/good.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["path"], "-");
  EXPECT_EQ(docs[0]["title"], "Harbour workers end strike after pay deal");
}

TEST_F(BadInputTest, AHugeSingleLineIsKeptInParts) {
  std::string line;
  const std::string sentence = "The river rose again overnight and crews worked to hold the levee. ";
  while (line.size() < (10u << 20)) line += sentence;
  tmp_.Write("huge.txt", line + "\n");
  CliResult r = RunCli({"ingest", tmp_.Path("huge.txt"), "--store", store_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("cut into 2 documents"), std::string::npos) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", store_}).out);
  ASSERT_EQ(docs.size(), 2u);
  size_t kept = docs[0]["text"].get<std::string>().size() + docs[1]["text"].get<std::string>().size();
  EXPECT_GE(kept + 2, line.size() - 1);  // every byte but the spaces at the cut
}

}  // namespace
}  // namespace storyloom::testing

namespace storyloom::testing {
namespace {

const char kGoodJsonLine[] =
    "{\"text\": \"The city council approved the new bus routes on Tuesday after a long debate.\", \"lang\": \"en\"}";

TEST(BadInputMore, CircularSymlinksAreNamedAndTheRestIsStored) {
  TempDir tmp;
  tmp.Write("in/good.txt", kGoodArticle);
  std::filesystem::create_symlink("b", tmp.Path("in/a"));
  std::filesystem::create_symlink("a", tmp.Path("in/b"));
  CliResult r = RunCli({"ingest", tmp.Path("in"), "--store", tmp.Path("s.db")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("in/a: cannot read"), std::string::npos) << r.err;
  EXPECT_EQ(JsonLines(RunCli({"docs", "--json", "--store", tmp.Path("s.db")}).out).size(), 1u);
}

TEST(BadInputMore, Utf16WithAByteOrderMarkIsText) {
  TempDir tmp;
  const std::string text = "Lũ lụt ở Jakarta buộc 1.500 gia đình phải rời nhà.\nNước bắt đầu rút vào ngày 6/3.\n";
  // UTF-8 to UTF-16LE by hand (all these characters are in the BMP).
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c < 0x80 ? c : c < 0xE0 ? c & 0x1F : c & 0x0F;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += n;
    le += static_cast<char>(cp & 0xFF);
    le += static_cast<char>(cp >> 8);
    be += static_cast<char>(cp >> 8);
    be += static_cast<char>(cp & 0xFF);
  }
  tmp.Write("in/le.txt", le);
  tmp.Write("in/be.txt", be);
  CliResult r = RunCli({"ingest", tmp.Path("in"), "--store", tmp.Path("s.db"), "--no-stories"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("binary"), std::string::npos) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", tmp.Path("s.db")}).out);
  ASSERT_EQ(docs.size(), 2u);
  for (const auto& d : docs) {
    EXPECT_EQ(d["lang"], "vi") << d;
    EXPECT_NE(d["text"].get<std::string>().find("Lũ lụt ở Jakarta"), std::string::npos) << d["text"];
    EXPECT_NE(d["text"].get<std::string>().find("ngày 6/3"), std::string::npos) << d["text"];
  }
}

TEST(BadInputMore, JsonLinesSayWhyAndWhenTheyAreCut) {
  TempDir tmp;
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  std::string huge = "{\"text\": \"";
  const std::string sentence = "The river rose again overnight and crews worked to hold the levee. ";
  while (huge.size() < (9u << 20)) huge += sentence;
  huge += "\", \"title\": \"Levee\"}";
  tmp.Write("feed.jsonl", std::string(kGoodJsonLine) + "\n" + deep + "\n" + huge + "\n");
  CliResult r = RunCli({"ingest", tmp.Path("feed.jsonl"), "--store", tmp.Path("s.db"), "--no-stories"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:2: malformed JSON (the JSON document was too deep"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:3: text of "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("documents of at most"), std::string::npos) << r.err;
  auto docs = JsonLines(RunCli({"docs", "--json", "--store", tmp.Path("s.db")}).out);
  EXPECT_GE(docs.size(), 3u) << "the good line and the cut text's parts";
}

// The seed's Vietnamese in another encoding, by the C library's iconv.
std::string Reencode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) return "";
  out.resize(out.size() - out_left);
  return out;
}

TEST(BadInputMore, VietnameseInLegacyEncodingsReadsAsInUtf8) {
  // The three Vietnamese seeds: leads, glued scraped articles, a corpus line.
  std::vector<std::string> seeds;
  for (const char* name : {"000_a80fcedb49878259.txt", "001_763c83c05bb50d17.txt", "002_2b00dee8545ff48d.txt"}) {
    seeds.push_back(SharedDir() + "/seeds/" + name);
    SKIP_WITHOUT(seeds.back());
  }
  TempDir tmp;
  for (size_t k = 0; k < seeds.size(); ++k) {
    std::string name = std::to_string(k) + ".txt";
    std::string utf8 = ReadAll(seeds[k]);
    // Windows-1258 writes tones as combining marks, and knows the seeds'
    // quotes and dashes; VISCII only letters: its copy keeps the lines it
    // can encode whole.
    std::string cp1258 = Reencode(utf8, "WINDOWS-1258");
    ASSERT_FALSE(cp1258.empty()) << name;
    std::string viscii_source;
    std::istringstream lines(utf8);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || !Reencode(line, "VISCII").empty()) viscii_source += line + "\n";
    }
    std::string viscii = Reencode(viscii_source, "VISCII");
    ASSERT_FALSE(viscii.empty()) << name;
    tmp.Write("utf8/" + name, utf8);
    tmp.Write("cp1258/" + name, cp1258);
    tmp.Write("viscii/" + name, viscii);
    tmp.Write("viscii-utf8/" + name, viscii_source);
  }
  auto bodies = [&](const std::string& dir) {
    std::string store = tmp.Path(dir + ".db");
    CliResult r = RunCli({"ingest", tmp.Path(dir), "--store", store, "--no-stories"});
    EXPECT_EQ(r.exit_code, 0) << dir << ": " << r.err;
    std::vector<std::string> out;
    for (const auto& d : JsonLines(RunCli({"docs", "--json", "--store", store}).out)) {
      EXPECT_EQ(d["lang"], "vi") << dir << ": " << d["text"];
      out.push_back(d["text"].get<std::string>());
    }
    return out;
  };
  std::vector<std::string> expected = bodies("utf8");
  ASSERT_GE(expected.size(), 4u) << "001 holds two articles and a fragment";
  EXPECT_EQ(bodies("cp1258"), expected) << "Windows-1258 must clean as UTF-8 does";
  std::vector<std::string> from_viscii = bodies("viscii");
  EXPECT_EQ(from_viscii, bodies("viscii-utf8")) << "VISCII must clean as UTF-8 does";
  for (const std::string& b : from_viscii) EXPECT_EQ(b.find("\xEF\xBF\xBD"), std::string::npos) << b;
}

TEST(CommandLine, ReadingAStoreThatIsNotThereSaysSoAndCreatesNothing) {
  TempDir tmp;
  std::string path = tmp.Path("typo.db");
  for (std::vector<std::string> args : {std::vector<std::string>{"docs"}, {"stories"}, {"story", "1"}, {"timeline", "1"}}) {
    args.push_back("--store");
    args.push_back(path);
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("no store at " + path), std::string::npos) << args[0] << ": " << r.err;
    EXPECT_FALSE(std::filesystem::exists(path)) << args[0] << " created an empty store";
  }
}

TEST(CommandLine, UsageErrorsExitTwoAndNameTheNearestCommand) {
  CliResult typo = RunCli({"injest", "x"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown command 'injest' (did you mean 'ingest'?)"), std::string::npos) << typo.err;
  CliResult flag = RunCli({"stories", "--no-such-flag"});
  EXPECT_EQ(flag.exit_code, 2) << flag.err;
  CliResult none = RunCli({});
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_EQ(RunCli({"--help"}).exit_code, 0);
}

}  // namespace
}  // namespace storyloom::testing
