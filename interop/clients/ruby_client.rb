# Ruby's xmlrpc (Debian ruby-xmlrpc) against our servers, run by interop/run.sh.
# Environment: CONFORMANCE_URL, SERVER_URL, AUTH_URL, AUTH_USER, AUTH_SECRET.
# Prints "PASS ruby/<target>/<check>", "FAIL ruby/<target>/<check> <detail>" and "NOTE ruby <text>".
require 'xmlrpc/client'

$stdout.sync = true
# nil and integers beyond 32 bits are off by default; switching them on is the documented way (constants).
module XMLRPC::Config
  %i[ENABLE_NIL_CREATE ENABLE_NIL_PARSER ENABLE_BIGINT].each do |c|
    remove_const(c)
    const_set(c, true)
  end
end

STACK = 'ruby'

def report(target, name)
  detail = begin
    yield
  rescue StandardError, Timeout::Error => e
    "#{e.class}: #{e.message}"
  end
  if detail
    puts "FAIL #{STACK}/#{target}/#{name} #{detail.to_s.gsub(/\s+/, ' ')}"
  else
    puts "PASS #{STACK}/#{target}/#{name}"
  end
end

# Exact equality including classes: Integer, true/false, String, Float, XMLRPC::DateTime, nil, Array, Hash.
# base64 is sent as XMLRPC::Base64 and read back as a binary String (ruby-xmlrpc's own choice).
def differs(want, got, path = '$')
  case want
  when Hash
    return "#{path}: expected a struct, got #{got.inspect[0, 60]}" unless got.is_a?(Hash)
    return "#{path}: members #{want.keys.sort} came back as #{got.keys.sort}" unless want.keys.sort == got.keys.sort
    want.each { |k, v| d = differs(v, got[k], "#{path}.#{k}"); return d if d }
    nil
  when Array
    return "#{path}: expected an array, got #{got.inspect[0, 60]}" unless got.is_a?(Array)
    return "#{path}: #{want.size} items came back as #{got.size}" unless want.size == got.size
    want.each_with_index { |v, i| d = differs(v, got[i], "#{path}[#{i}]"); return d if d }
    nil
  when XMLRPC::Base64
    got.is_a?(String) && got.b == want.decoded.b ? nil : "#{path}: base64 came back as #{got.inspect[0, 60]}"
  when XMLRPC::DateTime
    got.is_a?(XMLRPC::DateTime) && got.to_a == want.to_a ? nil : "#{path}: #{want.to_a} came back as #{got.inspect}"
  when Float
    got.is_a?(Float) && (got == want || (got.nan? && want.nan?)) && (1.0 / got).positive? == (1.0 / want).positive? ? nil : "#{path}: #{want} came back as #{got.inspect}"
  else
    got.class == want.class && got == want ? nil : "#{path}: #{want.inspect[0, 60]} came back as #{got.inspect[0, 60]}"
  end
end

EVERY_TYPE = {
  'int' => 42, 'int_min' => -2147483648, 'int_max' => 2147483647,
  'i8' => 9_007_199_254_740_993, 'i8_min' => -9_223_372_036_854_775_808,
  'true' => true, 'false' => false,
  'string' => 'plain', 'markup' => %q{<a href="x">&amp;</a> ]]> 'quoted'}, 'unicode' => 'Grüße, 東京, 🚀',
  'empty_string' => '', 'whitespace' => "  leading, tab\t and newline\n  ",
  'double' => 3.141592653589793, 'double_negative' => -0.5, 'double_zero_negative' => -0.0, 'double_big' => 1e100,
  'double_max' => 1.7976931348623157e308, 'double_tiny' => 5e-324, 'double_integral' => 2.0,
  'datetime' => XMLRPC::DateTime.new(2026, 11, 28, 12, 34, 56),
  'base64' => XMLRPC::Base64.new((0..255).map(&:chr).join.b), 'base64_empty' => XMLRPC::Base64.new(''.b),
  'nil' => nil,
  'array' => [1, 'two', 3.5, true, nil, [], {}],
  'empty_array' => [], 'empty_struct' => {},
  'nested' => { 'a' => { 'b' => { 'c' => [{ 'd' => 'deep', 'e' => [[[1]]] }] } } }
}.freeze

def client(url)
  c = XMLRPC::Client.new2(url, nil, 30)
  c
end

def with_credentials(url, user, secret)
  url.sub(%r{^(https?://)}) { "#{Regexp.last_match(1)}#{user}:#{secret}@" }
end

def answer_is(url, want, method, *args)
  differs(want, client(url).call(method, *args))
end

def dbus_failure(url, id)
  r = client(url).call('restart_unit', id)
  return "expected {success: false, message: <D-Bus error>}, got #{r.inspect}" unless r.is_a?(Hash) && r['success'] == false
  return "message is not a D-Bus error: #{r['message'].inspect}" unless r['message'].to_s.start_with?('org.freedesktop.DBus.Error.')
  nil
end

def fault_of(url, method, *args)
  r = client(url).call(method, *args)
  "expected XMLRPC::FaultException, got #{r.inspect}"
rescue XMLRPC::FaultException => e
  e.faultCode.is_a?(Integer) && e.faultString.is_a?(String) && !e.faultString.empty? ? nil : "fault #{e.faultCode.inspect} #{e.faultString.inspect}"
end

def http_status(url, status)
  r = client(url).call('restart_unit', '12a4')
  "expected HTTP #{status}, got #{r.inspect}"
rescue RuntimeError => e
  e.message.include?("HTTP-Error: #{status}") ? nil : "expected HTTP #{status}, got #{e.message}"
end

conformance, server, auth = ENV.values_at('CONFORMANCE_URL', 'SERVER_URL', 'AUTH_URL').map { |u| u.to_s.empty? ? nil : u }
user, secret = ENV.fetch('AUTH_USER', ''), ENV.fetch('AUTH_SECRET', '')
invalid = { 'success' => false, 'message' => 'invalid identifier' }
ok = { 'success' => true, 'message' => 'success' }

if conformance
  t = 'conformance'
  report(t, 'echo-every-type') { answer_is(conformance, EVERY_TYPE, 'echo', EVERY_TYPE) }
  report(t, 'restart_unit-valid-string') { answer_is(conformance, ok, 'restart_unit', '1234') }
  report(t, 'restart_unit-valid-int') { answer_is(conformance, ok, 'restart_unit', 1234) }
  report(t, 'restart_unit-invalid-string') { answer_is(conformance, invalid, 'restart_unit', '12a4') }
  report(t, 'restart_unit-invalid-int') { answer_is(conformance, invalid, 'restart_unit', 12_345) }
  report(t, 'fault-unknown-method') { fault_of(conformance, 'no_such_method') }
  report(t, 'fault-wrong-arity') { fault_of(conformance, 'restart_unit') }
end
if server
  t = 'server'
  report(t, 'restart_unit-valid-string') { dbus_failure(server, '1234') }
  report(t, 'restart_unit-valid-int') { dbus_failure(server, 1234) }
  report(t, 'restart_unit-invalid-string') { answer_is(server, invalid, 'restart_unit', '12a4') }
  report(t, 'restart_unit-invalid-int') { answer_is(server, invalid, 'restart_unit', 12) }
  report(t, 'fault-unknown-method') { fault_of(server, 'no_such_method') }
end
if auth
  t = 'auth'
  report(t, 'basic-auth-accepted') { answer_is(with_credentials(auth, user, secret), invalid, 'restart_unit', '12a4') }
  report(t, 'no-credentials-401') { http_status(auth, 401) }
  report(t, 'wrong-secret-401') { http_status(with_credentials(auth, user, "#{secret}x"), 401) }
end
puts 'NOTE ruby ruby-xmlrpc sends integers beyond 32 bits inside <i4> (with ENABLE_BIGINT) and reads base64 back as a binary String (theirs)'
