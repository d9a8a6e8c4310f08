# Sourced by bench/run and bench/scale, which set `bin` (storyloom), `work`
# (a scratch folder) and `load` (storyloom_serve_load).
#
# serve_bench LABEL STORE LARGEST_STORY_COMMAND...: serves STORE (made
# already), finds its largest story with the command, loads the server.
serve_bench() {
  local label=$1 store=$2
  shift 2
  "$bin" serve --store "$store" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
  serve_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.5
  done
  port=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.out")
  if [ -z "$port" ]; then
    echo "serve: the server did not start on $label:" >&2
    cat "$work/serve.err" >&2
    kill "$serve_pid" 2>/dev/null || true
    return 1
  fi
  story=$("$@" 'SELECT story FROM story_docs GROUP BY story ORDER BY count(*) DESC, story LIMIT 1')
  echo "$label: largest story ${story:-1}, $("$@" "SELECT count(*) FROM story_docs WHERE story = ${story:-1}") documents"
  "$load" load 127.0.0.1 "$port" "${SERVE_CLIENTS:-50}" "${SERVE_SECONDS:-10}" \
    "/api/stories" "/api/stories?lang=en&limit=20&offset=20" "/api/stories/${story:-1}/timeline" \
    "/api/search?q=oil" "/api/search?q=Mubarak" "/api/search?q=swine%20flu" "/api/search?q=Gaddafi%20Tripoli" |
    tee "$work/serve_$label.txt"
  kill "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
}
