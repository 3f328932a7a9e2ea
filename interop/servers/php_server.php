<?php
// PHP's xmlrpc extension (xmlrpc-epi) as a server, under PHP's built-in web server (php -S), for interop/run.sh:
// our XmlRpcClient calls it. Methods: echo(x), restart_unit(id) (the legacy validation; valid ids answer
// {true, 'success'}), fault().
$server = xmlrpc_server_create();
xmlrpc_server_register_method($server, 'echo', function ($method, $params) {
    return count($params) === 1 ? $params[0] : ['faultCode' => 1, 'faultString' => 'echo takes exactly one argument'];
});
xmlrpc_server_register_method($server, 'restart_unit', function ($method, $params) {
    if (count($params) !== 1) {
        return ['faultCode' => 1, 'faultString' => 'restart_unit takes exactly one argument'];
    }
    $id = $params[0];
    $valid = (is_string($id) || is_int($id)) && preg_match('/^[0-9]{4}\z/', (string)$id) === 1;
    return $valid ? ['success' => true, 'message' => 'success'] : ['success' => false, 'message' => 'invalid identifier'];
});
xmlrpc_server_register_method($server, 'fault', function () {
    return ['faultCode' => 42, 'faultString' => 'deliberate fault from php xmlrpc-epi'];
});
header('Content-Type: text/xml');
echo xmlrpc_server_call_method($server, file_get_contents('php://input'), null, ['encoding' => 'utf-8', 'escaping' => 'markup']);
