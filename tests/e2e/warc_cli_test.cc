// A web archive on the command line: what a crawl holds beside its pages
// (requests, the crawl's own record) is information, not a problem.
#include <gtest/gtest.h>

#include <string>

#include "e2e/cli_runner.h"
#include "warc_for_tests.h"

namespace storyloom::testing {
namespace {

TEST(WarcCommandLine, ACrawlsRequestRecordsAreNoProblem) {
  const std::string page =
      "<html><head><title>Ferry service resumes</title></head><body><article><h1>Ferry service resumes</h1>"
      "<p>The ferry between the two islands sailed again on Monday after a week of storms kept it in port, the "
      "operator said, with extra crossings planned for the weekend.</p></article></body></html>";
  const std::string crawl =
      WarcRecord("warcinfo", "", "software: a crawler\r\n", "application/warc-fields") +
      WarcRecord("request", "https://port.example/ferry", "GET /ferry HTTP/1.1\r\nHost: port.example\r\n\r\n",
                 "application/http; msgtype=request") +
      WarcRecord("response", "https://port.example/ferry", HttpResponse(page));
  TempDir dir;
  dir.Write("crawl.warc", crawl);
  CliResult strict = RunCli({"ingest", dir.Path("crawl.warc"), "--store", dir.Path("a.db"), "--strict", "-q"});
  EXPECT_EQ(strict.exit_code, 0) << strict.err;
  EXPECT_EQ(strict.err, "") << "--quiet leaves only problems";
  CliResult told = RunCli({"ingest", dir.Path("crawl.warc"), "--store", dir.Path("b.db")});
  EXPECT_EQ(told.exit_code, 0) << told.err;
  EXPECT_NE(told.err.find("read 1 page(s) of 3 WARC records; skipped 1 request record(s), 1 warcinfo record(s)"),
            std::string::npos)
      << told.err;
  EXPECT_EQ(told.err.find("problem(s)"), std::string::npos) << told.err;
  EXPECT_EQ(JsonLines(RunCli({"docs", "--json", "--store", dir.Path("a.db")}).out).size(), 1u);
  // A damaged record is a problem, and --strict says so.
  dir.Write("damaged.warc", crawl + "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n");
  CliResult damaged = RunCli({"ingest", dir.Path("damaged.warc"), "--store", dir.Path("c.db"), "--strict", "-q"});
  EXPECT_EQ(damaged.exit_code, 1) << damaged.err;
  EXPECT_NE(damaged.err.find("damaged.warc"), std::string::npos) << damaged.err;
}

}  // namespace
}  // namespace storyloom::testing
