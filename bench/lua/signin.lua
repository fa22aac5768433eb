-- Password token issue: POST /v3/auth/tokens with a domain-scoped password sign-in, rotating over
-- the rows "<name> <password> <id>" of BENCH_DATA; the account is BENCH_ACCOUNT.
-- Success: 201 and a body holding the token's "expires_at".
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local account

function init(args)
  load_rows()
  account = assert(os.getenv("BENCH_ACCOUNT"), "BENCH_ACCOUNT is not set")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local r = next_row()
  local body = string.format(
    '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","password":"%s",' ..
    '"domain":{"name":"%s"}}}},"scope":{"domain":{"name":"%s"}}}}', r[1], r[2], account, account)
  return wrk.format("POST", "/v3/auth/tokens", nil, body)
end
