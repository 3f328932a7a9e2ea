# Ruby's xmlrpc server (XMLRPC::Server on WEBrick) for interop/run.sh: our XmlRpcClient calls it.
# Methods: echo(x), restart_unit(id) (the legacy validation; valid ids answer {true, 'success'}), fault().
# Listens on 127.0.0.1 on a free port and prints "PORT <n>".
require 'xmlrpc/server'

module XMLRPC::Config
  %i[ENABLE_NIL_CREATE ENABLE_NIL_PARSER ENABLE_BIGINT].each do |c|
    remove_const(c)
    const_set(c, true)
  end
end

$stdout.sync = true
server = XMLRPC::Server.new(0, '127.0.0.1', 4, $stderr, false)
server.add_handler('echo') { |x| x }
server.add_handler('restart_unit') do |id|
  valid = (id.is_a?(String) || id.is_a?(Integer)) && id.to_s.match?(/\A[0-9]{4}\z/)
  valid ? { 'success' => true, 'message' => 'success' } : { 'success' => false, 'message' => 'invalid identifier' }
end
server.add_handler('fault') { raise XMLRPC::FaultException.new(42, 'deliberate fault from ruby xmlrpc') }
server.set_default_handler { |name, *| raise XMLRPC::FaultException.new(-99, "Method #{name} missing or wrong number of parameters!") }
http = server.instance_variable_get(:@server)
puts "PORT #{http.listeners.first.addr[1]}"
server.serve
