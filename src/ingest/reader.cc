#include "ingest/reader.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <libxml/uri.h>
#include <simdjson.h>

#include "base/utf8.h"
#include "clean/cleaner.h"
#include "ingest/decode.h"
#include "ingest/feed_reader.h"
#include "ingest/warc_reader.h"
#include "ingest/json_text.h"
#include "storyloom/html.h"

namespace storyloom {
namespace fs = std::filesystem;

const char* FormatName(Format f) {
  switch (f) {
    case Format::kAuto: return "auto";
    case Format::kText: return "text";
    case Format::kLines: return "lines";
    case Format::kJsonl: return "jsonl";
    case Format::kHtml: return "html";
    case Format::kFeed: return "feed";
    case Format::kWarc: return "warc";
  }
  return "text";
}

bool ParseFormat(const std::string& name, Format* f) {
  for (Format c : {Format::kAuto, Format::kText, Format::kLines, Format::kJsonl, Format::kHtml, Format::kFeed,
                   Format::kWarc}) {
    if (name == FormatName(c)) {
      *f = c;
      return true;
    }
  }
  return false;
}

std::string HostOf(const std::string& url) {
  // libxml2's RFC 3986 parser (the feed reader's library) finds the host.
  xmlURIPtr uri = xmlParseURI(url.c_str());
  if (!uri) return "";
  std::string host;
  const std::string scheme = uri->scheme ? AsciiLower(uri->scheme) : "";
  if ((scheme == "http" || scheme == "https") && uri->server) host = AsciiLower(uri->server);
  xmlFreeURI(uri);
  if (host.starts_with("www.")) host = host.substr(4);
  return host;
}

std::string WithoutTrackingParameters(const std::string& url) {
  const size_t query = url.find('?');
  if (query == std::string::npos) return url;
  const size_t fragment = url.find('#', query);
  const std::string params = url.substr(query + 1, fragment == std::string::npos ? std::string::npos : fragment - query - 1);
  auto tracking = [](std::string_view name) {
    std::string n = AsciiLower(name);
    return n.starts_with("utm_") || n == "fbclid" || n == "gclid" || n == "dclid" || n == "msclkid" ||
           n == "mc_cid" || n == "mc_eid" || n == "igshid" || n == "_ga" || n == "yclid";
  };
  std::string kept;
  for (size_t at = 0; at <= params.size();) {
    size_t end = params.find('&', at);
    if (end == std::string::npos) end = params.size();
    std::string_view param = std::string_view(params).substr(at, end - at);
    if (!param.empty() && !tracking(param.substr(0, param.find('=')))) {
      kept += (kept.empty() ? "" : "&") + std::string(param);
    }
    at = end + 1;
  }
  return url.substr(0, query) + (kept.empty() ? "" : "?" + kept) +
         (fragment == std::string::npos ? "" : url.substr(fragment));
}

namespace {



std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Cuts [a, b) of `text` into pieces of at most `max` bytes, at a newline or
// space where there is one, never inside a UTF-8 sequence.
std::vector<Span> CutLong(const std::string& text, uint32_t a, uint32_t b, size_t max) {
  std::vector<Span> out;
  while (b - a > max) {
    uint32_t cut = a + static_cast<uint32_t>(max);
    uint32_t nl = cut;
    while (nl > a + max / 2 && text[nl] != '\n' && text[nl] != ' ') --nl;
    if (nl > a + max / 2) cut = nl + 1;
    while (cut > a && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.push_back({a, cut});
    a = cut;
  }
  out.push_back({a, b});
  return out;
}

MappedText SliceText(const MappedText& text, Span s) {
  MappedTextBuilder b;
  b.Copy(text, s.start, s.end);
  return std::move(b).Finish();
}

// Says that an over-long text was cut, and into how many documents.
void ReportCut(const std::string& path, uint32_t line, size_t bytes, size_t pieces, size_t max, ReadResult* out) {
  if (pieces < 2) return;
  out->issues.push_back({path, line,
                         "text of " + std::to_string(bytes) + " bytes cut into " + std::to_string(pieces) +
                             " documents of at most " + std::to_string(max) + " bytes",
                         false});
}

void AddTextUnits(const std::string& path, uint32_t line, Format format, const MappedText& decoded, Span span,
                  const ReadOptions& options, ReadResult* out) {
  std::vector<Span> pieces = CutLong(decoded.text(), span.start, span.end, options.max_unit_bytes);
  ReportCut(path, line, span.size(), pieces.size(), options.max_unit_bytes, out);
  for (size_t i = 0; i < pieces.size(); ++i) {
    InputUnit u;
    u.path = path;
    u.line = line;
    u.chunk = static_cast<uint32_t>(i);
    u.format = format;
    u.text = SliceText(decoded, pieces[i]);
    u.raw_span = decoded.ToOriginal(pieces[i]);
    out->units.push_back(std::move(u));
  }
}

// Calls fn(line_number, span) for every line of `t` that is not blank;
// spans exclude the newline.
template <typename Fn>
void ForEachLine(const std::string& t, Fn fn) {
  size_t pos = 0;
  uint32_t line_no = 0;
  while (pos < t.size()) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string::npos) nl = t.size();
    ++line_no;
    if (!IsBlank(std::string_view(t).substr(pos, nl - pos))) {
      fn(line_no, Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(nl)});
    }
    pos = nl + 1;
  }
}

void ReadJsonl(const std::string& path, const MappedText& decoded, const ReadOptions& options, ReadResult* out) {
  const std::string& t = decoded.text();
  simdjson::dom::parser parser;
  ForEachLine(t, [&](uint32_t line_no, Span span) {
    std::string_view line(t.data() + span.start, span.size());
    simdjson::dom::element root;
    simdjson::dom::object obj;
    std::string_view text;
    std::string problem, why;
    if (auto err = parser.parse(line.data(), line.size(), /*realloc_if_needed=*/true).get(root)) {
      problem = "malformed JSON";
      // Why, in simdjson's words ("The JSON document was too deeply nested.").
      why = std::string(" (") + simdjson::error_message(err) + ")";
      while (why.size() > 3 && (why[why.size() - 2] == '.' || why[why.size() - 2] == ' ')) why.erase(why.size() - 2, 1);
      if (why.size() > 2 && why[2] >= 'A' && why[2] <= 'Z') why[2] = static_cast<char>(why[2] - 'A' + 'a');
    } else if (root.get_object().get(obj)) {
      problem = "not a JSON object";
    } else if (obj["text"].get_string().get(text)) {
      problem = "no \"text\" string field";
    } else if (IsBlank(text)) {
      problem = "empty \"text\"";
    }
    if (!problem.empty()) {
      bool keep = options.keep_bad && problem == "malformed JSON";
      out->issues.push_back({path, line_no, problem + why + (keep ? "; kept as text" : "; skipped"), !keep});
      if (keep) AddTextUnits(path, line_no, Format::kText, decoded, span, options, out);
      return;
    }
    InputUnit u;
    u.path = path;
    u.line = line_no;
    u.format = Format::kJsonl;
    u.raw_span = decoded.ToOriginal(span);
    // The text decoded again with its map to the line's bytes, checked
    // against the parser's value; if they ever differ, the text points at the
    // whole line instead.
    MappedText line_map = SliceText(decoded, span);
    for (size_t q = FindJsonStringValue(line, "text"); q != std::string_view::npos;
         q = FindJsonStringValue(line, "text", q + 1)) {
      std::optional<MappedText> mapped = DecodeJsonStringMapped(line_map, q);
      if (mapped && mapped->text() == text) {
        u.text = std::move(*mapped);
        break;
      }
    }
    if (u.text.text() != text) {
      MappedTextBuilder b;
      b.AppendOriginal(text, u.raw_span.start, u.raw_span.end);
      u.text = std::move(b).Finish();
    }
    auto field = [&](const char* key) {
      std::string_view v;
      return obj[key].get_string().get(v) ? std::string() : std::string(v);
    };
    u.title = field("title");
    u.url = field("url");
    u.source = field("source");
    u.lang = field("lang");
    // Feeds name the publication date differently; the first present wins.
    std::string published;
    std::string_view date_key;
    for (const char* key : {"published", "date", "time", "pubdate", "datePublished"}) {
      published = field(key);
      if (!published.empty()) {
        date_key = key;
        break;
      }
    }
    if (!published.empty()) {
      u.published = NormalizePublished(published);
      if (!u.published) out->issues.push_back({path, line_no, "unrecognised published date '" + published + "'", false});
    }
    // Every other field is kept, verbatim (minified), as metadata.
    std::string extra;
    for (auto [key, value] : obj) {
      if (key == "text" || key == "title" || key == "url" || key == "lang" || key == "source" || key == date_key) {
        continue;
      }
      extra += extra.empty() ? "{" : ",";
      extra += JsonQuote(key) + ":" + simdjson::minify(value);
    }
    if (!extra.empty()) u.metadata_json = extra + "}";
    if (text.size() > options.max_unit_bytes) {
      // Rare: a huge JSON text. Cut it like any over-long text.
      std::vector<Span> pieces = CutLong(u.text.text(), 0, static_cast<uint32_t>(u.text.size()), options.max_unit_bytes);
      ReportCut(path, line_no, u.text.size(), pieces.size(), options.max_unit_bytes, out);
      for (size_t i = 0; i < pieces.size(); ++i) {
        InputUnit part = u;
        part.chunk = static_cast<uint32_t>(i);
        part.text = SliceText(u.text, pieces[i]);
        out->units.push_back(std::move(part));
      }
      return;
    }
    out->units.push_back(std::move(u));
  });
}

void ReadHtml(const std::string& path, const MappedText& decoded, ReadResult* out) {
  InputUnit u;
  if (!HtmlPageUnit(path, decoded, &u)) {
    out->issues.push_back({path, 0, "no article text found in the page", true});
    return;
  }
  out->units.push_back(std::move(u));
}

}  // namespace

bool HtmlPageUnit(const std::string& path, const MappedText& decoded, InputUnit* unit) {
  HtmlArticle a = ExtractArticle(decoded.text());
  InputUnit& u = *unit;
  u.path = path;
  u.format = Format::kHtml;
  // The extractor's offsets are into the decoded page; compose with the
  // decoder's map so they lead to the input bytes.
  MappedTextBuilder b;
  const MappedText& body = a.body;
  for (const OffsetRun& r : body.runs()) {
    Span o = decoded.ToOriginal({r.orig_start, r.orig_start + r.orig_len});
    b.AppendOriginal(std::string_view(body.text()).substr(r.text_start, r.text_len), o.start, o.end);
  }
  u.text = std::move(b).Finish();
  if (u.text.size() != body.size()) u.text = body;  // runs did not cover the text: keep page offsets
  u.raw_span = {0, static_cast<uint32_t>(decoded.runs().empty() ? 0 : decoded.OriginalEnd(static_cast<uint32_t>(decoded.size())))};
  u.title = a.title;
  u.url = a.url;
  u.site = a.site;
  // A page's publisher: the name it gives its site, else the host it was
  // fetched from, so that a crawl's stories count their sources.
  u.source = !a.site.empty() ? a.site : HostOf(a.url);
  u.byline = a.byline;
  u.lang = a.lang;
  u.published = a.published;
  for (RemovedSpan r : a.removed) {
    r.span = decoded.ToOriginal(r.span);
    u.removed.push_back(std::move(r));
  }
  return !IsBlank(u.text.text());
}

Format SniffFormat(const std::string& path, std::string_view head) {
  std::string name = LowerAscii(fs::path(path).filename().string());
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (name.ends_with(".jsonl") || name.ends_with(".ndjson")) return Format::kJsonl;
  if (name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml")) return Format::kHtml;
  if (name.ends_with(".warc") || head.starts_with("WARC/1.")) return Format::kWarc;
  if (name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".rdf")) return Format::kFeed;
  if (!SniffFeed(head).empty()) return Format::kFeed;
  // Other XML goes to the feed reader too, which says what it is and skips
  // it, rather than storing its markup as text; XHTML pages stay HTML.
  size_t first = head.find_first_not_of(" \t\r\n");
  bool xml = name.ends_with(".xml") || (first != std::string_view::npos && head.substr(first).starts_with("<?xml"));
  if (xml && !LooksLikeHtml(LowerAscii(head.substr(0, 2048)))) return Format::kFeed;
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && head[i] == '{') {
    size_t nl = head.find('\n', i);
    std::string_view first = head.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    if (nlohmann::json::accept(first)) return Format::kJsonl;
  }
  if (LooksLikeHtml(LowerAscii(head.substr(0, 2048)))) return Format::kHtml;
  return Format::kText;
}

std::optional<std::string> NormalizePublished(std::string_view v) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > v.size()) return -1;
    int x = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(v[k]))) return -1;
      x = x * 10 + (v[k] - '0');
    }
    return x;
  };
  if (v.size() >= 10 && v[4] == '-' && v[7] == '-') {
    int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y > 0 && m > 0 && d > 0) return DayFirstDate(d, m, y);
  }
  // dd/mm/yyyy or dd.mm.yyyy
  size_t s1 = v.find_first_of("/."), s2 = s1 == std::string_view::npos ? s1 : v.find_first_of("/.", s1 + 1);
  if (s1 != std::string_view::npos && s2 != std::string_view::npos && s1 <= 2 && s2 - s1 <= 3) {
    int d = digits(0, s1), m = digits(s1 + 1, s2 - s1 - 1), y = digits(s2 + 1, 4);
    if (d > 0 && m > 0 && y > 0) return DayFirstDate(d, m, y);
  }
  return std::nullopt;
}

std::vector<std::string> ExpandInputPaths(const std::vector<std::string>& args, std::vector<InputIssue>* issues) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    if (a == "-") {
      out.push_back(a);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      issues->push_back({a, 0, "no such file or directory", true});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(a, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        // The error_code forms throughout: an entry that cannot be looked
        // at (a symlink loop, a dangling link) is reported, not thrown.
        std::error_code entry_ec;
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(entry_ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(entry_ec)) {
          files.push_back(it->path().string());
        } else if (entry_ec) {
          issues->push_back({it->path().string(), 0, "cannot read: " + entry_ec.message() + "; skipped", true});
        }
      }
      if (ec) issues->push_back({a, 0, "cannot read directory: " + ec.message(), false});
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(a);
    }
  }
  return out;
}

namespace {

// The encoding an XML declaration names (<?xml version="1.0"
// encoding="windows-1251"?>), or empty: a feed says how it is written, and
// that is better than a guess. (Valid UTF-8 is read as UTF-8 whatever it
// says.)
std::string DeclaredXmlEncoding(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 256);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head.substr(start, 5) != "<?xml") return "";
  size_t end = head.find("?>", start);
  if (end == std::string_view::npos) return "";
  std::string_view decl = head.substr(start, end - start);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  size_t close = decl.find(decl[q], q + 1);
  if (close == std::string_view::npos || close - q - 1 > 40) return "";
  return std::string(decl.substr(q + 1, close - q - 1));
}

}  // namespace

ReadResult ReadInput(const std::string& path, const std::string& bytes, const ReadOptions& options) {
  ReadResult out;
  if (IsBlank(bytes)) {
    out.issues.push_back({path, 0, bytes.empty() ? "empty file; skipped" : "only white space; skipped", true});
    out.unreadable = true;
    return out;
  }
  // A web archive holds many pages, each in its own encoding: its records
  // are decoded one by one.
  if (options.format == Format::kWarc ||
      (options.format == Format::kAuto && SniffFormat(path, std::string_view(bytes).substr(0, 16)) == Format::kWarc)) {
    out.format = Format::kWarc;
    out.encoding = "WARC";
    ReadWarc(path, bytes, options, &out);
    if (out.units.empty()) out.unreadable = true;
    return out;
  }
  DecodedText decoded = DecodeToUtf8(bytes, DeclaredXmlEncoding(bytes));
  if (decoded.binary) {
    out.issues.push_back({path, 0, "binary data, not text; skipped", true});
    out.unreadable = true;
    return out;
  }
  out.encoding = decoded.encoding;
  out.invalid_bytes = decoded.invalid;
  if (decoded.invalid > 0) {
    out.issues.push_back({path, 0,
                          std::to_string(decoded.invalid) + " invalid byte(s) for " + decoded.encoding +
                              " replaced by U+FFFD",
                          false});
  }
  const MappedText& text = decoded.text;
  out.format = options.format == Format::kAuto ? SniffFormat(path, std::string_view(text.text()).substr(0, 4096))
                                               : options.format;
  switch (out.format) {
    case Format::kJsonl:
      ReadJsonl(path, text, options, &out);
      break;
    case Format::kHtml:
      ReadHtml(path, text, &out);
      break;
    case Format::kFeed:
      ReadFeed(path, text, options, &out);
      break;
    case Format::kLines:
      ForEachLine(text.text(), [&](uint32_t line_no, Span span) {
        AddTextUnits(path, line_no, Format::kLines, text, span, options, &out);
      });
      break;
    default:
      AddTextUnits(path, 0, Format::kText, text, {0, static_cast<uint32_t>(text.size())}, options, &out);
      break;
  }
  if (out.units.empty()) out.unreadable = true;
  return out;
}

}  // namespace storyloom
