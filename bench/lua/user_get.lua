-- User read with a token: GET /v3.0/OS-USER/users/<id> as the administrator (X-Auth-Token), rotating over
-- the rows "<name> <password> <id>" of BENCH_DATA. The comparison for user_get_aksk.
-- Success: 200 and a body holding the user.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_rows()
  wrk.headers["X-Auth-Token"] = assert(os.getenv("BENCH_ADMIN_TOKEN"), "BENCH_ADMIN_TOKEN is not set")
end

function request()
  return wrk.format("GET", "/v3.0/OS-USER/users/" .. next_row()[3], nil, nil)
end
