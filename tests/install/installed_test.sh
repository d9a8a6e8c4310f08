#!/usr/bin/env bash
# The installed storyloom as a user gets it, away from the source tree:
#   installed_test.sh install BUILD SRC   `cmake --install` into a DESTDIR, the
#                                         prefix then moved elsewhere;
#   installed_test.sh deb BUILD SRC       the .deb made by CPack, unpacked with
#                                         dpkg-deb -x (and its Depends read).
# Either way the installed binary must name its own share folder (--version),
# then ingest the seeds (../shared/seeds; the repository's samples/ when
# absent), list stories, print a timeline, and serve the API and the web page
# from that folder, run from an empty folder with no STORYLOOM_* paths set.
# Exit 77: skipped, with the reason.
set -euo pipefail

mode=${1:?usage: installed_test.sh install|deb BUILD SRC}
build=$(cd "${2:?build folder}" && pwd -P)
src=$(cd "${3:?source folder}" && pwd -P)

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
tmp=$(cd "$tmp" && pwd -P)

fail() {
  echo "FAIL ($mode): $*" >&2
  exit 1
}

case "$mode" in
  install)
    DESTDIR="$tmp/dest" cmake --install "$build" --prefix /usr/local >"$tmp/install.log" 2>&1 ||
      { cat "$tmp/install.log" >&2; fail "cmake --install $build failed"; }
    [ -x "$tmp/dest/usr/local/bin/storyloom" ] || fail "DESTDIR not honoured: no $tmp/dest/usr/local/bin/storyloom"
    # Nothing may depend on where it was installed: move the prefix.
    mv "$tmp/dest/usr/local" "$tmp/elsewhere"
    prefix="$tmp/elsewhere"
    ;;
  deb)
    for tool in cpack dpkg-deb dpkg-shlibdeps; do
      command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (dpkg-dev, cmake)"; exit 77; }
    done
    (cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) ||
      { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
    debs=("$tmp"/pkg/storyloom_*.deb)
    [ -f "${debs[0]}" ] || fail "cpack made no storyloom_*.deb in $tmp/pkg"
    deb=${debs[0]}
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    for want in libicu libfasttext libsqlite3 libpq libcpp-httplib hunspell-id dict-freedict-eng-ind; do
      [[ "$depends" == *"$want"* ]] || fail "the .deb's Depends lack $want: $depends"
    done
    contents=$(dpkg-deb -c "$deb") || fail "dpkg-deb -c $deb failed"
    grep -q '\./usr/bin/storyloom$' <<<"$contents" || fail "the .deb holds no usr/bin/storyloom"
    if grep -E 'storyloom_(tests|bench|latency|scale)' <<<"$contents"; then fail "the .deb holds test or benchmark programs"; fi
    dpkg-deb -x "$deb" "$tmp/root"
    prefix="$tmp/root/usr"
    ;;
  *)
    fail "unknown mode $mode (install or deb)"
    ;;
esac

bin="$prefix/bin/storyloom"
share="$prefix/share/storyloom"
for f in "$bin" "$share/clean/chrome.tsv" "$share/models/lid.176.ftz" "$share/lexicons/lexicons.tsv" \
         "$share/web/index.html" "$share/web/openapi.json"; do
  [ -e "$f" ] || fail "not installed: $f"
done

# A user's shell: no paths pointing back at the source tree, an empty folder.
unset STORYLOOM_RESOURCES STORYLOOM_LANGID_MODEL STORYLOOM_WEB
mkdir "$tmp/run"
cd "$tmp/run"

"$bin" --version >version.txt || fail "$bin --version failed"
cat version.txt
grep -qx "resources: $share" version.txt || fail "the installed binary does not read $share: $(cat version.txt)"
grep -qx "language model: $share/models/lid.176.ftz" version.txt || fail "wrong language model: $(cat version.txt)"
grep -qx "web page: $share/web" version.txt || fail "wrong web page folder: $(cat version.txt)"

input="$src/../shared/seeds"
if [ -d "$input" ]; then
  input=$(cd "$input" && pwd -P)
else
  echo "no $input (../shared absent): ingesting the repository's samples/ instead"
  input="$src/samples"
fi

"$bin" ingest "$input" --store news.db >ingest.out 2>ingest.err || { cat ingest.err >&2; fail "ingest $input failed"; }
cat ingest.err
grep -q "document(s) from" ingest.err || fail "ingest did not report its documents: $(cat ingest.err)"

"$bin" docs --json --store news.db >docs.json || fail "docs failed"
langs=$(/usr/bin/python3 -c '
import json, sys
print(len({json.loads(l)["lang"] for l in open(sys.argv[1]) if l.strip()}))' docs.json)
[ "$langs" -ge 2 ] || fail "the documents were not told apart by language (the installed model): $langs language(s)"

"$bin" stories --json --store news.db >stories.json || fail "stories failed"
story=$(head -1 stories.json | /usr/bin/python3 -c 'import json, sys; print(json.loads(sys.stdin.read())["id"])') ||
  fail "stories --json gave no story: $(cat stories.json)"
"$bin" stories --store news.db

"$bin" timeline "$story" --format json --store news.db >timeline.json || fail "timeline $story failed"
dated=$(/usr/bin/python3 -c '
import json, re, sys
t = json.load(open(sys.argv[1]))
print(sum(1 for e in t.get("entries", []) if re.match(r"\d{4}", str(e.get("date", "")))))' timeline.json)
[ "$dated" -ge 1 ] || fail "the timeline of story $story has no dated entry: $(head -c 600 timeline.json)"
"$bin" timeline "$story" --store news.db >timeline.txt || fail "timeline $story (text) failed"
head -3 timeline.txt

"$bin" serve --port 0 --store news.db >serve.out 2>serve.err &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^listening on //p' serve.out)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat serve.err >&2; fail "serve exited before listening"; }
  sleep 0.1
done
[ -n "$url" ] || { cat serve.err >&2; fail "serve did not say where it listens within 30 s"; }
echo "serving at $url"

curl -fsS "$url/api/stories" -o api_stories.json || fail "GET /api/stories failed"
/usr/bin/python3 -c '
import json, sys
body = json.load(open(sys.argv[1]))
items = body["stories"]
ids = {s["id"] for s in items}
sys.exit(0 if int(sys.argv[2]) in ids else 1)' api_stories.json "$story" ||
  fail "GET /api/stories does not list story $story: $(head -c 600 api_stories.json)"
curl -fsS "$url/" -o index.html || fail "GET / failed"
cmp -s index.html "$share/web/index.html" || fail "GET / is not the installed web/index.html"
curl -fsS "$url/api/openapi.json" -o openapi.json || fail "GET /api/openapi.json failed"
cmp -s openapi.json "$share/web/openapi.json" || fail "GET /api/openapi.json is not the installed web/openapi.json"

kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
echo "installed storyloom ($mode) works from $prefix"
