-- User update: PUT /v3.0/OS-USER/users/{id} with a new description, as the administrator, rotating
-- over the rows "<name> <password> <id>" of BENCH_DATA.
-- Success: 200 and a body holding the new description's prefix.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local seq = 0

function init(args)
  load_rows()
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Auth-Token"] = assert(os.getenv("BENCH_ADMIN_TOKEN"), "BENCH_ADMIN_TOKEN is not set")
end

function request()
  local r = next_row()
  seq = seq + 1
  local body = string.format('{"user":{"description":"bench-%d-%d"}}', tid or 0, seq)
  return wrk.format("PUT", "/v3.0/OS-USER/users/" .. r[3], nil, body)
end
