// Atom feeds (RFC 4287) written out: plain values in, a well-formed document
// out whatever the strings hold. Text is escaped for XML, invalid UTF-8 is
// replaced (U+FFFD) and characters XML 1.0 cannot carry (most control
// characters, U+FFFE, U+FFFF) are dropped, so no title or sentence read
// from a feed can break the document.
#ifndef STORYLOOM_SERVE_ATOM_H_
#define STORYLOOM_SERVE_ATOM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storyloom {

struct AtomLink {
  std::string href;  // absolute
  std::string rel;   // "alternate", "self", "related", ...; empty: none written (alternate)
  std::string type;  // media type, or empty
  std::string hreflang;
  std::string title;
};

struct AtomPerson {
  std::string name;
  std::string uri;  // or empty
};

struct AtomEntry {
  std::string id;       // an absolute IRI, stable for the same entry
  std::string title;    // text
  std::string updated;  // RFC 3339
  std::optional<std::string> published;
  std::string lang;     // xml:lang of the entry, or empty
  std::vector<AtomLink> links;
  std::vector<AtomPerson> authors, contributors;
  std::vector<std::string> categories;  // terms
  std::string summary;       // text; empty: none
  std::string content_html;  // HTML, written escaped as type="html"; empty: none
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string subtitle;  // empty: none
  std::string updated;   // RFC 3339
  std::string lang;      // xml:lang of the feed, or empty
  std::vector<AtomLink> links;
  std::vector<AtomPerson> authors;
  std::string generator;  // empty: none
  std::vector<AtomEntry> entries;
};

// The feed as an XML document (UTF-8, with its declaration).
std::string WriteAtom(const AtomFeed& feed);

// `s` as XML character data or an attribute value: markup and quotes
// escaped, invalid UTF-8 replaced, characters XML forbids dropped.
std::string XmlEscape(std::string_view s);

// An ISO day ("2024-03-04") or month ("2024-03") as an RFC 3339 time at
// its start, UTC; nullopt for anything else.
std::optional<std::string> AtomTimeOfDay(std::string_view iso);

// A stable id for `key`: "urn:uuid:" and a version-8 (name-derived) UUID of
// its hash, so the same key gives the same id on any run and any host.
std::string AtomIdOf(std::string_view key);

}  // namespace storyloom

#endif  // STORYLOOM_SERVE_ATOM_H_
