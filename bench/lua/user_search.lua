-- User search: GET /v3/users?name=<name> as the administrator, rotating over the rows
-- "<name> <password> <id>" of BENCH_DATA.
-- Success: 200 and a non-empty "users" array.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_rows()
  wrk.headers["X-Auth-Token"] = assert(os.getenv("BENCH_ADMIN_TOKEN"), "BENCH_ADMIN_TOKEN is not set")
end

function request()
  return wrk.format("GET", "/v3/users?name=" .. next_row()[1], nil, nil)
end
