// The API's documents: one in full (its text, paragraphs, sentences, removed
// spans and placement).
#include "serve/api.h"

#include "serve/api_internal.h"

namespace storyloom {

using namespace api_internal;  // NOLINT: the API's own parameters and responses

ApiResponse Api::GetDocument(const ApiRequest&, int64_t id) {
  auto d = engine_.GetDocument(id);
  if (!d) return StatusError(d.error());  // 404 when there is no such document, not when the store fails
  return JsonOk(DocumentViewJson(*d));
}

}  // namespace storyloom
