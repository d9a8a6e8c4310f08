#include "annotate/annotator.h"

#include <algorithm>

#include "annotate/document_date.h"

namespace storyloom {

DocumentDate Annotator::DateOf(const Document& doc) const {
  // A list of leads is many reports of many days: nothing in it dates the
  // whole, and its yearless days stay year-unknown for the story to settle.
  if (doc.is_list && !doc.published) return {};
  if (!doc.published) {
    // A dateline the cleaner cut from the lead ("WASHINGTON | Wed Mar 30,
    // 2011 6:16 pm EDT ...") is no longer in the body but still dates the
    // document: a full date in it is the publication day; a day without a
    // year ("CAIRO, Feb 1 (Reuters) -") is read with the body, which places it.
    std::string datelines;
    for (const RemovedSpan& r : doc.removed) {
      if (r.reason == "dateline") datelines += r.text + "\n";
    }
    if (!datelines.empty()) {
      DocumentDate d = ResolveDocumentDate(std::nullopt, "", datelines, doc.lang, tagger_);
      if (d.value) {
        d.from = "dateline";
        return d;
      }
      return ResolveDocumentDate(std::nullopt, "", datelines + "\n" + doc.body.text(), doc.lang, tagger_);
    }
  }
  return ResolveDocumentDate(doc.published, doc.published_from.empty() ? "metadata" : doc.published_from,
                             doc.body.text(), doc.lang, tagger_);
}

DocumentAnnotation Annotator::Annotate(const Document& doc) const {
  DocumentAnnotation out;
  out.date = DateOf(doc);
  const std::string dct = out.date.value.value_or("");
  const std::string& text = doc.body.text();
  auto lang_of = [&](const Span& s) {
    std::string lang = doc.lang;
    for (const Paragraph& p : doc.paragraphs) {
      if (p.span.start <= s.start && s.start < p.span.end && !p.lang.empty()) lang = p.lang;
    }
    return lang;
  };
  out.sentences.resize(doc.sentences.size());
  std::vector<std::string> langs(doc.sentences.size());  // each sentence's language, found once
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    out.sentences[i].sentence = static_cast<uint32_t>(i);
    out.sentences[i].span = doc.sentences[i].span;
    langs[i] = lang_of(doc.sentences[i].span);
  }
  // Dates are tagged over runs of sentences in one language, not sentence by
  // sentence: "The next day", "two days later" and "that year" count from a
  // date told in an earlier sentence. The leads of a list are separate
  // reports, so each is a run of its own.
  for (size_t first = 0; first < doc.sentences.size();) {
    const std::string& lang = langs[first];
    size_t last = first;
    while (!doc.is_list && last + 1 < doc.sentences.size() && langs[last + 1] == lang) ++last;
    const uint32_t start = doc.sentences[first].span.start, end = doc.sentences[last].span.end;
    size_t owner = first;
    for (TimeExpression t : tagger_.Tag(std::string_view(text).substr(start, end - start), lang, dct)) {
      t.span = {t.span.start + start, t.span.end + start};
      while (owner < last && doc.sentences[owner].span.end <= t.span.start) ++owner;  // expressions come in order
      SentenceAnnotation& a = out.sentences[owner];
      if (!t.year_unknown) a.anchors.push_back({"date:" + t.value, t.span, 1.0f});
      a.dates.push_back(std::move(t));
    }
    first = last + 1;
  }
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Span s = doc.sentences[i].span;
    SentenceAnnotation& a = out.sentences[i];
    for (Anchor anchor : FindAnchors(std::string_view(text).substr(s.start, s.size()), langs[i], anchors_)) {
      anchor.span = {anchor.span.start + s.start, anchor.span.end + s.start};
      a.anchors.push_back(std::move(anchor));
    }
    std::stable_sort(a.anchors.begin(), a.anchors.end(),
                     [](const Anchor& x, const Anchor& y) { return x.span.start < y.span.start; });
  }
  if (doc.is_list) PlaceListYears(&out);
  return out;
}

void PlaceListYears(DocumentAnnotation* annotation) {
  // Walking down a newest-first list, a day far later in the calendar than
  // the one above it means the year turned: "Ngày 22-12" below "ngày 10-4"
  // is the year before. Topic pages are only roughly in order, so a small
  // step forward (30/8 above 1/9) is disorder, not a new year.
  constexpr int kYearTurnDays = 120;
  auto day_of_year = [](const std::string& value) {  // "XXXX-MM-DD", roughly
    return (std::stoi(value.substr(5, 2)) - 1) * 31 + std::stoi(value.substr(8, 2));
  };
  int above = -1;  // day of year of the last dated lead above
  int year = 0;
  for (SentenceAnnotation& s : annotation->sentences) {
    for (TimeExpression& t : s.dates) {
      if (!t.year_unknown || t.value.size() != 10 || t.value.compare(0, 5, "XXXX-") != 0) continue;
      int day = day_of_year(t.value);
      if (above >= 0 && day - above > kYearTurnDays) --year;
      above = day;
      t.relative_year = year;
    }
  }
}
}  // namespace storyloom
