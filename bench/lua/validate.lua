-- Token validation: GET /v3/auth/tokens with the administrator's token as X-Auth-Token and one of the
-- user tokens of BENCH_DATA (one per row) as X-Subject-Token, rotating.
-- Success: 200 and a body holding "expires_at".
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local admin_token

function init(args)
  load_rows()
  admin_token = assert(os.getenv("BENCH_ADMIN_TOKEN"), "BENCH_ADMIN_TOKEN is not set")
end

function request()
  -- wrk.format uses the given header table instead of wrk.headers, so it carries both tokens
  return wrk.format("GET", "/v3/auth/tokens",
    { ["X-Auth-Token"] = admin_token, ["X-Subject-Token"] = next_row()[1] }, nil)
end
