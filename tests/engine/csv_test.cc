// JSON views as CSV rows (storyloom/csv.h): what a spreadsheet reads back.
#include "storyloom/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace storyloom {
namespace {

using nlohmann::json;

TEST(Csv, FieldsAreQuotedOnlyWhenTheyMustBe) {
  EXPECT_EQ(CsvField("Niamey"), "Niamey");
  EXPECT_EQ(CsvField("Niamey, Niger"), "\"Niamey, Niger\"");
  EXPECT_EQ(CsvField("the \"junta\""), "\"the \"\"junta\"\"\"");
  EXPECT_EQ(CsvField("line one\nline two"), "\"line one\nline two\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("Hà Nội"), "Hà Nội");
}

TEST(Csv, CellsOfEveryKindOfValue) {
  EXPECT_EQ(CsvCell(nullptr), "");
  EXPECT_EQ(CsvCell(42), "42");
  EXPECT_EQ(CsvCell(0.5), "0.5");
  EXPECT_EQ(CsvCell(true), "true");
  EXPECT_EQ(CsvCell("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvCell(json::array({"en", "vi"})), "en;vi");
  EXPECT_EQ(CsvCell(json::array({3, 7, 12})), "3;7;12");
  EXPECT_EQ(CsvCell(json::array()), "");
  EXPECT_EQ(CsvCell(json{{"from", "2023-07-26"}, {"counts", {1, 2}}}),
            "\"{\"\"counts\"\":[1,2],\"\"from\"\":\"\"2023-07-26\"\"}\"");
}

TEST(Csv, TheFirstRowNamesTheColumnsLeadingOnesFirst) {
  std::ostringstream out;
  CsvWriter w(out, {"id"});
  ASSERT_TRUE(w.Write({{"title", "Coup in Niger"}, {"id", 7}, {"langs", {"vi", "ar"}}, {"start", nullptr}}).ok());
  ASSERT_TRUE(w.Write({{"title", "Sanctions, then talks"}, {"id", 9}, {"langs", {"id"}}}).ok());
  EXPECT_EQ(out.str(),
            "id,langs,start,title\r\n"
            "7,vi;ar,,Coup in Niger\r\n"
            "9,id,,\"Sanctions, then talks\"\r\n");
  // A field the first row lacked is refused, not dropped.
  Status st = w.Write({{"id", 10}, {"extra", 1}});
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("extra"), std::string::npos) << st.message();
}

TEST(Csv, NoRowsStillGivesTheHeader) {
  std::ostringstream out;
  CsvWriter w(out, {"story", "number"});
  w.WriteHeaderOf({{"title", ""}, {"number", 0}, {"story", 0}});
  EXPECT_EQ(out.str(), "story,number,title\r\n");
}

}  // namespace
}  // namespace storyloom
