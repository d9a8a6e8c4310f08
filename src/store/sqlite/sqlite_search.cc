// The SQLite backend's full-text index: FTS5 over storyloom's own tokens.
#include "store/sqlite/sqlite_internal.h"
#include "store/sqlite/sqlite_store.h"

#include <unordered_set>

namespace storyloom {

using namespace sqlite_store;

namespace {

std::string Quote(const std::string& term) {
  std::string q = "\"";
  for (char c : term) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

// A piece: each of its words, by its norm or one of its stems.
std::string PieceMatch(const SearchPiece& piece) {
  std::string all;
  for (const SearchWord& w : piece) {
    std::string clause = "(norms:" + Quote(w.norm);
    for (const std::string& st : w.stems) clause += " OR stems:" + Quote(st);
    all += (all.empty() ? "" : " AND ") + clause + ")";
  }
  return all.empty() ? all : "(" + all + ")";
}

}  // namespace

std::string Fts5Match(const TermQuery& terms) {
  std::string match;
  for (const auto& group : terms.all_of) {
    std::string any;
    for (const SearchPiece& p : group) {
      std::string m = PieceMatch(p);
      if (!m.empty()) any += (any.empty() ? "" : " OR ") + m;
    }
    if (!any.empty()) match += (match.empty() ? "(" : " AND (") + any + ")";
  }
  // FTS5's NOT needs something to take from: a query of exclusions only
  // matches nothing.
  if (!match.empty() && !terms.none_of.empty()) {
    std::string nots;
    for (const SearchPiece& p : terms.none_of) {
      std::string m = PieceMatch(p);
      if (!m.empty()) nots += (nots.empty() ? "" : " OR ") + m;
    }
    if (!nots.empty()) match = "(" + match + ") NOT (" + nots + ")";
  }
  return match;
}

Status SqliteStore::IndexTerms(int64_t doc, const SearchTerms& terms) {
  // A contentless table cannot check for a row already there (a second
  // insert would add its terms to the first): each document is indexed
  // once, when it is added or, for older stores, by UnindexedDocuments.
  auto st = Prepare("INSERT INTO doc_fts (rowid, norms, stems) VALUES (?, ?, ?)");
  if (!st) return st.error();
  Statement s(*st);
  s.Int(1, doc);
  s.Text(2, terms.norms);
  s.Text(3, terms.stems);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return SqliteError(db_, "indexing: ");
  return Status::Ok();
}

Result<std::vector<int64_t>> SqliteStore::UnindexedDocuments() {
  std::unordered_set<int64_t> indexed;
  {
    auto st = Prepare("SELECT rowid FROM doc_fts");
    if (!st) return Unexpected(st.error());
    Statement s(*st);
    while (sqlite3_step(s.get()) == SQLITE_ROW) indexed.insert(s.ColInt(0));
  }
  auto st = Prepare("SELECT id FROM documents ORDER BY id");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  std::vector<int64_t> out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    if (!indexed.contains(s.ColInt(0))) out.push_back(s.ColInt(0));
  }
  return out;
}

Result<SearchPage> SqliteStore::Search(const SearchQuery& q) {
  // An empty query matches nothing (FTS5 would call it a syntax error).
  const std::string match = Fts5Match(q.terms);
  if (match.empty()) return SearchPage{};
  if (q.lang.empty() && !q.from && !q.to && q.story == 0) return SearchIndexOnly(match, q);
  auto st = Prepare(
      // bm25() only runs in a plain query over the index: rank first, join after.
      "WITH m AS MATERIALIZED (SELECT rowid AS doc, bm25(doc_fts) AS rank FROM doc_fts WHERE doc_fts MATCH ?1) "
      "SELECT d.id, m.rank, d.lang, d.title, d.source, d.url, d.published, p.story, p.duplicate_of, "
      "count(*) OVER () FROM m JOIN documents d ON d.id = m.doc "
      "LEFT JOIN story_docs p ON p.doc = d.id "
      "WHERE (?2 = '' OR d.lang = ?2) AND (?3 IS NULL OR d.published >= ?3) "
      "AND (?4 IS NULL OR d.published <= ?4) AND (?5 = 0 OR p.story = ?5) "
      "ORDER BY m.rank, d.id LIMIT ?6 OFFSET ?7");
  if (!st) return Unexpected(st.error());
  SearchPage page;
  {
    Statement s(*st);
    s.Text(1, match);
    s.Text(2, q.lang);
    if (q.from) s.Text(3, *q.from);
    if (q.to) s.Text(4, *q.to);
    s.Int(5, q.story);
    s.Int(6, static_cast<int64_t>(q.limit));
    s.Int(7, static_cast<int64_t>(q.offset));
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      page.hits.push_back(ReadSearchHit(s, &page.total));
    }
    if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "search: "));
  }
  if (page.hits.empty() && q.offset > 0) {
    // Past the last page: the total still tells how many there are.
    SearchQuery first = q;
    first.offset = 0;
    first.limit = 1;
    auto again = Search(first);
    if (again) page.total = again->total;
  }
  return page;
}

Result<SearchPage> SqliteStore::SearchIndexOnly(const std::string& match, const SearchQuery& q) {
  // No filter: the index alone ranks (bm25, the page kept by a bounded sort,
  // ties by id as above) and counts, in the one statement (one snapshot);
  // only the page's documents are read. With a window, the index hands
  // over its matches newest first and stops after the window: bm25 is
  // computed for those alone, whatever the word's frequency.
  SearchPage page;
  // One match past the window is read, to tell whether more match.
  const int64_t window = q.window > 0 ? static_cast<int64_t>(q.window) : -1;
  const int64_t read = q.window > 0 ? window + 1 : -1;
  auto st = Prepare(
      "WITH w AS MATERIALIZED (SELECT rowid AS doc, bm25(doc_fts) AS rank FROM doc_fts WHERE doc_fts MATCH ?1 "
      "ORDER BY rowid DESC LIMIT ?5), "
      "m AS MATERIALIZED (SELECT doc, rank FROM (SELECT doc, rank FROM w ORDER BY doc DESC LIMIT ?4) "
      "ORDER BY rank, doc LIMIT ?2 OFFSET ?3) "
      "SELECT d.id, m.rank, d.lang, d.title, d.source, d.url, d.published, p.story, p.duplicate_of, "
      "(SELECT count(*) FROM w) "
      "FROM m JOIN documents d ON d.id = m.doc LEFT JOIN story_docs p ON p.doc = d.id ORDER BY m.rank, d.id");
  if (!st) return Unexpected(st.error());
  {
    Statement s(*st);
    s.Text(1, match);
    s.Int(2, static_cast<int64_t>(q.limit));
    s.Int(3, static_cast<int64_t>(q.offset));
    s.Int(4, window);
    s.Int(5, read);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) page.hits.push_back(ReadSearchHit(s, &page.total));
    if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "search: "));
  }
  if (page.hits.empty()) {
    // No page (past the last, or nothing): the total still tells how many.
    auto count = Prepare("SELECT count(*) FROM (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1 LIMIT ?2)");
    if (!count) return Unexpected(count.error());
    Statement s(*count);
    s.Text(1, match);
    s.Int(2, read);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Fail(SqliteError(db_, "search: "));
    page.total = static_cast<size_t>(s.ColInt(0));
  }
  if (q.window > 0 && page.total > q.window) {
    page.total = q.window;
    page.total_at_least = true;
  }
  return page;
}

Result<std::vector<int64_t>> SqliteStore::MatchingStories(const TermQuery& terms) {
  const std::string match = Fts5Match(terms);
  if (match.empty()) return std::vector<int64_t>{};
  auto st = Prepare(
      "SELECT DISTINCT p.story FROM doc_fts JOIN story_docs p ON p.doc = doc_fts.rowid WHERE doc_fts MATCH ?");
  if (!st) return Unexpected(st.error());
  Statement s(*st);
  s.Text(1, match);
  std::vector<int64_t> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(s.ColInt(0));
  if (rc != SQLITE_DONE) return Fail(SqliteError(db_, "search: "));
  return out;
}

}  // namespace storyloom
