-- Log queries: GET of the path in the first field of each row of BENCH_DATA (a filtered first page),
-- as the administrator, rotating over the rows. Success: 200 and BENCH_MARKER in the body.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_rows()
  wrk.headers["X-Auth-Token"] = assert(os.getenv("BENCH_ADMIN_TOKEN"), "BENCH_ADMIN_TOKEN is not set")
end

function request()
  return wrk.format("GET", next_row()[1])
end
