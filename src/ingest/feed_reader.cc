#include "ingest/feed_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/utf8.h"
#include "clean/cleaner.h"  // DayFirstDate
#include "storyloom/html.h"

namespace storyloom {

namespace {

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(a, b - a + 1));
}

// Runs of white space to one space, ends trimmed: titles, names.
std::string Squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

// ---- Parsing ---------------------------------------------------------------

// What one parse collects besides the tree: the parser's complaints.
struct ParseState {
  std::vector<std::pair<int, std::string>> errors;  // line, message
  int error_count = 0;
  std::vector<uint32_t> bare_ampersands;  // lines
};

void CollectError(void* ctx, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(ctxt->_private);
  if (!state || !error || error->level < XML_ERR_ERROR) return;
  if (++state->error_count > 5) return;
  std::string msg = error->message ? Trim(error->message) : "error";
  state->errors.emplace_back(error->line, std::move(msg));
}

// Feeds as people write them, made fit for an XML parser, outside CDATA
// sections and comments: HTML's named entities (&nbsp; &eacute;), which
// feeds use without declaring them, become character references, and a bare
// '&' becomes &amp;. Both matter beyond the one character: libxml2, once a
// document is not well-formed, drops every entity reference after the
// fault, accented letters included; character references it keeps.
// `bare_lines` gets the line of each bare '&'.
std::string RepairAmpersands(std::string_view t, std::vector<uint32_t>* bare_lines) {
  std::string out;
  out.reserve(t.size() + t.size() / 64);
  size_t pos = 0;
  uint32_t line = 1;     // the line `counted` is on
  size_t counted = 0;    // lines are counted up to here, once
  while (pos < t.size()) {
    size_t next = t.find_first_of("<&", pos);
    if (next == std::string_view::npos) {
      out.append(t.substr(pos));
      break;
    }
    out.append(t.substr(pos, next - pos));
    pos = next;
    if (t[pos] == '<') {
      for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<![CDATA[", "]]>"}, {"<!--", "-->"}}) {
        if (t.substr(pos, open.size()) == open) {
          size_t end = t.find(close, pos + open.size());
          end = end == std::string_view::npos ? t.size() : end + close.size();
          out.append(t.substr(pos, end - pos));
          pos = end;
          break;
        }
      }
      if (pos >= t.size() || t[pos] != '<') continue;
      // HTML's empty elements written bare in a feed's text (<br>, <hr>,
      // <img ...>) are closed, or they would swallow the items after them.
      size_t q = pos + 1;
      while (q < t.size() && std::isalpha(static_cast<unsigned char>(t[q]))) ++q;
      std::string tag(t.substr(pos + 1, q - pos - 1));
      for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t close = t.find('>', q);
      if ((tag == "br" || tag == "hr" || tag == "img" || tag == "wbr") && close != std::string_view::npos &&
          t[close - 1] != '/' && t.substr(q, close - q).find('<') == std::string_view::npos) {
        out.append(t.substr(pos, close - pos));
        out += "/>";
        pos = close + 1;
        continue;
      }
      out.push_back(t[pos++]);
      continue;
    }
    // '&': a reference, or a bare ampersand.
    size_t q = pos + 1;
    if (q < t.size() && t[q] == '#') {
      ++q;
      while (q < t.size() && q - pos < 12 && std::isalnum(static_cast<unsigned char>(t[q]))) ++q;
    } else {
      while (q < t.size() && q - pos < 40 && (std::isalnum(static_cast<unsigned char>(t[q])) || t[q] == '_' ||
                                              t[q] == '-' || t[q] == '.')) {
        ++q;
      }
    }
    if (q >= t.size() || t[q] != ';' || q == pos + 1) {
      line += static_cast<uint32_t>(std::count(t.begin() + counted, t.begin() + pos, '\n'));
      counted = pos;
      bare_lines->push_back(line);
      out += "&amp;";
      ++pos;
      continue;
    }
    std::string name(t.substr(pos + 1, q - pos - 1));
    static const char* kXml[] = {"amp", "lt", "gt", "quot", "apos"};
    bool xml = name[0] == '#' || std::any_of(std::begin(kXml), std::end(kXml), [&](const char* x) { return name == x; });
    const htmlEntityDesc* h = xml ? nullptr : htmlEntityLookup(BAD_CAST name.c_str());
    if (h) {
      out += "&#" + std::to_string(h->value) + ";";
    } else {
      out.append(t.substr(pos, q + 1 - pos));  // XML's own, or one the feed declares
    }
    pos = q + 1;
  }
  return out;
}

struct DocFree {
  void operator()(xmlDocPtr d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

DocPtr ParseXml(std::string_view text, ParseState* state) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return nullptr;
  ctxt->_private = state;
  ctxt->sax->serror = CollectError;
  ctxt->sax->warning = nullptr;
  ctxt->sax->error = nullptr;
  ctxt->sax->fatalError = nullptr;
  // The text is UTF-8 already (the decoder read any declared encoding).
  // No XML_PARSE_NOENT or DTDLOAD: an external entity is never loaded, so a
  // feed cannot make storyloom read a file or the network.
  // Lines past 65535 are counted as they are (BIG_LINES). No document URL
  // is given: a relative link resolves against an xml:base the feed
  // declares, never against the file's path on this machine.
  int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  std::string repaired = RepairAmpersands(text, &state->bare_ampersands);
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, repaired.data(),
                                    static_cast<int>(std::min<size_t>(repaired.size(), INT32_MAX)), nullptr, "UTF-8",
                                    opts);
  xmlFreeParserCtxt(ctxt);
  return DocPtr(doc);
}

// ---- The tree --------------------------------------------------------------

std::string_view Local(xmlNodePtr n) { return n && n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string_view NsUri(xmlNodePtr n) {
  return n && n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}

bool IsElement(xmlNodePtr n, std::string_view name) { return n && n->type == XML_ELEMENT_NODE && Local(n) == name; }

// The first child element named `name` whose namespace URI contains `ns`
// (any namespace when `ns` is empty).
xmlNodePtr Child(xmlNodePtr parent, std::string_view name, std::string_view ns = "") {
  if (!parent) return nullptr;
  for (xmlNodePtr c = parent->children; c; c = c->next) {
    if (IsElement(c, name) && (ns.empty() || NsUri(c).find(ns) != std::string_view::npos)) return c;
  }
  return nullptr;
}

std::vector<xmlNodePtr> Children(xmlNodePtr parent, std::string_view name) {
  std::vector<xmlNodePtr> out;
  if (!parent) return out;
  for (xmlNodePtr c = parent->children; c; c = c->next) {
    if (IsElement(c, name)) out.push_back(c);
  }
  return out;
}

std::string Content(xmlNodePtr n) {
  if (!n) return "";
  xmlChar* c = xmlNodeGetContent(n);
  std::string out = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return out;
}

std::string Attr(xmlNodePtr n, const char* name) {
  if (!n) return "";
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string NodeLang(xmlNodePtr n) {
  xmlChar* l = xmlNodeGetLang(n);
  std::string out = l ? reinterpret_cast<const char*>(l) : "";
  xmlFree(l);
  return out;
}

// `href` resolved against the element's xml:base, as Atom says.
std::string Resolve(xmlNodePtr n, const std::string& href) {
  if (href.empty()) return href;
  xmlChar* base = xmlNodeGetBase(n->doc, n);
  if (!base) return href;
  xmlChar* full = xmlBuildURI(BAD_CAST href.c_str(), base);
  std::string out = full ? reinterpret_cast<const char*>(full) : href;
  xmlFree(full);
  xmlFree(base);
  return out;
}

// `url` made absolute against `base` when it is relative; as it is when it
// is absolute or cannot be resolved.
std::string AgainstBase(const std::string& url, const std::string& base) {
  if (url.empty() || url.find("://") != std::string::npos || url.starts_with("urn:")) return url;
  xmlChar* full = xmlBuildURI(BAD_CAST url.c_str(), BAD_CAST base.c_str());
  std::string out = full ? reinterpret_cast<const char*>(full) : url;
  xmlFree(full);
  return out;
}

// The markup inside an element (Atom's type="xhtml" content), as HTML.
std::string InnerMarkup(xmlNodePtr n) {
  std::string out;
  xmlBufferPtr buf = xmlBufferCreate();
  for (xmlNodePtr c = n->children; c; c = c->next) {
    xmlBufferEmpty(buf);
    xmlNodeDump(buf, n->doc, c, 0, 0);
    out.append(reinterpret_cast<const char*>(xmlBufferContent(buf)), xmlBufferLength(buf));
  }
  xmlBufferFree(buf);
  return out;
}

// ---- HTML fragments --------------------------------------------------------

bool IsBlockTag(std::string_view t) {
  static const char* kBlocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                  "blockquote", "section", "article", "table", "tr", "figure", "figcaption", "pre"};
  return std::any_of(std::begin(kBlocks), std::end(kBlocks), [&](const char* b) { return t == b; });
}

void FragmentText(xmlNodePtr n, std::string* out) {
  for (xmlNodePtr c = n; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) *out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = Local(c);
      if (name == "script" || name == "style") continue;
      bool block = IsBlockTag(name);
      if (block) *out += "\n\n";
      FragmentText(c->children, out);
      if (block) *out += "\n\n";
    }
  }
}

// The text of a piece of HTML (a summary, an HTML title): paragraphs kept
// apart by blank lines, entities decoded, markup dropped.
std::string HtmlFragmentText(const std::string& html) {
  if (html.find('<') == std::string::npos && html.find('&') == std::string::npos) return Trim(html);
  std::string wrapped = "<html><body>" + html + "</body></html>";
  htmlDocPtr doc = htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (!doc) return Trim(html);
  std::string raw;
  FragmentText(xmlDocGetRootElement(doc), &raw);
  xmlFreeDoc(doc);
  // Blank-line-separated paragraphs, each squeezed.
  std::string out;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t br = raw.find("\n\n", pos);
    if (br == std::string::npos) br = raw.size();
    std::string para = Squeeze(std::string_view(raw).substr(pos, br - pos));
    if (!para.empty()) {
      if (!out.empty()) out += "\n\n";
      out += para;
    }
    pos = br + 2;
  }
  return out;
}

// ---- Where items are in the bytes -----------------------------------------

// The spans of the elements whose local name is `name`, in document order,
// found by a scan that steps over comments and CDATA sections. A span runs
// to the element's closing tag, or to the next one's start.
std::vector<Span> ElementSpans(const std::string& t, std::string_view name) {
  std::vector<Span> out;
  size_t pos = 0;
  std::vector<std::string> closers;
  while ((pos = t.find('<', pos)) != std::string::npos) {
    if (t.compare(pos, 4, "<!--") == 0) {
      size_t end = t.find("-->", pos + 4);
      pos = end == std::string::npos ? t.size() : end + 3;
      continue;
    }
    if (t.compare(pos, 9, "<![CDATA[") == 0) {
      size_t end = t.find("]]>", pos + 9);
      pos = end == std::string::npos ? t.size() : end + 3;
      continue;
    }
    size_t q = pos + 1;
    while (q < t.size() && !std::strchr(" \t\r\n/>", t[q])) ++q;
    std::string_view qname(t.data() + pos + 1, q - pos - 1);
    size_t colon = qname.find(':');
    std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
    if (local == name) {
      out.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(t.size())});
      closers.push_back("</" + std::string(qname) + ">");
    }
    pos = q;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t limit = i + 1 < out.size() ? out[i + 1].start : static_cast<uint32_t>(t.size());
    // Searched up to the next element only: a file cut short must not make
    // every item search to its end.
    size_t close = std::string_view(t).substr(0, limit).find(closers[i], out[i].start);
    if (close != std::string_view::npos) limit = static_cast<uint32_t>(close + closers[i].size());
    out[i].end = limit;
  }
  return out;
}

// ---- Items -----------------------------------------------------------------

struct Item {
  xmlNodePtr node = nullptr;
  std::string title, url, author, date, lang, guid, summary_html, content_html, content_text, updated;
  std::vector<std::string> other_dates;  // further date elements, tried in order when `date` is unreadable
  std::vector<std::string> categories;
  std::string publication;  // a sitemap entry's publication name
};

std::string FirstOf(xmlNodePtr n, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (xmlNodePtr c = Child(n, name); c) {
      std::string v = Trim(Content(c));
      if (!v.empty()) return v;
    }
  }
  return "";
}

// Every non-empty value of these child elements, in the order named.
std::vector<std::string> AllOf(xmlNodePtr n, std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (std::string_view name : names) {
    if (xmlNodePtr c = Child(n, name); c) {
      if (std::string v = Trim(Content(c)); !v.empty()) out.push_back(std::move(v));
    }
  }
  return out;
}

// The item's first date, and the others behind it.
void SetDates(Item* it, std::vector<std::string> dates) {
  if (dates.empty()) return;
  it->date = std::move(dates.front());
  it->other_dates.assign(std::make_move_iterator(dates.begin() + 1), std::make_move_iterator(dates.end()));
}

Item RssItem(xmlNodePtr n) {
  Item it;
  it.node = n;
  // An RSS title is often escaped HTML; it is read as such here, once.
  it.title = FirstOf(n, {"title"});
  if (it.title.find_first_of("<&") != std::string::npos) it.title = HtmlFragmentText(it.title);
  // RSS's own <link>, not an atom:link (rel="self" and the like) that a
  // feed may put before it.
  for (xmlNodePtr c : Children(n, "link")) {
    std::string_view ns = NsUri(c);
    if (!ns.empty() && ns.find("purl.org/rss") == std::string_view::npos) continue;
    if (std::string v = Trim(Content(c)); !v.empty()) {
      it.url = Resolve(c, v);
      break;
    }
  }
  if (it.url.empty()) {
    for (xmlNodePtr c : Children(n, "link")) {
      std::string rel = Attr(c, "rel");
      if (NsUri(c).find("Atom") != std::string_view::npos && (rel.empty() || rel == "alternate")) {
        it.url = Trim(Attr(c, "href"));
        if (!it.url.empty()) break;
      }
    }
  }
  it.guid = FirstOf(n, {"guid"});
  if (it.url.empty() && Attr(Child(n, "guid"), "isPermaLink") != "false" && it.guid.starts_with("http")) it.url = it.guid;
  if (it.url.empty()) it.url = Attr(n, "about");  // RSS 1.0: rdf:about
  SetDates(&it, AllOf(n, {"pubDate", "date", "published", "issued", "modified"}));
  it.author = FirstOf(n, {"creator", "author"});
  // RSS 2.0's author is "email (Name)"; the name is what a reader wants.
  if (size_t open = it.author.find('('); open != std::string::npos && it.author.find('@') < open) {
    size_t close = it.author.find(')', open);
    it.author = Trim(it.author.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
  }
  it.lang = FirstOf(n, {"language"});
  if (it.lang.empty()) it.lang = NodeLang(n);
  if (xmlNodePtr c = Child(n, "encoded", "purl.org/rss/1.0/modules/content")) it.content_html = Content(c);
  it.summary_html = FirstOf(n, {"description", "summary"});
  for (xmlNodePtr c : Children(n, "category")) {
    if (std::string v = Trim(Content(c)); !v.empty()) it.categories.push_back(v);
  }
  for (xmlNodePtr c : Children(n, "subject")) {
    if (std::string v = Trim(Content(c)); !v.empty()) it.categories.push_back(v);
  }
  return it;
}

// An Atom text construct (title, summary, content) as HTML or plain text.
void AtomText(xmlNodePtr n, std::string* html, std::string* text) {
  if (!n) return;
  std::string type = AsciiLower(Attr(n, "type"));
  if (type == "xhtml") {
    *html = InnerMarkup(n);
  } else if (type == "html" || type == "text/html") {
    *html = Content(n);
  } else {
    *text = Content(n);
  }
}

Item AtomEntry(xmlNodePtr n) {
  Item it;
  it.node = n;
  std::string title_html, title_text;
  AtomText(Child(n, "title"), &title_html, &title_text);
  it.title = Squeeze(title_html.empty() ? title_text : HtmlFragmentText(title_html));
  for (xmlNodePtr l : Children(n, "link")) {
    std::string rel = Attr(l, "rel");
    if (rel.empty() || rel == "alternate") {
      it.url = Resolve(l, Trim(Attr(l, "href")));
      break;
    }
  }
  it.guid = FirstOf(n, {"id"});
  SetDates(&it, AllOf(n, {"published", "issued", "updated", "modified"}));
  it.updated = FirstOf(n, {"updated"});
  if (xmlNodePtr a = Child(n, "author")) it.author = Squeeze(FirstOf(a, {"name"}));
  it.lang = NodeLang(n);
  std::string ctext;
  AtomText(Child(n, "content"), &it.content_html, &ctext);
  it.content_text = Trim(ctext);
  std::string summary_text;
  AtomText(Child(n, "summary"), &it.summary_html, &summary_text);
  if (it.summary_html.empty()) it.summary_html = summary_text;
  for (xmlNodePtr c : Children(n, "category")) {
    if (std::string v = Attr(c, "term"); !v.empty()) it.categories.push_back(v);
  }
  return it;
}

Item SitemapEntry(xmlNodePtr n) {
  Item it;
  it.node = n;
  it.url = FirstOf(n, {"loc"});
  xmlNodePtr news = Child(n, "news");
  it.title = FirstOf(news, {"title"});
  it.date = FirstOf(news, {"publication_date"});
  if (xmlNodePtr pub = Child(news, "publication")) {
    it.publication = FirstOf(pub, {"name"});
    it.lang = FirstOf(pub, {"language"});
  }
  if (it.date.empty()) it.date = FirstOf(n, {"lastmod"});
  return it;
}

// Units map to their item's bytes; where the article's HTML stands in the
// bytes as it is (a CDATA section), to the article's own bytes.
void AddItemUnit(const std::string& path, const MappedText& decoded, Span item_span, const Item& it,
                 const std::string& kind, const std::string& channel_title, const std::string& channel_lang,
                 ReadResult* out) {
  InputUnit u;
  u.path = path;
  u.line = static_cast<uint32_t>(std::max(0L, xmlGetLineNo(it.node)));
  u.format = Format::kFeed;
  u.raw_span = decoded.ToOriginal(item_span);
  u.title = Squeeze(it.title);  // plain text already: each kind of item reads its own
  u.url = it.url;
  u.byline = Squeeze(it.author);
  u.source = !it.publication.empty() ? it.publication : channel_title;
  u.lang = !it.lang.empty() ? it.lang : channel_lang;
  if (!it.date.empty()) {
    // An unreadable date ("yesterday") is backed by the item's next one
    // (a dc:date beside the pubDate, say).
    u.published = FeedDate(it.date);
    std::string used;
    for (size_t k = 0; !u.published && k < it.other_dates.size(); ++k) {
      u.published = FeedDate(it.other_dates[k]);
      if (u.published) used = it.other_dates[k];
    }
    if (!u.published) {
      out->issues.push_back({path, u.line, "unrecognised item date '" + it.date + "'", false});
    } else if (!used.empty()) {
      out->issues.push_back({path, u.line, "unrecognised item date '" + it.date + "'; its other date '" + used +
                                               "' is used", false, /*note=*/true});
    }
  }
  auto coarse = [&](const std::string& text) {
    MappedTextBuilder b;
    b.AppendOriginal(text, u.raw_span.start, u.raw_span.end);
    return std::move(b).Finish();
  };

  bool summary_only = false;
  const std::string& html = it.content_html;
  if (!html.empty()) {
    HtmlArticle a = ExtractArticle(html);
    if (!a.body.empty()) {
      // Where the HTML stands verbatim inside the item, the article's
      // offsets lead to its bytes; otherwise (escaped markup) to the item.
      const std::string& t = decoded.text();
      std::string_view item = std::string_view(t).substr(item_span.start, item_span.end - item_span.start);
      size_t found = item.find(html);
      size_t at = found == std::string_view::npos ? found : item_span.start + found;
      if (at != std::string::npos) {
        MappedTextBuilder b;
        for (const OffsetRun& r : a.body.runs()) {
          uint32_t s = static_cast<uint32_t>(at) + r.orig_start;
          Span o = decoded.ToOriginal({s, s + r.orig_len});
          b.AppendOriginal(std::string_view(a.body.text()).substr(r.text_start, r.text_len), o.start, o.end);
        }
        u.text = std::move(b).Finish();
        if (u.text.size() != a.body.size()) u.text = coarse(a.body.text());
      } else {
        u.text = coarse(a.body.text());
      }
      if (u.byline.empty()) u.byline = a.byline;
      if (!u.published && a.published) u.published = a.published;
    } else {
      u.text = coarse(HtmlFragmentText(html));
    }
  } else if (!it.content_text.empty()) {
    u.text = coarse(it.content_text);
  }
  if (u.text.empty()) {
    std::string summary = HtmlFragmentText(it.summary_html);
    if (summary.empty()) summary = u.title;
    u.text = coarse(summary);
    summary_only = true;
  }

  nlohmann::json meta = nlohmann::json::object();
  meta["feed"] = kind;
  if (summary_only) meta["summary_only"] = true;
  if (!it.guid.empty()) meta["guid"] = it.guid;
  if (!it.date.empty()) meta["date_as_given"] = it.date;
  if (!it.updated.empty() && it.updated != it.date) meta["updated"] = it.updated;
  if (!it.categories.empty()) meta["categories"] = it.categories;
  if (!it.summary_html.empty() && !summary_only) meta["summary"] = HtmlFragmentText(it.summary_html);
  u.metadata_json = meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  if (Trim(u.text.text()).empty()) {
    out->issues.push_back({path, u.line, "feed item has no title, content or summary; skipped", true});
    return;
  }
  out->units.push_back(std::move(u));
}

}  // namespace

std::string SniffFeed(std::string_view head) {
  // The root element: the first start tag that is not a declaration,
  // comment or processing instruction.
  size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (pos + 1 >= head.size()) return "";
    char c = head[pos + 1];
    if (c == '?' || c == '!') {
      if (head.compare(pos, 4, "<!--") == 0) {
        size_t end = head.find("-->", pos);
        if (end == std::string_view::npos) return "";
        pos = end + 3;
      } else {
        ++pos;
      }
      continue;
    }
    size_t q = pos + 1;
    while (q < head.size() && !std::strchr(" \t\r\n/>", head[q])) ++q;
    std::string_view qname = head.substr(pos + 1, q - pos - 1);
    size_t colon = qname.find(':');
    std::string local = AsciiLower(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    if (local == "rss") return "rss";
    if (local == "rdf") return "rdf";
    if (local == "feed") return "atom";
    if (local == "urlset") return "sitemap";
    return "";
  }
  return "";
}

std::optional<std::string> FeedDate(std::string_view v) {
  std::string s = Trim(v);
  if (s.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(s[0]))) {
    if (auto iso = NormalizePublished(s)) return iso;
  }
  // RFC 822: "[Tue, ]05 Dec 2023 14:30:00 +0700" (day, month name, year).
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::vector<std::string> words;
  std::string w;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!w.empty()) words.push_back(std::move(w));
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    const std::string& d = words[i];
    if (d.empty() || d.size() > 2 || !std::all_of(d.begin(), d.end(), ::isdigit)) continue;
    std::string mon = AsciiLower(words[i + 1].substr(0, 3));
    int m = 0;
    for (int k = 0; k < 12; ++k) {
      if (mon == kMonths[k]) m = k + 1;
    }
    const std::string& y = words[i + 2];
    if (m == 0 || y.empty() || !std::all_of(y.begin(), y.end(), ::isdigit)) continue;
    int year = std::stoi(y.substr(0, 4));
    if (y.size() == 2) year += year < 70 ? 2000 : 1900;
    return DayFirstDate(std::stoi(d), m, year);
  }
  // "[Thursday, ]May 16[th], 2024[ 10:00 AM]", as some feeds write it.
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    std::string mon = AsciiLower(words[i]);
    int m = 0;
    for (int k = 0; k < 12; ++k) {
      if (mon.size() >= 3 && mon.substr(0, 3) == kMonths[k]) m = k + 1;
    }
    std::string d = words[i + 1];
    while (!d.empty() && !std::isdigit(static_cast<unsigned char>(d.back()))) d.pop_back();  // 16th
    const std::string& y = words[i + 2];
    if (m == 0 || d.empty() || d.size() > 2 || !std::all_of(d.begin(), d.end(), ::isdigit) || y.size() != 4 ||
        !std::all_of(y.begin(), y.end(), ::isdigit)) {
      continue;
    }
    return DayFirstDate(std::stoi(d), m, std::stoi(y));
  }
  return std::nullopt;
}

void ReadFeed(const std::string& path, const MappedText& decoded, const ReadOptions& /*options*/, ReadResult* out) {
  const std::string& t = decoded.text();
  ParseState state;
  DocPtr doc = ParseXml(t, &state);
  if (!state.bare_ampersands.empty()) {
    size_t n = state.bare_ampersands.size();
    out->issues.push_back({path, state.bare_ampersands[0],
                           "broken XML: a bare '&'" + (n > 1 ? " (and " + std::to_string(n - 1) + " more)" : "") +
                               ", read as '&amp;'",
                           false});
  }
  for (const auto& [line, msg] : state.errors) {
    out->issues.push_back({path, static_cast<uint32_t>(std::max(0, line)),
                           "broken XML: " + msg + "; read on past it", false});
  }
  if (state.error_count > static_cast<int>(state.errors.size())) {
    out->issues.push_back({path, 0, std::to_string(state.error_count - state.errors.size()) + " more XML error(s)",
                           false});
  }
  xmlNodePtr root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    out->issues.push_back({path, 0, "not readable as XML; skipped", true});
    return;
  }
  std::string kind;
  std::string root_name = AsciiLower(Local(root));
  std::vector<Item> items;
  std::string channel_title, channel_lang, item_tag;
  if (root_name == "rss" || root_name == "rdf") {
    kind = root_name == "rss" ? "rss" : "rdf";
    xmlNodePtr channel = Child(root, "channel");
    channel_title = Squeeze(FirstOf(channel, {"title"}));
    channel_lang = FirstOf(channel, {"language"});
    if (channel_lang.empty()) channel_lang = NodeLang(channel ? channel : root);
    // RSS 2.0 holds items in the channel; RSS 1.0 beside it.
    for (xmlNodePtr parent : {channel, root}) {
      for (xmlNodePtr n : Children(parent, "item")) items.push_back(RssItem(n));
    }
    // A relative item link ("/news/port-fee") is on the channel's site.
    std::string site;
    for (xmlNodePtr c : Children(channel, "link")) {
      std::string_view ns = NsUri(c);
      if (ns.empty() || ns.find("purl.org/rss") != std::string_view::npos) site = Resolve(c, Trim(Content(c)));
      if (!site.empty()) break;
    }
    if (site.starts_with("http://") || site.starts_with("https://")) {
      for (Item& it : items) it.url = AgainstBase(it.url, site);
    }
    item_tag = "item";
  } else if (root_name == "feed") {
    kind = "atom";
    channel_title = Squeeze(HtmlFragmentText(FirstOf(root, {"title"})));
    channel_lang = NodeLang(root);
    std::string feed_author;
    if (xmlNodePtr a = Child(root, "author")) feed_author = Squeeze(FirstOf(a, {"name"}));
    for (xmlNodePtr n : Children(root, "entry")) {
      items.push_back(AtomEntry(n));
      // RFC 4287: an entry without an author has the feed's.
      if (items.back().author.empty()) items.back().author = feed_author;
    }
    item_tag = "entry";
  } else if (root_name == "urlset") {
    kind = "sitemap";
    for (xmlNodePtr n : Children(root, "url")) {
      if (Child(n, "news")) items.push_back(SitemapEntry(n));
    }
    item_tag = "url";
  } else {
    out->issues.push_back({path, static_cast<uint32_t>(std::max(0L, xmlGetLineNo(root))),
                           "XML but not a feed (root element <" + std::string(Local(root)) +
                               ">; storyloom reads RSS, RDF, Atom and news sitemaps); skipped",
                           true});
    return;
  }
  if (items.empty()) {
    out->issues.push_back({path, 0, "feed has no items; nothing to store", true});
    return;
  }
  // Each item's bytes; when the scan and the parser disagree (a recovered
  // file), every item maps to the whole file.
  std::vector<Span> spans = ElementSpans(t, item_tag);
  if (kind == "sitemap") {
    std::vector<Span> news;
    for (const Span& s : spans) {
      if (std::string_view(t).substr(s.start, s.size()).find("news>") != std::string_view::npos) news.push_back(s);
    }
    spans = std::move(news);
  }
  Span whole{0, static_cast<uint32_t>(t.size())};
  if (spans.size() != items.size()) spans.assign(items.size(), whole);
  for (size_t i = 0; i < items.size(); ++i) {
    AddItemUnit(path, decoded, spans[i], items[i], kind, channel_title, channel_lang, out);
  }
}

}  // namespace storyloom
