// The PostgreSQL backend's full-text index: a tsvector a document, built
// from storyloom's own tokens verbatim (PostgreSQL's parsers would split
// them again: on apostrophes, hyphens, some scripts' marks). Each
// normalised token is the lexeme 'n:' || norm and each stem 's:' || stem,
// so one vector and one GIN index answer "this norm or one of these stems".
// Vectors and queries are written in their input syntax with every lexeme
// quoted, then cast: no token is ever read as an operator.
#include <limits>
#include <string_view>
#include <unordered_map>

#include "store/postgresql/pg_connection.h"
#include "store/postgresql/pg_store.h"

namespace storyloom {

namespace {

// PostgreSQL's limits: a lexeme under 2 KiB, positions 1 to 16383, 256
// positions a lexeme, a vector under 1 MiB.
constexpr size_t kMaxLexemeBytes = 2000;
constexpr int kMaxPosition = 16383;
constexpr size_t kMaxPositions = 255;
constexpr size_t kMaxVectorBytes = 1000000;

// The lexeme of a token: tagged with its kind, cut (at a character's start)
// to the longest lexeme PostgreSQL keeps. Index and queries cut alike.
std::string Lexeme(std::string_view tag, std::string_view token) {
  std::string lex = std::string(tag) + std::string(token);
  if (lex.size() > kMaxLexemeBytes) {
    size_t cut = kMaxLexemeBytes;
    while (cut > 0 && (static_cast<unsigned char>(lex[cut]) & 0xC0) == 0x80) --cut;
    lex.resize(cut);
  }
  return lex;
}

// A lexeme in the input syntax of tsvector and tsquery: quoted, with quotes
// doubled and backslashes escaped.
std::string Quoted(std::string_view lexeme) {
  std::string q = "'";
  for (char c : lexeme) {
    if (c == '\'') q += '\'';
    else if (c == '\\') q += '\\';
    q += c;
  }
  return q + "'";
}

struct Positions {
  std::vector<int> at;
};

void AddTokens(std::string_view text, std::string_view tag, std::vector<std::string>* order,
               std::unordered_map<std::string, Positions>* lexemes) {
  int position = 0;
  size_t a = 0;
  while (a <= text.size()) {
    size_t b = text.find(' ', a);
    if (b == std::string_view::npos) b = text.size();
    if (b > a) {
      position = std::min(position + 1, kMaxPosition);
      std::string lex = Lexeme(tag, text.substr(a, b - a));
      auto [it, added] = lexemes->try_emplace(lex);
      if (added) order->push_back(lex);
      std::vector<int>& at = it->second.at;
      if (at.size() < kMaxPositions && (at.empty() || at.back() != position)) at.push_back(position);
    }
    a = b + 1;
  }
}

// A document's terms as tsvector input: every lexeme with its positions
// (ts_rank counts them), or without them should they not fit.
Result<std::string> VectorText(const SearchTerms& terms) {
  std::vector<std::string> order;
  std::unordered_map<std::string, Positions> lexemes;
  AddTokens(terms.norms, "n:", &order, &lexemes);
  AddTokens(terms.stems, "s:", &order, &lexemes);
  size_t bytes = 0, position_bytes = 0;
  for (const std::string& lex : order) {
    bytes += lex.size() + 8;
    position_bytes += 2 * lexemes[lex].at.size();
  }
  if (bytes > kMaxVectorBytes) {
    return Fail("a document has too many distinct terms for PostgreSQL's search index", ErrorKind::kInvalidArgument);
  }
  const bool with_positions = bytes + position_bytes <= kMaxVectorBytes;
  std::string out;
  for (const std::string& lex : order) {
    if (!out.empty()) out += ' ';
    out += Quoted(lex);
    if (!with_positions) continue;
    const std::vector<int>& at = lexemes[lex].at;
    for (size_t i = 0; i < at.size(); ++i) out += (i ? "," : ":") + std::to_string(at[i]);
  }
  return out;
}

// A word: its norm or one of its stems ("" when it has neither).
std::string WordQuery(const SearchWord& w) {
  std::vector<std::string> alternatives;
  if (!w.norm.empty()) alternatives.push_back(Quoted(Lexeme("n:", w.norm)));
  for (const std::string& s : w.stems) {
    if (!s.empty()) alternatives.push_back(Quoted(Lexeme("s:", s)));
  }
  std::string q;
  for (const std::string& a : alternatives) q += (q.empty() ? "" : " | ") + a;
  return alternatives.size() > 1 ? "(" + q + ")" : q;
}

// A piece: all of its words. `matchable` false: a word of it can match
// nothing, and so can the piece.
std::string PieceQuery(const SearchPiece& piece, bool* matchable) {
  *matchable = true;
  std::string q;
  for (const SearchWord& w : piece) {
    std::string word = WordQuery(w);
    if (word.empty()) *matchable = false;
    q += (q.empty() ? "" : " & ") + word;
  }
  return piece.size() > 1 ? "(" + q + ")" : q;
}

// Pieces of which one must match; "" when there are none, `matchable`
// false when none of them can match.
std::string AnyQuery(const std::vector<SearchPiece>& pieces, bool* matchable) {
  std::string q;
  bool any = false;
  *matchable = false;
  for (const SearchPiece& p : pieces) {
    if (p.empty()) continue;  // says nothing
    any = true;
    bool ok = false;
    std::string piece = PieceQuery(p, &ok);
    if (!ok) continue;
    *matchable = true;
    q += (q.empty() ? "" : " | ") + piece;
  }
  if (!any) *matchable = true;
  return q;
}

}  // namespace

// A term query as tsquery input (the same terms as the SQLite backend's
// FTS5 expression: Fts5Match); "" when nothing can match.
std::string TsQueryText(const TermQuery& terms) {
  std::string q;
  for (const auto& group : terms.all_of) {
    bool matchable = false;
    std::string any = AnyQuery(group, &matchable);
    if (!matchable) return "";
    if (!any.empty()) q += (q.empty() ? "(" : " & (") + any + ")";
  }
  if (q.empty()) return q;
  bool matchable = false;
  std::string nots = AnyQuery(terms.none_of, &matchable);
  if (!nots.empty()) q = "(" + q + ") & !(" + nots + ")";
  return q;
}

Status PgStoreImpl::IndexTerms(int64_t doc, const SearchTerms& terms) {
  auto vector = VectorText(terms);
  if (!vector) return vector.error().Prefixed("indexing document " + std::to_string(doc) + ": ");
  WriteScope w(*this);
  STORYLOOM_RETURN_IF_ERROR(w.status());
  // Indexed again, a document's terms are added to those it had (as in
  // every backend's index).
  auto r = conn_->Exec(
      "INSERT INTO doc_terms (doc, terms) VALUES ($1::bigint, $2::text::tsvector) "
      "ON CONFLICT (doc) DO UPDATE SET terms = doc_terms.terms || EXCLUDED.terms",
      pg::Params().Int(doc).Text(*vector));
  return w.Done(r ? Status::Ok() : r.error().Prefixed("indexing: "));
}

Result<std::vector<int64_t>> PgStoreImpl::UnindexedDocuments() {
  auto r = conn_->Exec(
      "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_terms t WHERE t.doc = d.id) ORDER BY d.id");
  if (!r) return Unexpected(r.error());
  std::vector<int64_t> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(r->Int(i, 0));
  return out;
}

Result<SearchPage> PgStoreImpl::Search(const SearchQuery& q) {
  SearchPage page;
  const std::string query = TsQueryText(q.terms);
  if (query.empty()) return page;
  if (q.lang.empty() && !q.from && !q.to && q.story == 0) {
    // No filter: the index alone ranks and counts, in the one statement
    // (one snapshot), and only the page's documents are read. With a
    // window, only the newest matches up to it are ranked and counted.
    // One match past the window is read, to tell whether more match. The
    // matches come from the index (doc + 0: not a walk down the primary
    // key testing every row), and only the window's are ranked.
    const int64_t window = q.window > 0 ? static_cast<int64_t>(q.window) : std::numeric_limits<int64_t>::max();
    const int64_t read = q.window > 0 ? window + 1 : window;
    auto r = conn_->Exec(
        "WITH w AS MATERIALIZED (SELECT doc FROM doc_terms WHERE terms @@ $1::text::tsquery "
        "ORDER BY doc + 0 DESC LIMIT $5::bigint), "
        "m AS MATERIALIZED (SELECT t.doc, ts_rank(t.terms, $1::text::tsquery, 1) AS r "
        "FROM (SELECT doc FROM w ORDER BY doc DESC LIMIT $4::bigint) k JOIN doc_terms t ON t.doc = k.doc "
        "ORDER BY r DESC, t.doc LIMIT $2::bigint OFFSET $3::bigint) "
        "SELECT d.id, -m.r, d.lang, d.title, d.source, d.url, d.published, p.story, p.duplicate_of, "
        "(SELECT count(*) FROM w) "
        "FROM m JOIN documents d ON d.id = m.doc LEFT JOIN story_docs p ON p.doc = d.id ORDER BY m.r DESC, d.id",
        pg::Params()
            .Text(query)
            .Int(static_cast<int64_t>(q.limit))
            .Int(static_cast<int64_t>(q.offset))
            .Int(window)
            .Int(read));
    if (!r) return Unexpected(r.error().Prefixed("search: "));
    for (int i = 0; i < r->rows(); ++i) page.hits.push_back(ReadSearchHit(pg::Row(*r, i), &page.total));
    if (page.hits.empty()) {
      // No page (past the last, or nothing): the total still tells how many.
      auto n = conn_->Exec(
          "SELECT count(*) FROM (SELECT 1 FROM doc_terms WHERE terms @@ $1::text::tsquery LIMIT $2::bigint) w",
          pg::Params().Text(query).Int(read));
      if (!n) return Unexpected(n.error().Prefixed("search: "));
      page.total = static_cast<size_t>(n->Int(0, 0));
    }
    if (q.window > 0 && page.total > q.window) {
      page.total = q.window;
      page.total_at_least = true;
    }
    return page;
  }
  pg::Params params;
  params.Text(query).Text(q.lang);
  if (q.from) params.Text(*q.from);
  else params.Null();
  if (q.to) params.Text(*q.to);
  else params.Null();
  params.Int(q.story).Int(static_cast<int64_t>(q.limit)).Int(static_cast<int64_t>(q.offset));
  // Ranked once, over the matches only; published days compare byte by
  // byte, as ISO days do.
  auto r = conn_->Exec(
      "WITH m AS MATERIALIZED (SELECT doc, ts_rank(terms, $1::text::tsquery, 1) AS r FROM doc_terms "
      "WHERE terms @@ $1::text::tsquery) "
      "SELECT d.id, -m.r, d.lang, d.title, d.source, d.url, d.published, p.story, p.duplicate_of, count(*) OVER () "
      "FROM m JOIN documents d ON d.id = m.doc LEFT JOIN story_docs p ON p.doc = d.id "
      "WHERE ($2::text = '' OR d.lang = $2::text) "
      "AND ($3::text IS NULL OR d.published COLLATE \"C\" >= $3::text) "
      "AND ($4::text IS NULL OR d.published COLLATE \"C\" <= $4::text) "
      "AND ($5::bigint = 0 OR p.story = $5::bigint) "
      "ORDER BY m.r DESC, d.id LIMIT $6::bigint OFFSET $7::bigint",
      params);
  if (!r) return Unexpected(r.error().Prefixed("search: "));
  for (int i = 0; i < r->rows(); ++i) page.hits.push_back(ReadSearchHit(pg::Row(*r, i), &page.total));
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

Result<std::vector<int64_t>> PgStoreImpl::MatchingStories(const TermQuery& terms) {
  const std::string query = TsQueryText(terms);
  if (query.empty()) return std::vector<int64_t>{};
  auto r = conn_->Exec(
      "SELECT DISTINCT p.story FROM doc_terms t JOIN story_docs p ON p.doc = t.doc "
      "WHERE t.terms @@ $1::text::tsquery ORDER BY p.story",
      pg::Params().Text(query));
  if (!r) return Unexpected(r.error().Prefixed("search: "));
  std::vector<int64_t> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(r->Int(i, 0));
  return out;
}

}  // namespace storyloom
