<?php
// PHP's xmlrpc extension (Debian php-xmlrpc, xmlrpc-epi) against our servers, run by interop/run.sh.
// The extension only encodes and decodes; PHP's http:// stream wrapper carries the request (and the Basic
// credentials of the URL's userinfo). Environment: CONFORMANCE_URL, SERVER_URL, AUTH_URL, AUTH_USER, AUTH_SECRET.
// Prints "PASS php/<target>/<check>", "FAIL php/<target>/<check> <detail>" and "NOTE php <text>".

const STACK = 'php';

function report(string $target, string $name, callable $check): void
{
    try {
        $detail = $check();
    } catch (Throwable $e) {
        $detail = get_class($e) . ': ' . $e->getMessage();
    }
    if ($detail === null) {
        echo "PASS " . STACK . "/$target/$name\n";
    } else {
        echo "FAIL " . STACK . "/$target/$name " . preg_replace('/\s+/', ' ', $detail) . "\n";
    }
}

/** Posts a call; returns [HTTP status, decoded answer or null]. */
function call(string $url, string $method, array $params): array
{
    $body = xmlrpc_encode_request($method, $params, ['encoding' => 'utf-8', 'escaping' => 'markup']);
    $context = stream_context_create(['http' => [
        'method' => 'POST', 'header' => "Content-Type: text/xml\r\n", 'content' => $body,
        'ignore_errors' => true, 'timeout' => 30, 'protocol_version' => 1.1,
    ]]);
    $answer = @file_get_contents($url, false, $context);
    if ($answer === false) {
        throw new RuntimeException("no answer from $url");
    }
    preg_match('{^HTTP/\S+ (\d+)}', $http_response_header[0] ?? '', $m);
    $status = (int)($m[1] ?? 0);
    return [$status, $status === 200 ? xmlrpc_decode($answer, 'utf-8') : null];
}

function answer(string $url, string $method, array $params)
{
    [$status, $value] = call($url, $method, $params);
    if ($status !== 200) {
        throw new RuntimeException("HTTP $status");
    }
    if (is_array($value) && xmlrpc_is_fault($value)) {
        throw new RuntimeException("fault {$value['faultCode']}: {$value['faultString']}");
    }
    return $value;
}

/** Exact equality with PHP types; dateTime and base64 decode to objects carrying xmlrpc_type and scalar. */
function differs($want, $got, string $path = '$'): ?string
{
    if (is_array($want)) {
        if (!is_array($got)) {
            return "$path: expected an array/struct, got " . var_export($got, true);
        }
        if (array_keys($want) !== array_keys($got)) {
            return "$path: keys " . json_encode(array_keys($want)) . ' came back as ' . json_encode(array_keys($got));
        }
        foreach ($want as $k => $v) {
            if (($d = differs($v, $got[$k], "$path.$k")) !== null) {
                return $d;
            }
        }
        return null;
    }
    if (is_object($want)) {
        if (!is_object($got) || $got->xmlrpc_type !== $want->xmlrpc_type || $got->scalar !== $want->scalar) {
            return "$path: $want->xmlrpc_type came back as " . var_export($got, true);
        }
        return null;
    }
    if (gettype($want) !== gettype($got) || $want !== $got) {
        return "$path: " . var_export($want, true) . ' (' . gettype($want) . ') came back as ' . substr(var_export($got, true), 0, 80) . ' (' . gettype($got) . ')';
    }
    return null;
}

function typed(string $value, string $type): object
{
    xmlrpc_set_type($value, $type);
    return $value;
}

function with_credentials(string $url, string $user, string $secret): string
{
    return preg_replace('{^(https?://)}', '$1' . rawurlencode($user) . ':' . rawurlencode($secret) . '@', $url);
}

// What PHP can express. xmlrpc-epi writes a double with "%f": six decimals (3.141593), so only doubles that survive
// that are sent here; 1e100 goes out as a 110-character decimal and must come back as 1e100.
$bytes = implode('', array_map('chr', range(0, 255)));
$every = [
    'int' => 42, 'int_min' => -2147483648, 'int_max' => 2147483647,
    'true' => true, 'false' => false,
    'string' => 'plain', 'markup' => '<a href="x">&amp;</a> ]]> \'quoted\'', 'unicode' => 'Grüße, 東京, 🚀',
    'empty_string' => '', 'whitespace' => "  leading, tab\t and newline\n  ",
    'double' => 3.25, 'double_negative' => -0.5, 'double_big' => 1e100, 'double_integral' => 2.0,
    'datetime' => typed('20261128T12:34:56', 'datetime'),
    'base64' => typed($bytes, 'base64'),
    'array' => [1, 'two', 3.5, true, [1, [2]]],
    'empty_array' => [],
    'nested' => ['a' => ['b' => ['c' => [['d' => 'deep']]]]],
];

$conformance = getenv('CONFORMANCE_URL') ?: null;
$server = getenv('SERVER_URL') ?: null;
$auth = getenv('AUTH_URL') ?: null;
$user = getenv('AUTH_USER') ?: '';
$secret = getenv('AUTH_SECRET') ?: '';
$invalid = ['success' => false, 'message' => 'invalid identifier'];
$ok = ['success' => true, 'message' => 'success'];

$is_fault = function (string $url, string $method, array $params): callable {
    return function () use ($url, $method, $params) {
        [$status, $value] = call($url, $method, $params);
        if ($status !== 200) {
            return "HTTP $status instead of a fault";
        }
        if (!is_array($value) || !xmlrpc_is_fault($value)) {
            return 'expected a fault, got ' . var_export($value, true);
        }
        return is_int($value['faultCode']) && is_string($value['faultString']) && $value['faultString'] !== '' ? null : 'fault ' . var_export($value, true);
    };
};
$dbus_failure = function (string $url, $id): callable {
    return function () use ($url, $id) {
        $r = answer($url, 'restart_unit', [$id]);
        if (!is_array($r) || ($r['success'] ?? null) !== false) {
            return 'expected {success: false, message: <D-Bus error>}, got ' . var_export($r, true);
        }
        return str_starts_with((string)$r['message'], 'org.freedesktop.DBus.Error.') ? null : "message is not a D-Bus error: {$r['message']}";
    };
};
$status_is = function (string $url, int $want): callable {
    return function () use ($url, $want) {
        [$status] = call($url, 'restart_unit', ['12a4']);
        return $status === $want ? null : "expected HTTP $want, got $status";
    };
};

if ($conformance) {
    $t = 'conformance';
    report($t, 'echo-every-type', fn() => differs($every, answer($conformance, 'echo', [$every])));
    report($t, 'restart_unit-valid-string', fn() => differs($ok, answer($conformance, 'restart_unit', ['1234'])));
    report($t, 'restart_unit-valid-int', fn() => differs($ok, answer($conformance, 'restart_unit', [1234])));
    report($t, 'restart_unit-invalid-string', fn() => differs($invalid, answer($conformance, 'restart_unit', ['12a4'])));
    report($t, 'restart_unit-invalid-int', fn() => differs($invalid, answer($conformance, 'restart_unit', [12345])));
    report($t, 'fault-unknown-method', $is_fault($conformance, 'no_such_method', []));
    report($t, 'fault-wrong-arity', $is_fault($conformance, 'restart_unit', []));
}
if ($server) {
    $t = 'server';
    report($t, 'restart_unit-valid-string', $dbus_failure($server, '1234'));
    report($t, 'restart_unit-valid-int', $dbus_failure($server, 1234));
    report($t, 'restart_unit-invalid-string', fn() => differs($invalid, answer($server, 'restart_unit', ['12a4'])));
    report($t, 'restart_unit-invalid-int', fn() => differs($invalid, answer($server, 'restart_unit', [12])));
    report($t, 'fault-unknown-method', $is_fault($server, 'no_such_method', []));
}
if ($auth) {
    $t = 'auth';
    report($t, 'basic-auth-accepted', fn() => differs($invalid, answer(with_credentials($auth, $user, $secret), 'restart_unit', ['12a4'])));
    report($t, 'no-credentials-401', $status_is($auth, 401));
    report($t, 'wrong-secret-401', $status_is(with_credentials($auth, $user, $secret . 'x'), 401));
}
echo "NOTE php xmlrpc-epi writes doubles with %f (six decimals; 1e100 as a 110-character decimal), integers beyond 32 bits as garbage, null as an empty <string/>, an empty struct as an empty array, and does not read <i8> (theirs)\n";
