// Web archives: WARC 1.0 and 1.1 (ISO 28500), plain or as `.warc.gz` with
// a gzip member a record (the input arrives un-gzipped). Written by hand:
// Debian packages no WARC library for C or C++, and the part storyloom needs
// (record headers, a length-counted block, an HTTP response inside) is a
// few hundred lines.
//
// Only `response` records whose payload is HTML are read: each page goes
// through article extraction, keeps its WARC-Target-URI as its URL, and
// takes the fetch date (WARC-Date) when the page gives no date of its own.
// Other records (requests, metadata, redirects, images) are skipped and
// counted in one message; a damaged record is named by its number and byte
// offset, and reading goes on at the next record.
#ifndef STORYLOOM_INGEST_WARC_READER_H_
#define STORYLOOM_INGEST_WARC_READER_H_

#include <string>

#include "ingest/reader.h"

namespace storyloom {

// `bytes`: the whole archive, un-gzipped. A unit's line is its record's
// number (from 1); its offsets are into `bytes`.
void ReadWarc(const std::string& path, const std::string& bytes, const ReadOptions& options, ReadResult* out);

}  // namespace storyloom

#endif  // STORYLOOM_INGEST_WARC_READER_H_
