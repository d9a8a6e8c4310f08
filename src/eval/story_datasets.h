// Readers for the public story-clustering datasets of ../shared/data (see
// docs/EVALUATION.md), each turned into the same list of labelled articles so
// one scorer serves them all:
//
//   vietnamese-mds  clusters/cluster_N/ID.{info,body}.txt; gold = the cluster
//                   folder; 628 Vietnamese articles in 199 groups.
//   mmds            dev.json {"articles", "clusters"}; gold = the cluster label;
//                   209 articles in 51 groups (English, Malay, Indonesian and
//                   Chinese, though the dataset labels no language).
//   timeline17      <topic>_<source>/articles.jsonl; gold = the topic (8 stories
//                   over 16 sets); English.
//   ntrex           line-aligned translations of 123 English articles; one item
//                   per (article, language), gold = the source article, so a
//                   group holds every language version of one article: the
//                   English newstest2019-src.eng.txt and each
//                   newstest2019-ref.<code>.txt beside it (15 languages in
//                   ../shared/data/ntrex; codes as ISO 639-3, "zho-CN").
//
//   Result<StoryDataset> data = ReadStoryDataset("../shared/data/mmds");
//   for (const StoryItem& item : data->items) ... item.gold ...
#ifndef STORYLOOM_EVAL_STORY_DATASETS_H_
#define STORYLOOM_EVAL_STORY_DATASETS_H_

#include <optional>
#include <string>
#include <vector>

#include "storyloom/status.h"

namespace storyloom {

struct StoryItem {
  std::string id;     // stable, readable: "cluster_12/12240106", "mmds/17", "bpoil_bbc/42", "ntrex/vie/bbc.381790"
  std::string gold;   // gold group label
  std::string lang;   // ISO 639-1 when the dataset says so ("vi", "en", "id", "ar", "ms"), else ""
  std::string title;  // may be empty
  std::string text;   // the article body as a user would ingest it (no title repeated)
  std::optional<std::string> published;  // ISO day "2013-10-23" when known
};

struct StoryDataset {
  std::string name;              // "vietnamese-mds", "mmds", "timeline17", "ntrex"
  std::vector<StoryItem> items;  // by published day (undated items last), ties by id in natural order
  // Translations (ntrex): the language of the originals ("en"), each
  // group's item in it being the one the others translate; else "".
  std::string original_lang;
  // Translations: the languages of the figure kept comparable across
  // versions of storyloom (ntrex: en, vi, id, ar, ms, the five it had
  // first); empty when the whole dataset is that figure.
  std::vector<std::string> headline_langs;
};

// path: a vietnamese-mds folder (holding clusters/ or being clusters/), an
// mmds JSON file (dev.json) or a folder holding dev.json, the timeline17
// folder, or the ntrex folder; the kind is sniffed from what the path holds.
// Articles whose text is empty are left out (Timeline17 has 24: a user has
// nothing to ingest). Fails with a message naming the path when it is
// missing, of no known kind, or malformed.
Result<StoryDataset> ReadStoryDataset(const std::string& path);

}  // namespace storyloom

#endif  // STORYLOOM_EVAL_STORY_DATASETS_H_
