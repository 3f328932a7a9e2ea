-- wrk script: POST the body in $WRK_BODY with the headers Python's xmlrpc.client sends
-- (Accept-Encoding only when $WRK_ACCEPT_ENCODING is set: e2e.sh sets it for restart_unit, whose answer is under
-- every server's compression threshold, and not for echo, so that echo measures the codec and not gzip).
local file = assert(io.open(os.getenv("WRK_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "text/xml"
wrk.headers["User-Agent"] = "Python-xmlrpc/3.11"
local encoding = os.getenv("WRK_ACCEPT_ENCODING")
if encoding and encoding ~= "" then
  wrk.headers["Accept-Encoding"] = encoding
end
