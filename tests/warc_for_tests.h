// WARC records for tests: one record, and an HTTP response to put in one,
// as a crawler writes them.
#ifndef STORYLOOM_TESTS_WARC_FOR_TESTS_H_
#define STORYLOOM_TESTS_WARC_FOR_TESTS_H_

#include <string>

namespace storyloom::testing {

inline std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& block,
                              const std::string& content_type = "application/http; msgtype=response") {
  std::string h = "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) +
                  ">\r\nWARC-Date: 2024-01-09T10:11:12Z\r\n";
  if (!uri.empty()) h += "WARC-Target-URI: " + uri + "\r\n";
  h += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return h + block + "\r\n\r\n";
}

inline std::string HttpResponse(const std::string& body, const std::string& status = "200 OK",
                                const std::string& type = "text/html; charset=utf-8", const std::string& extra = "") {
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\n" + extra + "\r\n" + body;
}

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_WARC_FOR_TESTS_H_
