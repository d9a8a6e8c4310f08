// The `storyloom` Python module's native part (`storyloom._storyloom`): a
// store handle over the public Engine (engine.h) whose answers are plain
// Python values in the shapes of the JSON views (views.h), so code written
// against the HTTP API reads them unchanged. Long calls release the GIL; an
// engine error becomes a Python exception carrying the engine's message.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "storyloom/document.h"
#include "storyloom/engine.h"
#include "storyloom/ingest.h"
#include "storyloom/search.h"
#include "storyloom/status.h"
#include "storyloom/story.h"
#include "storyloom/timeline.h"
#include "storyloom/views.h"

namespace py = pybind11;

namespace storyloom::python {
namespace {

using nlohmann::json;

// A string from the store as Python text; bytes that are not UTF-8 become
// U+FFFD, as DumpJson does for the HTTP API.
py::object Text(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

py::object ToPython(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
      return py::none();
    case json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case json::value_t::number_integer:
      return py::int_(j.get<int64_t>());
    case json::value_t::number_unsigned:
      return py::int_(j.get<uint64_t>());
    case json::value_t::number_float:
      return py::float_(j.get<double>());
    case json::value_t::string:
      return Text(j.get_ref<const std::string&>());
    case json::value_t::array: {
      py::list out(j.size());
      for (size_t i = 0; i < j.size(); ++i) out[i] = ToPython(j[i]);
      return out;
    }
    case json::value_t::object: {
      py::dict out;
      for (const auto& [key, value] : j.items()) out[Text(key)] = ToPython(value);
      return out;
    }
    case json::value_t::binary:
      break;
  }
  return py::none();
}

// Raises the Python exception for an engine error: LookupError for what does
// not exist, ValueError for a bad argument, RuntimeError for the rest.
[[noreturn]] void Raise(const Status& s, PyObject* not_found = PyExc_LookupError) {
  PyObject* type = s.kind() == ErrorKind::kNotFound          ? not_found
                   : s.kind() == ErrorKind::kInvalidArgument ? PyExc_ValueError
                                                             : PyExc_RuntimeError;
  PyErr_SetString(type, s.message().c_str());
  throw py::error_already_set();
}

[[noreturn]] void RaiseValue(const std::string& message) {
  PyErr_SetString(PyExc_ValueError, message.c_str());
  throw py::error_already_set();
}

// A path as Python gives it: str or os.PathLike.
std::string FsPath(const py::handle& p) { return py::module_::import("os").attr("fspath")(p).cast<std::string>(); }

// One path, or a sequence of them.
std::vector<std::string> FsPaths(const py::handle& paths) {
  std::vector<std::string> out;
  if (py::isinstance<py::str>(paths) || py::hasattr(paths, "__fspath__")) {
    out.push_back(FsPath(paths));
    return out;
  }
  if (py::isinstance<py::bytes>(paths) || !py::isinstance<py::iterable>(paths)) {
    PyErr_SetString(PyExc_TypeError, "paths must be a path or a list of paths");
    throw py::error_already_set();
  }
  for (py::handle p : paths) out.push_back(FsPath(p));
  return out;
}

template <typename T>
const T& Check(const Result<T>& r) {
  if (!r) Raise(r.error());
  return *r;
}

// As the HTTP API reads its parameters: a language code, or a day.
std::string Lang(const std::optional<std::string>& lang) {
  if (!lang || lang->empty()) return "";
  bool ok = lang->size() >= 2 && lang->size() <= 3;
  for (char c : *lang) ok = ok && c >= 'a' && c <= 'z';
  if (!ok) RaiseValue("lang must be a language code such as vi, id, ar or en, not '" + *lang + "'");
  return *lang;
}

std::optional<std::string> Day(const std::optional<std::string>& day, const char* name) {
  if (!day) return std::nullopt;
  if (!ParseIsoDay(*day)) RaiseValue(std::string(name) + " must be a day written YYYY-MM-DD, not '" + *day + "'");
  return day;
}

// The store handle Python holds. Each call takes its own reference to the
// engine, so close() while another thread is inside a call is safe.
class PyStore {
 public:
  explicit PyStore(std::shared_ptr<Engine> engine)
      : engine_(std::move(engine)), location_(engine_->location()), backend_(engine_->backend()) {}

  const std::string& location() const { return location_; }
  const std::string& backend() const { return backend_; }
  bool closed() const { return engine_ == nullptr; }
  void Close() { engine_.reset(); }

  std::string Repr() const {
    return "<storyloom store " + location_ + " (" + backend_ + (engine_ ? ")>" : ", closed)>");
  }

  py::dict Ingest(const py::object& path_list, const std::string& format, const std::optional<std::string>& lang,
                  int threads, bool stories, bool keep_bad) {
    IngestOptions options;
    if (!ParseFormat(format, &options.format)) {
      RaiseValue("unknown format '" + format + "' (auto, text, lines, jsonl, html)");
    }
    std::vector<std::string> paths = FsPaths(path_list);
    if (paths.empty()) RaiseValue("ingest needs at least one path");
    options.forced_lang = Lang(lang);
    options.keep_bad = keep_bad;
    options.stories = stories;
    if (threads < 0) RaiseValue("threads must be 0 (every core) or more");
    options.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::shared_ptr<Engine> engine = Get();
    std::vector<std::string> issues;
    std::mutex issues_mu;
    auto on_issue = [&issues, &issues_mu](const InputIssue& i) {
      std::lock_guard lock(issues_mu);
      issues.push_back(i.path + (i.line ? ":" + std::to_string(i.line) : "") + ": " + i.message);
    };
    Result<IngestReport> report = [&]() -> Result<IngestReport> {
      py::gil_scoped_release release;
      // Resources are checked first, so a missing model is said before any
      // input is read.
      if (Status ready = engine->Preload(/*stories=*/false); !ready.ok()) return Unexpected(ready);
      return engine->Ingest(paths, options, on_issue, nullptr);
    }();
    const IngestReport& r = Check(report);
    py::dict out;
    out["inputs"] = r.inputs;
    out["inputs_known"] = r.inputs_known;
    out["inputs_failed"] = r.inputs_failed;
    out["documents"] = r.documents;
    out["bytes"] = r.bytes;
    out["stories_new"] = r.stories_new;
    out["duplicates"] = r.duplicates;
    out["merges"] = r.merges;
    out["placed"] = r.placed;
    out["queued"] = r.queued;
    out["stories"] = r.stories;
    py::list issue_list;
    for (const std::string& i : issues) issue_list.append(Text(i));
    out["issues"] = issue_list;
    out["already_stored"] = r.inputs == 0 && r.inputs_known > 0;
    return out;
  }

  py::object Stories(const std::optional<std::string>& lang, const std::optional<std::string>& from,
                     const std::optional<std::string>& to, const std::optional<std::string>& q,
                     const std::optional<size_t>& limit, size_t offset, const std::string& sort, bool docs) {
    StoryFilter filter;
    filter.lang = Lang(lang);
    filter.from = Day(from, "from_");
    filter.to = Day(to, "to");
    if (q) filter.text = *q;
    filter.limit = limit.value_or(0);
    if (limit && *limit == 0) RaiseValue("limit must be at least 1 (None: every story)");
    filter.offset = offset;
    if (sort != "size" && sort != "recent") RaiseValue("sort must be 'size' or 'recent', not '" + sort + "'");
    filter.order = sort == "recent" ? StoryFilter::Order::kRecent : StoryFilter::Order::kSize;
    std::shared_ptr<Engine> engine = Get();
    Result<json> rows = [&]() -> Result<json> {
      py::gil_scoped_release release;
      auto list = engine->ListStories(filter);
      if (!list) return Unexpected(list.error());
      json out = json::array();
      for (const StorySummary& s : list->stories) out.push_back(StoryJson(s, docs));
      return out;
    }();
    return ToPython(Check(rows));
  }

  py::object Story(int64_t id, const std::optional<std::string>& lang) {
    std::string l = Lang(lang);
    return Call([&](Engine& e) -> Result<json> {
      auto story = e.GetStory(id, l);
      if (!story) return Unexpected(story.error());
      return StoryViewJson(*story);
    });
  }

  py::object Events(int64_t story) {
    return Call([&](Engine& e) -> Result<json> {
      auto events = e.GetEvents(story);
      if (!events) return Unexpected(events.error());
      json out = json::array();
      for (const StoryEvent& ev : *events) out.push_back(EventJson(ev));
      return out;
    });
  }

  py::object Timeline(int64_t story, const std::optional<std::string>& lang, size_t dates, size_t sentences,
                      size_t summary, const std::optional<std::string>& from, const std::optional<std::string>& to) {
    TimelineOptions options;
    options.lang = Lang(lang);
    options.dates = dates;
    if (sentences < 1) RaiseValue("sentences must be at least 1");
    options.sentences = sentences;
    options.summary = summary;
    options.from = Day(from, "from_");
    options.to = Day(to, "to");
    return Call([&](Engine& e) -> Result<json> {
      auto view = e.GetTimeline(story, options);
      if (!view) return Unexpected(view.error());
      return TimelineViewJson(*view);
    });
  }

  py::object Document(int64_t id) {
    return Call([&](Engine& e) -> Result<json> {
      auto doc = e.GetDocument(id);
      if (!doc) return Unexpected(doc.error());
      return DocumentViewJson(*doc);
    });
  }

  py::object Documents(int64_t after, size_t limit) {
    if (limit == 0) RaiseValue("limit must be at least 1");
    return Call([&](Engine& e) -> Result<json> {
      auto docs = e.ListDocuments(after, limit);
      if (!docs) return Unexpected(docs.error());
      json out = json::array();
      for (const storyloom::Document& d : *docs) out.push_back(DocumentJson(d));
      return out;
    });
  }

  py::object Search(const std::string& q, const std::optional<std::string>& lang, const std::optional<int64_t>& story,
                    const std::optional<std::string>& from, const std::optional<std::string>& to, size_t limit,
                    size_t offset, size_t window) {
    SearchOptions options;
    options.lang = Lang(lang);
    options.story = story.value_or(0);
    if (options.story < 0) RaiseValue("story must be a story id");
    options.from = Day(from, "from_");
    options.to = Day(to, "to");
    if (limit == 0) RaiseValue("limit must be at least 1");
    options.limit = limit;
    options.offset = offset;
    options.window = window;
    return Call([&](Engine& e) -> Result<json> {
      auto results = e.Search(q, options);
      if (!results) return Unexpected(results.error());
      return SearchJson(*results);
    });
  }

 private:
  std::shared_ptr<Engine> Get() const {
    if (!engine_) RaiseValue("the store " + location_ + " is closed");
    return engine_;
  }

  // Runs `f` on the engine without the GIL (the JSON view is built there
  // too), then hands its answer to Python.
  template <typename F>
  py::object Call(F&& f) {
    std::shared_ptr<Engine> engine = Get();
    Result<json> r = [&] {
      py::gil_scoped_release release;
      return f(*engine);
    }();
    return ToPython(Check(r));
  }

  std::shared_ptr<Engine> engine_;
  std::string location_;
  std::string backend_;
};

PyStore Open(const py::object& path_or_url, bool create, const py::object& resources, const py::object& langid_model,
             const py::object& lexicons) {
  EngineOptions options;
  std::string location = FsPath(path_or_url);
  options.mode = create ? Store::Mode::kCreate : Store::Mode::kExisting;
  if (!resources.is_none()) options.resources_dir = FsPath(resources);
  if (!langid_model.is_none()) options.langid_model = FsPath(langid_model);
  if (!lexicons.is_none()) options.lexicons = FsPaths(lexicons);
  Result<std::unique_ptr<Engine>> engine = [&] {
    py::gil_scoped_release release;
    return Engine::Open(location, options);
  }();
  // A store that is not there is a missing file to Python.
  if (!engine) Raise(engine.error(), PyExc_FileNotFoundError);
  return PyStore(std::shared_ptr<Engine>(std::move(*engine)));
}

}  // namespace
}  // namespace storyloom::python

PYBIND11_MODULE(_storyloom, m) {
  using storyloom::python::PyStore;
  m.doc() = "storyloom's engine: stories and dated timelines from multilingual news";

  py::class_<PyStore>(m, "Store", "An open storyloom store (see storyloom.open).")
      .def_property_readonly("location", &PyStore::location, "the path or URL given to open")
      .def_property_readonly("backend", &PyStore::backend, "'sqlite' or 'postgresql'")
      .def_property_readonly("closed", &PyStore::closed)
      .def("close", &PyStore::Close, "Closes the store; later calls raise ValueError.")
      .def(
          "__enter__", [](PyStore& s) -> PyStore& { return s; }, py::return_value_policy::reference)
      .def("__exit__", [](PyStore& s, py::args) { s.Close(); })
      .def("__repr__", &PyStore::Repr)
      .def("ingest", &PyStore::Ingest, py::arg("paths"), py::arg("format") = "auto", py::arg("lang") = py::none(),
           py::arg("threads") = 0, py::arg("stories") = true, py::arg("keep_bad") = false,
           "Reads files and folders (recursive) into the store and places their documents into stories.\n"
           "Returns the report: counts, and 'issues' (one 'path[:line]: message' per problem input).")
      .def("stories", &PyStore::Stories, py::kw_only(), py::arg("lang") = py::none(), py::arg("from_") = py::none(),
           py::arg("to") = py::none(), py::arg("q") = py::none(), py::arg("limit") = py::none(), py::arg("offset") = 0,
           py::arg("sort") = "size", py::arg("docs") = false,
           "The stories, largest first (sort='recent': latest published first), as the API's 'stories' list.\n"
           "docs=True adds each story's document ids.")
      .def("story", &PyStore::Story, py::arg("id"), py::kw_only(), py::arg("lang") = py::none(),
           "One story with its documents, events and merges; LookupError when there is none.")
      .def("events", &PyStore::Events, py::arg("story_id"), "A story's events in the order they begin.")
      .def("timeline", &PyStore::Timeline, py::arg("story_id"), py::kw_only(), py::arg("lang") = py::none(),
           py::arg("dates") = 0, py::arg("sentences") = 3, py::arg("summary") = 3, py::arg("from_") = py::none(),
           py::arg("to") = py::none(), "A story's dated timeline, as GET /api/stories/{id}/timeline answers it.")
      .def("document", &PyStore::Document, py::arg("id"),
           "One document in full with its placement; LookupError when there is none.")
      .def("documents", &PyStore::Documents, py::kw_only(), py::arg("after") = 0, py::arg("limit") = 100,
           "A page of stored documents (ids above `after`), without their structure.")
      .def("search", &PyStore::Search, py::arg("q"), py::kw_only(), py::arg("lang") = py::none(),
           py::arg("story") = py::none(), py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("limit") = 20, py::arg("offset") = 0, py::arg("window") = storyloom::kDefaultSearchWindow,
           "Full-text search, best first, as GET /api/search answers it ('hits' with snippets).");

  m.def("open", &storyloom::python::Open, py::arg("path_or_url"), py::arg("create") = false, py::kw_only(),
        py::arg("resources") = py::none(), py::arg("langid_model") = py::none(), py::arg("lexicons") = py::none(),
        "Opens a store: a SQLite path or a postgresql:// URL. create=True makes it when absent.");
}
