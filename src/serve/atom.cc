// The Atom writer: elements in the order RFC 4287 lists them, every string
// through one escaper.
#include "serve/atom.h"

#include <xxhash.h>

#include <cstdint>
#include <cstdio>

namespace storyloom {

namespace {

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The code point at s[i] and its length in bytes; U+FFFD over one byte for
// a malformed, overlong or surrogate sequence.
std::pair<uint32_t, size_t> DecodeAt(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {c, 1};
  size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return {0xFFFD, 1};
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const uint32_t least = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
  if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, n};
}

bool XmlChar(uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

class Writer {
 public:
  void Open(const char* name, std::initializer_list<std::pair<const char*, std::string_view>> attrs = {}) {
    Indent();
    out_ += '<';
    out_ += name;
    Attributes(attrs);
    out_ += ">\n";
    ++depth_;
  }
  void Close(const char* name) {
    --depth_;
    Indent();
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  // <name attrs>text</name>
  void Text(const char* name, std::string_view text,
            std::initializer_list<std::pair<const char*, std::string_view>> attrs = {}) {
    Indent();
    out_ += '<';
    out_ += name;
    Attributes(attrs);
    out_ += '>';
    out_ += XmlEscape(text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  // <name attrs/>
  void Empty(const char* name, std::initializer_list<std::pair<const char*, std::string_view>> attrs) {
    Indent();
    out_ += '<';
    out_ += name;
    Attributes(attrs);
    out_ += "/>\n";
  }
  std::string& out() { return out_; }

 private:
  void Indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
  // Attributes with an empty value are left out.
  void Attributes(std::initializer_list<std::pair<const char*, std::string_view>> attrs) {
    for (const auto& [k, v] : attrs) {
      if (v.empty()) continue;
      out_ += ' ';
      out_ += k;
      out_ += "=\"";
      out_ += XmlEscape(v);
      out_ += '"';
    }
  }
  std::string out_;
  int depth_ = 0;
};

void Link(Writer& w, const AtomLink& l) {
  w.Empty("link", {{"rel", l.rel}, {"type", l.type}, {"hreflang", l.hreflang}, {"title", l.title}, {"href", l.href}});
}

void Person(Writer& w, const char* kind, const AtomPerson& p) {
  w.Open(kind);
  w.Text("name", p.name);
  if (!p.uri.empty()) w.Text("uri", p.uri);
  w.Close(kind);
}

void Entry(Writer& w, const AtomEntry& e) {
  w.Open("entry", {{"xml:lang", e.lang}});
  w.Text("id", e.id);
  w.Text("title", e.title, {{"type", "text"}});
  w.Text("updated", e.updated);
  if (e.published) w.Text("published", *e.published);
  for (const AtomPerson& p : e.authors) Person(w, "author", p);
  for (const AtomPerson& p : e.contributors) Person(w, "contributor", p);
  for (const AtomLink& l : e.links) Link(w, l);
  for (const std::string& c : e.categories) w.Empty("category", {{"term", c}});
  if (!e.summary.empty()) w.Text("summary", e.summary, {{"type", "text"}});
  if (!e.content_html.empty()) w.Text("content", e.content_html, {{"type", "html"}});
  w.Close("entry");
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size();) {
    auto [cp, n] = DecodeAt(s, i);
    i += n;
    if (!XmlChar(cp)) continue;
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // Kept as they are, in attributes too (where a parser would turn a
      // raw one into a space).
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: AppendUtf8(out, cp);
    }
  }
  return out;
}

std::optional<std::string> AtomTimeOfDay(std::string_view iso) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t k = from; k < from + n; ++k) {
      if (iso[k] < '0' || iso[k] > '9') return false;
    }
    return true;
  };
  if (iso.size() == 7 && digits(0, 4) && iso[4] == '-' && digits(5, 2)) {
    return std::string(iso) + "-01T00:00:00Z";
  }
  if (iso.size() == 10 && digits(0, 4) && iso[4] == '-' && digits(5, 2) && iso[7] == '-' && digits(8, 2)) {
    return std::string(iso) + "T00:00:00Z";
  }
  return std::nullopt;
}

std::string AtomIdOf(std::string_view key) {
  XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  uint64_t hi = h.high64, lo = h.low64;
  hi = (hi & ~uint64_t{0xF000}) | uint64_t{0x8000};                     // version 8
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);           // the RFC 9562 variant
  char buf[64];
  std::snprintf(buf, sizeof buf, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

std::string WriteAtom(const AtomFeed& feed) {
  Writer w;
  w.out() = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  w.Open("feed", {{"xmlns", "http://www.w3.org/2005/Atom"}, {"xml:lang", feed.lang}});
  w.Text("id", feed.id);
  w.Text("title", feed.title, {{"type", "text"}});
  if (!feed.subtitle.empty()) w.Text("subtitle", feed.subtitle, {{"type", "text"}});
  w.Text("updated", feed.updated);
  for (const AtomPerson& p : feed.authors) Person(w, "author", p);
  for (const AtomLink& l : feed.links) Link(w, l);
  if (!feed.generator.empty()) w.Text("generator", feed.generator);
  for (const AtomEntry& e : feed.entries) Entry(w, e);
  w.Close("feed");
  return std::move(w.out());
}

}  // namespace storyloom
