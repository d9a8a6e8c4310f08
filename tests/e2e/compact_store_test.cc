// A compact store, end to end: raw inputs are kept compressed, a placed
// document's shingles are not kept (near-duplicate candidates are verified
// against shingles made again from their text), and what the placement
// queue frees goes back to the file system. The checks a user would make:
// a near copy ingested in a later run is still folded under its original,
// in English and in a Vietnamese corpus line whose words are joined by '_',
// and the store is smaller than what it holds twice over.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "e2e/cli_runner.h"

namespace storyloom::testing {
namespace {

std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out + "\"";
}

std::string Line(const std::string& title, const std::string& date, const std::string& text) {
  return "{\"title\": " + Json(title) + ", \"published\": " + Json(date) + ", \"text\": " + Json(text) + "}\n";
}

// An English report of many distinct sentences; `changed` words are
// replaced, as a second outlet's light edit would.
std::string English(bool changed) {
  std::string text;
  const char* towns[] = {"Tillaberi", "Dosso", "Maradi", "Zinder", "Tahoua", "Agadez", "Diffa", "Niamey"};
  for (int i = 0; i < 24; ++i) {
    text += "Rescue team " + std::to_string(i + 1) + " moved " + std::to_string(40 + i * 13) + " residents from " +
            towns[i % 8] + " district to higher ground on Tuesday after the river rose " + std::to_string(i % 5 + 2) +
            " metres overnight. ";
    if (i % 6 == 5) text += "\n\n";
  }
  if (changed) {
    for (auto [from, to] : {std::pair{"Rescue team 3 ", "Relief crew 3 "}, {"Rescue team 17 ", "Relief crew 17 "}}) {
      text.replace(text.find(from), std::string(from).size(), to);
    }
  }
  return text;
}

// Another affair's report (other numbers: not a translation of the first),
// as a Vietnamese corpus line: multi-syllable words joined by '_'.
std::string Vietnamese(bool changed) {
  std::string text;
  for (int i = 0; i < 24; ++i) {
    text += "Đội cứu_hộ số " + std::to_string(i + 101) + " đã đưa " + std::to_string(900 + i * 29) +
            " người_dân ra khỏi vùng ngập ở xã thứ " + std::to_string(i + 50) + " vào sáng thứ_Ba sau khi nước sông dâng " +
            std::to_string(i % 3 + 11) + " mét trong đêm . ";
  }
  if (changed) {
    const std::string from = "Đội cứu_hộ số 109 ", to = "Lực_lượng cứu_hộ số 109 ";
    text.replace(text.find(from), from.size(), to);
  }
  return text;
}

int64_t Query(const std::string& store, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  int64_t out = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    out = sqlite3_column_int64(st, 0);
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(CompactStore, ANearCopyInALaterRunIsFoldedFromTheOriginalsText) {
  TempDir dir;
  const std::string store = dir.Path("store.db");
  dir.Write("first.jsonl", Line("River floods Niger towns", "2024-08-20", English(false)) +
                               Line("Lũ sông ở Niger", "2024-08-20", Vietnamese(false)));
  dir.Write("later.jsonl", Line("River floods Niger towns", "2024-08-21", English(true)) +
                               Line("Lũ sông ở Niger", "2024-08-21", Vietnamese(true)));
  CliResult first = RunCli({"ingest", dir.Path("first.jsonl"), "--store", store, "-q"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // Placed: no shingles are kept for them.
  EXPECT_EQ(Query(store, "SELECT count(*) FROM doc_features WHERE length(shingles) > 0"), 0);
  EXPECT_EQ(Query(store, "SELECT count(*) FROM doc_features"), 2);

  CliResult later = RunCli({"ingest", dir.Path("later.jsonl"), "--store", store, "-q"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  // Each light edit is a near copy of its original, found in the second run
  // with the original's shingles made again from its stored text (without
  // them, the exact Jaccard would be 0 and no copy would be folded).
  EXPECT_EQ(Query(store, "SELECT duplicate_of FROM story_docs WHERE doc = 3"), 1);
  EXPECT_EQ(Query(store, "SELECT duplicate_of FROM story_docs WHERE doc = 4"), 2);
  EXPECT_EQ(Query(store, "SELECT count(*) FROM story_docs WHERE duplicate_kind = 'near'"), 2);
  EXPECT_EQ(Query(store, "SELECT count(*) FROM doc_features WHERE length(shingles) > 0"), 0);
  EXPECT_EQ(Query(store, "SELECT count(*) FROM placement_queue"), 0);

  // Raw inputs are kept compressed (the store contract checks they come
  // back byte for byte).
  EXPECT_EQ(Query(store, "SELECT count(*) FROM inputs WHERE raw_codec = 'zstd' AND length(raw) < bytes"), 2);
  EXPECT_EQ(Query(store, "PRAGMA auto_vacuum"), 2) << "a new store gives freed pages back (incremental)";
}

void Exec(const std::string& store, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// A candidate original whose shingles cannot be read is not taken for "no
// copy": placing stops with an error naming it, the new document stays
// stored and queued, and once the store is mended a rerun folds it.
TEST(CompactStore, ACandidateThatCannotBeReadStopsPlacingAndARerunFoldsTheCopy) {
  TempDir dir;
  const std::string store = dir.Path("store.db");
  dir.Write("first.jsonl", Line("River floods Niger towns", "2024-08-20", English(false)));
  dir.Write("later.jsonl", Line("River floods Niger towns", "2024-08-21", English(true)));
  CliResult first = RunCli({"ingest", dir.Path("first.jsonl"), "--store", store, "-q"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // Damaged stored shingles, as a store from before schema 8 could hold.
  Exec(store, "UPDATE doc_features SET shingles = x'ffff' WHERE doc = 1");

  CliResult later = RunCli({"ingest", dir.Path("later.jsonl"), "--store", store, "-q"});
  EXPECT_NE(later.exit_code, 0);
  EXPECT_NE(later.err.find("near-duplicate candidate 1"), std::string::npos) << later.err;
  EXPECT_NE(later.err.find("corrupt"), std::string::npos) << later.err;
  EXPECT_EQ(Query(store, "SELECT count(*) FROM documents"), 2) << "the copy is stored";
  EXPECT_EQ(Query(store, "SELECT count(*) FROM placement_queue"), 1) << "and waits to be placed";
  EXPECT_EQ(Query(store, "SELECT count(*) FROM story_docs"), 1);

  // Mended (no stored shingles: they are made again from the text).
  Exec(store, "UPDATE doc_features SET shingles = x'' WHERE doc = 1");
  CliResult place = RunCli({"place", "--store", store});
  ASSERT_EQ(place.exit_code, 0) << place.err;
  EXPECT_EQ(Query(store, "SELECT duplicate_of FROM story_docs WHERE doc = 2"), 1);
  EXPECT_EQ(Query(store, "SELECT count(*) FROM placement_queue"), 0);
}

}  // namespace
}  // namespace storyloom::testing
