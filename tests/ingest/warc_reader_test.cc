#include "ingest/warc_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "gzip_for_tests.h"
#include "ingest/decode.h"
#include "ingest/reader.h"
#include "shared_data.h"
#include "warc_for_tests.h"

namespace storyloom {
namespace {

using testing::Gzip;
using testing::HttpResponse;
using testing::WarcRecord;

std::string Page(const std::string& title, const std::string& para) {
  return "<html><head><title>" + title + "</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
         "<article><h1>" + title + "</h1><p>" + para + "</p><p>" + para + " Officials gave no further details.</p>"
         "</article><footer>Copyright</footer></body></html>";
}

const std::string kPara1 =
    "The river rose two metres overnight and flooded more than two thousand homes in the lower district, the "
    "provincial relief office said on Tuesday.";
const std::string kPara2 =
    "Relief convoys reached the flooded villages on Wednesday morning with drinking water, rice and medicine for the "
    "families who had spent the night on rooftops.";

TEST(WarcReader, ReadsHtmlResponsesAndCountsTheRest) {
  std::string warc = WarcRecord("warcinfo", "", "software: test\r\n", "application/warc-fields") +
                     WarcRecord("request", "https://a.example/flood", "GET /flood HTTP/1.1\r\n\r\n",
                            "application/http; msgtype=request") +
                     WarcRecord("response", "https://a.example/flood", HttpResponse(Page("Flood", kPara1))) +
                     WarcRecord("response", "https://a.example/old", HttpResponse("", "301 Moved Permanently")) +
                     WarcRecord("response", "https://a.example/logo.png", HttpResponse("\x89PNG....", "200 OK", "image/png")) +
                     WarcRecord("metadata", "https://a.example/flood", "fetchTimeMs: 120\r\n", "application/warc-fields");
  // Chunked transfer: the page is put back together.
  std::string page2 = Page("Relief", kPara2);
  std::string chunked;
  {
    char hex[24];
    std::snprintf(hex, sizeof hex, "%zx", page2.size() / 2);
    chunked = std::string(hex) + "\r\n" + page2.substr(0, page2.size() / 2) + "\r\n";
    std::snprintf(hex, sizeof hex, "%zx", page2.size() - page2.size() / 2);
    chunked += std::string(hex) + "\r\n" + page2.substr(page2.size() / 2) + "\r\n0\r\n\r\n";
  }
  warc += WarcRecord("response", "<https://b.example/relief>",
                 HttpResponse(chunked, "200 OK", "text/html", "Transfer-Encoding: chunked\r\n"));

  ReadResult r = ReadInput("crawl.warc", warc, {});
  EXPECT_EQ(r.format, Format::kWarc);
  ASSERT_EQ(r.units.size(), 2u);
  const InputUnit& a = r.units[0];
  EXPECT_EQ(a.url, "https://a.example/flood");
  EXPECT_EQ(a.line, 3u);  // the record's number
  EXPECT_EQ(a.title, "Flood");
  EXPECT_NE(a.text.text().find("The river rose two metres"), std::string::npos);
  EXPECT_EQ(a.text.text().find("Home"), std::string::npos);
  EXPECT_EQ(a.published, "2024-01-09");  // the fetch date, the page having none
  EXPECT_EQ(a.published_from, "fetched");
  EXPECT_EQ(a.source, "a.example") << "a page naming no site is published by its host";
  // The text leads back to its bytes in the archive.
  const std::string words = "provincial relief office";
  size_t at = a.text.text().find(words);
  ASSERT_NE(at, std::string::npos);
  Span s = a.text.ToOriginal({static_cast<uint32_t>(at), static_cast<uint32_t>(at + words.size())});
  EXPECT_EQ(warc.substr(s.start, s.size()), "provincial relief office");

  EXPECT_EQ(r.units[1].url, "https://b.example/relief");  // WARC 1.0's <...> taken off
  EXPECT_EQ(r.units[1].source, "b.example");
  EXPECT_NE(r.units[1].text.text().find("Relief convoys reached"), std::string::npos);

  ASSERT_FALSE(r.issues.empty());
  const std::string& said = r.issues.back().message;
  EXPECT_NE(said.find("read 2 page(s) of 7 WARC records"), std::string::npos) << said;
  EXPECT_NE(said.find("1 request record(s)"), std::string::npos) << said;
  EXPECT_NE(said.find("1 response(s) with HTTP status 3xx"), std::string::npos) << said;
  EXPECT_NE(said.find("1 response(s) that are not HTML"), std::string::npos) << said;
}

TEST(WarcReader, GzipMemberARecordAndDamage) {
  std::string one = WarcRecord("response", "https://a.example/1", HttpResponse(Page("One", kPara1)));
  std::string two = WarcRecord("response", "https://a.example/2", HttpResponse(Page("Two", kPara2)));
  std::string gz = Gzip(one) + Gzip(two);
  std::string warning;
  auto bytes = MaybeGunzip(gz, "c.warc.gz", &warning);
  ASSERT_TRUE(bytes.has_value());
  ReadResult r = ReadInput("c.warc.gz", *bytes, {});
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[1].title, "Two");

  // A record whose length runs past the end: said, with its number and
  // offset; the good record before it is kept.
  std::string cut = one + two.substr(0, two.size() / 2);
  r = ReadInput("cut.warc", cut, {});
  ASSERT_EQ(r.units.size(), 1u);
  bool said = false;
  for (const InputIssue& i : r.issues) {
    if (i.message.find("record 2 (byte " + std::to_string(one.size()) + "): cut short") != std::string::npos) said = true;
  }
  EXPECT_TRUE(said);

  // Garbage is not a WARC: said, nothing read.
  r = ReadInput("x.warc", "not an archive at all", {});
  EXPECT_TRUE(r.units.empty());
  EXPECT_TRUE(r.unreadable);
}

// One damaged member in a .warc.gz costs its own record, said, and the
// records after it are read: a crawl is not lost to one bad block.
TEST(WarcReader, ADamagedMemberCostsOneRecordNotTheRest) {
  std::vector<std::string> members;
  for (int k = 0; k < 4; ++k) {
    members.push_back(Gzip(WarcRecord("response", "https://a.example/" + std::to_string(k),
                                  HttpResponse(Page("Page " + std::to_string(k), k % 2 ? kPara2 : kPara1)))));
  }
  std::string damaged = members[1];
  for (size_t k = 12; k < damaged.size() - 8; k += 7) damaged[k] = static_cast<char>(damaged[k] ^ 0x5a);
  std::string warning;
  auto bytes = MaybeGunzip(members[0] + damaged + members[2] + members[3], "d.warc.gz", &warning);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_NE(warning.find("1 corrupt gzip member(s) skipped"), std::string::npos) << warning;
  ReadResult r = ReadInput("d.warc.gz", *bytes, {});
  std::vector<std::string> titles;
  for (const InputUnit& u : r.units) titles.push_back(u.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"Page 0", "Page 2", "Page 3"}));
}

// A Content-Length near 2^64 is said and ends the file; it must not wrap
// around and send the reader back over the same record for ever.
TEST(WarcReader, AnAbsurdLengthIsSaidNotLoopedOn) {
  std::string one = WarcRecord("response", "https://a.example/1", HttpResponse(Page("One", kPara1)));
  std::string bad = "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
                    "Content-Length: 18446744073709551416\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>";
  ReadResult r = ReadInput("huge.warc", one + bad, {});
  ASSERT_EQ(r.units.size(), 1u);
  bool said = false;
  for (const InputIssue& i : r.issues) said |= i.message.find("record 2") != std::string::npos;
  EXPECT_TRUE(said);
}

// The charset the HTTP response declares is how its page is read.
TEST(WarcReader, TheDeclaredCharsetReadsThePage) {
  // Latin-1 French, declared in the response's Content-Type.
  std::string latin1 = "<html><head><title>D\xe9\x62\x61t</title></head><body><article><h1>D\xe9\x62\x61t</h1><p>" +
                       kPara1 + " Le pr\xe9\x66\x65t a \xe9voqu\xe9 une d\xe9\x63ision \xe0 prendre.</p><p>" +
                       kPara2 + "</p></article></body></html>";
  std::string warc = WarcRecord("response", "https://a.example/fr", HttpResponse(latin1, "200 OK", "text/html; charset=ISO-8859-1"));
  ReadResult r = ReadInput("fr.warc", warc, {});
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].title, "D\xc3\xa9\x62\x61t");
  EXPECT_NE(r.units[0].text.text().find("pr\xc3\xa9\x66\x65t a \xc3\xa9voqu\xc3\xa9"), std::string::npos);
}

// The 181 pages of the article-extraction benchmark, packed into one
// archive, read exactly as each page read alone: so the archive's
// extraction scores what `eval extract` scores on those pages.
TEST(WarcReader, ArchiveOfTheBenchmarkPagesReadsAsThePagesDo) {
  std::filesystem::path dir = testing::SharedData() / "article-extraction";
  SKIP_WITHOUT(dir / "ground-truth.json");
  std::ifstream in(dir / "ground-truth.json");
  nlohmann::json truth = nlohmann::json::parse(in);
  std::string warc;
  std::vector<std::string> ids;
  std::map<std::string, std::string> alone;  // id -> text read as one page
  for (const auto& [id, entry] : truth.items()) {
    std::string warning;
    auto page = ReadFileBytes((dir / "html" / (id + ".html.gz")).string(), &warning);
    if (!page) page = ReadFileBytes((dir / "html" / (id + ".html")).string(), &warning);
    if (!page) continue;
    ReadOptions o;
    o.format = Format::kHtml;
    ReadResult one = ReadInput(id + ".html", *page, o);
    alone[id] = one.units.empty() ? "" : one.units[0].text.text();
    ids.push_back(id);
    warc += WarcRecord("response", "https://bench.example/" + id, HttpResponse(*page, "200 OK", "text/html"));
  }
  ASSERT_GE(ids.size(), 150u);
  ReadResult r = ReadInput("bench.warc", warc, {});
  std::map<std::string, std::string> archived;
  for (const InputUnit& u : r.units) archived[u.url.substr(std::string("https://bench.example/").size())] = u.text.text();
  size_t same = 0;
  for (const std::string& id : ids) {
    EXPECT_EQ(archived[id], alone[id]) << id;
    same += archived[id] == alone[id];
  }
  EXPECT_EQ(same, ids.size());
}

}  // namespace
}  // namespace storyloom
