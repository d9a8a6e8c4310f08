// Checks an Atom document as a feed reader would depend on it: parsed by
// libxml2 (well-formedness), validated against tests/serve/data/atom.rng (a
// RELAX NG grammar of RFC 4287 written for these tests), then the rules of
// RFC 4287 section 4 a grammar cannot say, checked over the tree. Returns
// the feed's entries as read, for the tests' own assertions.
#ifndef STORYLOOM_TESTS_SERVE_ATOM_CHECK_H_
#define STORYLOOM_TESTS_SERVE_ATOM_CHECK_H_

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include <cstdarg>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace storyloom::testing {

struct AtomLinkRead {
  std::string rel, type, href, hreflang, title;
};

struct AtomEntryRead {
  std::string id, title, updated, published, lang, summary, content;
  std::vector<AtomLinkRead> links;
  std::vector<std::string> categories;
  bool has_author = false;
};

struct AtomRead {
  std::vector<std::string> errors;  // empty: well-formed, valid and every MUST kept
  std::string id, title, updated, lang;
  std::vector<AtomLinkRead> links;
  std::vector<AtomEntryRead> entries;
};

namespace atom_check {

inline std::string Name(xmlNodePtr n) { return reinterpret_cast<const char*>(n->name); }

inline bool IsAtom(xmlNodePtr n, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         std::string(reinterpret_cast<const char*>(n->ns->href)) == "http://www.w3.org/2005/Atom" && Name(n) == name;
}

inline std::string TextOf(xmlNodePtr n) {
  xmlChar* t = xmlNodeGetContent(n);
  std::string s = t ? reinterpret_cast<const char*>(t) : "";
  xmlFree(t);
  return s;
}

inline std::string Attr(xmlNodePtr n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

inline std::string Lang(xmlNodePtr n) {
  xmlChar* v = xmlNodeGetLang(n);
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

inline void CollectErrors(void* ctx, const char* msg, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, msg);
  vsnprintf(buf, sizeof buf, msg, ap);
  va_end(ap);
  static_cast<std::vector<std::string>*>(ctx)->push_back(buf);
}

// At most one alternate link per (type, hreflang) (4.1.1, 4.1.2).
inline void CheckLinks(const std::vector<AtomLinkRead>& links, const std::string& where, std::vector<std::string>& errors) {
  std::set<std::pair<std::string, std::string>> alternates;
  for (const AtomLinkRead& l : links) {
    if ((l.rel.empty() || l.rel == "alternate") && !alternates.insert({l.type, l.hreflang}).second) {
      errors.push_back(where + ": two alternate links of type '" + l.type + "' and hreflang '" + l.hreflang + "'");
    }
  }
}

inline AtomLinkRead ReadLink(xmlNodePtr n) {
  return {Attr(n, "rel"), Attr(n, "type"), Attr(n, "href"), Attr(n, "hreflang"), Attr(n, "title")};
}

}  // namespace atom_check

inline AtomRead ReadAtom(const std::string& body, const std::string& schema_path) {
  using namespace atom_check;  // NOLINT
  AtomRead out;
  std::vector<std::string>& errors = out.errors;
  xmlSetGenericErrorFunc(&errors, CollectErrors);
  xmlDocPtr doc = xmlReadMemory(body.data(), static_cast<int>(body.size()), "feed.atom", nullptr, XML_PARSE_NONET);
  if (!doc) {
    errors.insert(errors.begin(), "not well-formed XML");
    xmlSetGenericErrorFunc(nullptr, nullptr);
    return out;
  }
  xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema_path.c_str());
  xmlRelaxNGPtr schema = pc ? xmlRelaxNGParse(pc) : nullptr;
  if (!schema) {
    errors.push_back("cannot read the schema " + schema_path);
  } else {
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidErrors(vc, reinterpret_cast<xmlRelaxNGValidityErrorFunc>(CollectErrors),
                             reinterpret_cast<xmlRelaxNGValidityWarningFunc>(CollectErrors), &errors);
    if (xmlRelaxNGValidateDoc(vc, doc) != 0) errors.push_back("not valid Atom (RFC 4287, tests/serve/data/atom.rng)");
    xmlRelaxNGFreeValidCtxt(vc);
    xmlRelaxNGFree(schema);
  }
  if (pc) xmlRelaxNGFreeParserCtxt(pc);

  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root || !IsAtom(root, "feed")) {
    errors.push_back("the root is not atom:feed");
  } else {
    bool feed_author = false;
    out.lang = Lang(root);
    for (xmlNodePtr c = root->children; c; c = c->next) {
      if (IsAtom(c, "id")) out.id = TextOf(c);
      if (IsAtom(c, "title")) out.title = TextOf(c);
      if (IsAtom(c, "updated")) out.updated = TextOf(c);
      if (IsAtom(c, "author")) feed_author = true;
      if (IsAtom(c, "link")) out.links.push_back(ReadLink(c));
      if (!IsAtom(c, "entry")) continue;
      AtomEntryRead e;
      e.lang = Lang(c);
      bool content_src = false, content_other = false;
      for (xmlNodePtr k = c->children; k; k = k->next) {
        if (IsAtom(k, "id")) e.id = TextOf(k);
        if (IsAtom(k, "title")) e.title = TextOf(k);
        if (IsAtom(k, "updated")) e.updated = TextOf(k);
        if (IsAtom(k, "published")) e.published = TextOf(k);
        if (IsAtom(k, "summary")) e.summary = TextOf(k);
        if (IsAtom(k, "author")) e.has_author = true;
        if (IsAtom(k, "link")) e.links.push_back(ReadLink(k));
        if (IsAtom(k, "category")) e.categories.push_back(Attr(k, "term"));
        if (IsAtom(k, "content")) {
          e.content = TextOf(k);
          std::string type = Attr(k, "type");
          content_src = !Attr(k, "src").empty();
          content_other = !type.empty() && type != "text" && type != "html" && type != "xhtml" &&
                          !type.ends_with("+xml") && !type.ends_with("/xml") && !type.starts_with("text/");
        }
      }
      out.entries.push_back(std::move(e));
      const AtomEntryRead& r = out.entries.back();
      const std::string where = "entry " + (r.id.empty() ? std::to_string(out.entries.size()) : r.id);
      CheckLinks(r.links, where, errors);
      // 4.1.1.1: no content, then an alternate link (4.1.2).
      bool has_content = false;
      for (xmlNodePtr k = c->children; k; k = k->next) has_content = has_content || IsAtom(k, "content");
      bool alternate = false;
      for (const AtomLinkRead& l : r.links) alternate = alternate || l.rel.empty() || l.rel == "alternate";
      if (!has_content && !alternate) errors.push_back(where + ": neither content nor an alternate link");
      // 4.1.1.2 and 4.1.1.3: content by src or in base64 needs a summary.
      bool has_summary = false;
      for (xmlNodePtr k = c->children; k; k = k->next) has_summary = has_summary || IsAtom(k, "summary");
      if ((content_src || content_other) && !has_summary) errors.push_back(where + ": out-of-line content without a summary");
      if (!r.published.empty() && r.published > r.updated) {
        errors.push_back(where + ": published " + r.published + " after updated " + r.updated);
      }
    }
    CheckLinks(out.links, "the feed", errors);
    // 4.1.1: an author at feed level, or in every entry.
    if (!feed_author) {
      for (const AtomEntryRead& e : out.entries) {
        if (!e.has_author) errors.push_back("entry " + e.id + " has no author and the feed has none");
      }
    }
    // One entry an id: storyloom writes no two versions of an entry in one
    // feed (which 4.1.1 would allow with distinct updated times).
    std::map<std::string, int> seen;
    for (const AtomEntryRead& e : out.entries) {
      if (++seen[e.id] == 2) errors.push_back("two entries with id " + e.id);
    }
  }
  xmlFreeDoc(doc);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  return out;
}

}  // namespace storyloom::testing

#endif  // STORYLOOM_TESTS_SERVE_ATOM_CHECK_H_
