#include "stories/features_codec.h"

#include <cstring>

#include "base/zstd_blob.h"

namespace storyloom {

namespace {

// 2 added the LSH bands; version 1 blobs still read (bands empty). 3 is
// version 2's fields in one zstd frame (their size first): a quarter
// smaller, and features are the store's largest rows beside the text.
constexpr uint8_t kVersion = 3;
constexpr uint8_t kPlainVersion = 2;

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.append(b, sizeof(T));
  }
  void Str(const std::string& s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  void Features(const std::vector<Feature>& v) {
    Put<uint32_t>(static_cast<uint32_t>(v.size()));
    for (const Feature& f : v) {
      Put(f.key);
      Put(f.weight);
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T* v) {
    if (in_.size() < sizeof(T)) return false;
    std::memcpy(v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool Str(std::string* s) {
    uint32_t n;
    if (!Get(&n) || in_.size() < n) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  bool Features(std::vector<Feature>* v) {
    uint32_t n;
    if (!Get(&n) || in_.size() < static_cast<size_t>(n) * 12) return false;
    v->resize(n);
    for (Feature& f : *v) {
      Get(&f.key);
      Get(&f.weight);
    }
    return true;
  }

 private:
  std::string_view in_;
};

}  // namespace

std::string EncodeFeatures(const DocFeatures& f) {
  Writer w;
  w.Put<int64_t>(f.doc);
  w.Str(f.lang);
  w.Put<uint8_t>(f.day.has_value());
  w.Put<int32_t>(f.day.value_or(0));
  w.Str(f.title);
  w.Str(f.content_hash);
  w.Features(f.terms);
  w.Features(f.anchors);
  w.Features(f.pivots);
  w.Put<uint32_t>(f.sentences);
  w.Put<uint32_t>(f.words);
  w.Put<uint32_t>(static_cast<uint32_t>(f.bands.size()));
  for (uint64_t b : f.bands) w.Put(b);
  std::string fields = w.Take();
  Writer out;
  if (auto frame = ZstdCompress(fields)) {
    out.Put<uint8_t>(kVersion);
    out.Put<uint32_t>(static_cast<uint32_t>(fields.size()));
    return out.Take() + *frame;
  }
  out.Put<uint8_t>(kPlainVersion);  // zstd failed: as they are
  return out.Take() + fields;
}

Result<DocFeatures> DecodeFeatures(std::string_view bytes) {
  uint8_t version = bytes.empty() ? 0 : static_cast<uint8_t>(bytes[0]);
  if (version < 1 || version > kVersion) return Fail("stored story features have an unknown version");
  bytes.remove_prefix(1);
  std::string fields;
  if (version == kVersion) {
    Reader head(bytes);
    uint32_t size = 0;
    if (!head.Get(&size)) return Fail("stored story features are truncated");
    if (size > (64u << 20)) return Fail("stored story features are corrupt (they claim " + std::to_string(size) + " bytes)");
    auto plain = ZstdDecompress(bytes.substr(sizeof size), size);
    if (!plain) return Fail("stored story features are corrupt (their zstd frame does not decode)");
    fields = std::move(*plain);
    bytes = fields;
    version = kPlainVersion;
  }
  Reader r(bytes);
  DocFeatures f;
  uint8_t has_day = 0;
  int32_t day = 0;
  bool ok = r.Get(&f.doc) && r.Str(&f.lang) && r.Get(&has_day) && r.Get(&day) && r.Str(&f.title) &&
            r.Str(&f.content_hash) && r.Features(&f.terms) && r.Features(&f.anchors) && r.Features(&f.pivots) &&
            r.Get(&f.sentences) && r.Get(&f.words);
  uint32_t bands = 0;
  if (ok && version >= 2) {
    ok = r.Get(&bands) && bands <= 1024;
    f.bands.resize(ok ? bands : 0);
    for (uint64_t& b : f.bands) ok = ok && r.Get(&b);
  }
  if (!ok) return Fail("stored story features are truncated");
  if (has_day) f.day = day;
  return f;
}

namespace {
// 2: the shingles travel with the queued document (the store keeps none
// once it is placed); 1: they were read from its stored features.
constexpr uint8_t kPendingVersion = 2;
}  // namespace

std::string EncodePending(const DocFeatures& f) {
  Writer w;
  w.Put<uint8_t>(kPendingVersion);
  w.Str(f.told_first);
  w.Str(f.told_last);
  w.Put<uint32_t>(static_cast<uint32_t>(f.names.size()));
  for (const auto& [key, name] : f.names) {
    w.Put(key);
    w.Str(name);
  }
  w.Str(EncodeShingles(f.shingles));
  return w.Take();
}

Status DecodePending(std::string_view bytes, DocFeatures* f) {
  Reader r(bytes);
  uint8_t version = 0;
  uint32_t names = 0;
  if (!r.Get(&version) || version < 1 || version > kPendingVersion) {
    return Status::Corruption("a queued document's placing data has an unknown version");
  }
  if (!r.Str(&f->told_first) || !r.Str(&f->told_last) || !r.Get(&names)) {
    return Status::Corruption("a queued document's placing data is truncated");
  }
  f->names.clear();
  for (uint32_t i = 0; i < names; ++i) {
    uint64_t key = 0;
    std::string name;
    if (!r.Get(&key) || !r.Str(&name)) return Status::Corruption("a queued document's placing data is truncated");
    f->names.emplace(key, std::move(name));
  }
  if (version >= 2) {
    std::string bytes;
    if (!r.Str(&bytes)) return Status::Corruption("a queued document's placing data is truncated");
    auto shingles = DecodeShingles(bytes);
    if (!shingles) return shingles.error();
    f->shingles = std::move(*shingles);
  }
  return Status::Ok();
}

std::string EncodeShingles(const std::vector<uint64_t>& shingles) {
  std::string out;
  uint64_t previous = 0;
  for (uint64_t x : shingles) {
    uint64_t delta = x - previous;
    previous = x;
    do {
      uint8_t byte = delta & 0x7f;
      delta >>= 7;
      out.push_back(static_cast<char>(byte | (delta ? 0x80 : 0)));
    } while (delta);
  }
  return out;
}

Result<std::vector<uint64_t>> DecodeShingles(std::string_view bytes) {
  std::vector<uint64_t> out;
  uint64_t previous = 0;
  size_t i = 0;
  while (i < bytes.size()) {
    uint64_t delta = 0;
    int shift = 0;
    while (true) {
      if (i >= bytes.size() || shift > 63) return Fail("stored shingles are corrupt");
      uint8_t byte = static_cast<uint8_t>(bytes[i++]);
      delta |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
      shift += 7;
    }
    previous += delta;
    out.push_back(previous);
  }
  return out;
}

}  // namespace storyloom
