-- User read signed with the administrator's access key (SDK-HMAC-SHA256): GET /v3.0/OS-USER/users/<id>,
-- rotating over the rows "<path> <x-sdk-date> <access key> <signature>" of BENCH_DATA, which
-- aksk/SignRequests.java signed just before this run (valid for 15 minutes). wrk sends Host itself
-- (127.0.0.1:<port>), the value that was signed.
-- Success: 200 and a body holding the user.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
  load_rows()
end

function request()
  local r = next_row()
  return wrk.format("GET", r[1], {
    ["X-Sdk-Date"] = r[2],
    ["Authorization"] = "SDK-HMAC-SHA256 Access=" .. r[3] .. ", SignedHeaders=host;x-sdk-date, Signature=" .. r[4],
  }, nil)
end
