// Feeds: RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and Google News sitemaps, read
// with Debian's libxml2 in recovering mode, so the broken feeds people
// really have (a bare '&', an HTML entity XML does not know, a file cut
// short) still yield every item the parser can get back.
//
// One unit an item. The title, link, date, author, language and source (the
// channel's title) go into the unit's fields; `content:encoded`, or the
// item's HTML content, goes through article extraction. An item with only a
// summary (or a sitemap entry, which has only a headline) is kept, flagged
// "summary_only" in its metadata. Units map back to the item's bytes, to
// the very bytes of the article where the HTML is written out in CDATA.
#ifndef STORYLOOM_INGEST_FEED_READER_H_
#define STORYLOOM_INGEST_FEED_READER_H_

#include <string>
#include <string_view>

#include "ingest/reader.h"
#include "storyloom/mapped_text.h"

namespace storyloom {

// The kind of feed the first bytes of an XML document announce ("rss",
// "rdf", "atom", "sitemap"), or "" when they are not one.
std::string SniffFeed(std::string_view head);

// Reads the decoded (UTF-8) feed into units and issues.
void ReadFeed(const std::string& path, const MappedText& decoded, const ReadOptions& options, ReadResult* out);

// "Tue, 05 Dec 2023 14:30:00 +0700" (RFC 822, as RSS writes dates) or an
// ISO 8601 / RFC 3339 date to "2023-12-05": the day as the publisher wrote
// it, in its own time zone.
std::optional<std::string> FeedDate(std::string_view value);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_FEED_READER_H_
