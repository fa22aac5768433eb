-- Shared by the Gatehouse workload scripts (loaded with dofile from each of them).
--
-- Environment:
--   BENCH_DATA     data file, one whitespace-separated row per line; each wrk thread walks it
--                  round-robin from its own starting offset
--   BENCH_THREADS  the wrk -t value (to spread the starting offsets)
--   BENCH_STATUS   optional exact HTTP status a success must have (e.g. 201); otherwise any 2xx
--   BENCH_MARKER   optional plain substring a successful body must contain
--
-- A response counts as ok only if its status is right AND its body holds the marker; everything
-- else is counted as bad (a 2xx without the marker is recorded under pseudo-status 299). done()
-- prints one "RESULT k=v ..." line that bench/run.sh parses, and the first bad response.

local all_threads = {}

function setup(thread)
  thread:set("tid", #all_threads)
  all_threads[#all_threads + 1] = thread
end

local want_status = tonumber(os.getenv("BENCH_STATUS") or "")
local marker = os.getenv("BENCH_MARKER") or ""

ok_count = 0
bad_count = 0
bad_codes = {}
first_bad = ""

local function is_ok(status, body)
  if want_status then
    if status ~= want_status then return false end
  elseif status < 200 or status > 299 then
    return false
  end
  return marker == "" or (body ~= nil and string.find(body, marker, 1, true) ~= nil)
end

function response(status, headers, body)
  if is_ok(status, body) then
    ok_count = ok_count + 1
    return
  end
  bad_count = bad_count + 1
  local code = status
  if status >= 200 and status <= 299 then code = 299 end
  bad_codes[code] = (bad_codes[code] or 0) + 1
  if first_bad == "" then
    first_bad = tostring(status) .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 200)
  end
end

-- rows of the data file, and this thread's cursor into them
rows = {}
local cursor = 0

function load_rows()
  local path = assert(os.getenv("BENCH_DATA"), "BENCH_DATA is not set")
  local f = assert(io.open(path, "r"))
  for line in f:lines() do
    local fields = {}
    for w in string.gmatch(line, "%S+") do fields[#fields + 1] = w end
    if #fields > 0 then rows[#rows + 1] = fields end
  end
  f:close()
  assert(#rows > 0, "no rows in " .. path)
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  cursor = math.floor((tid or 0) * #rows / nthreads) % #rows
end

function next_row()
  local r = rows[cursor + 1]
  cursor = (cursor + 1) % #rows
  return r
end

function done(summary, latency, requests)
  local ok, bad, codes, first = 0, 0, {}, ""
  for _, t in ipairs(all_threads) do
    ok = ok + (t:get("ok_count") or 0)
    bad = bad + (t:get("bad_count") or 0)
    for k, v in pairs(t:get("bad_codes") or {}) do codes[k] = (codes[k] or 0) + v end
    if first == "" then first = t:get("first_bad") or "" end
  end
  local cs = {}
  for k, v in pairs(codes) do cs[#cs + 1] = k .. ":" .. v end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d ok=%d bad=%d sock_connect=%d sock_read=%d sock_write=%d timeouts=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d codes=%s\n",
    summary.requests, summary.duration, ok, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    math.floor(latency.mean), (#cs > 0 and table.concat(cs, ",") or "-")))
  if first ~= "" then io.write("FIRST_BAD " .. first .. "\n") end
end
