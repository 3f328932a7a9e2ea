"""Calls a conformance host with Python's xmlrpc.client.ServerProxy and checks every answer.

Usage: client_checks.py URL. Prints one line per group of checks; any failed assert exits non-zero.
"""
import datetime
import sys
import threading
import xmlrpc.client as xc

url = sys.argv[1]
proxy = xc.ServerProxy(url, allow_none=True, use_builtin_types=True)

# echo: every type Python sends comes back equal
values = [
    0, 1, -1, 2**31 - 1, -2**31,  # xmlrpc.client refuses to send ints beyond 32 bits
    True, False,
    '', 'plain', 'a & b < c > d', 'quotes \' " ', 'tab\tnewline\n', 'unicode ☃ é 𝄞', ']]>',
    0.0, -0.0, 0.1, 1e100, -1.5e-300, 123456789.123,
    datetime.datetime(1998, 7, 17, 14, 8, 55), datetime.datetime(1, 1, 1, 0, 0, 0),
    b'', b'\x00\x01\xfe\xff' * 10,
    [], [1, 'two', 3.0, [4, [5]]],
    {}, {'a': 1, 'b': {'c': [True, {'d': 'e'}]}},
    None, [None, {'n': None}],
]
for v in values:
    got = proxy.echo(v)
    assert got == v and type(got) is type(v), (v, got)
    if isinstance(v, float) and v == 0.0:
        assert str(got) == str(v), (v, got)
print('echo', len(values))

# the seed's restart_unit contract
assert proxy.restart_unit('1234') == {'success': True, 'message': 'success'}
assert proxy.restart_unit(1234) == {'success': True, 'message': 'success'}
assert list(proxy.restart_unit('0001').keys()) == ['success', 'message']
for bad in ('123', '12345', 'abcd', '1234\n', ' 1234', '١٢٣٤', 123, 12345, -123, 1234.0, True, [], {}):
    assert proxy.restart_unit(bad) == {'success': False, 'message': 'invalid identifier'}, bad
try:
    proxy.restart_unit()
    raise AssertionError('no fault')
except xc.Fault as f:
    assert f.faultCode == 1
    assert f.faultString == "<class 'TypeError'>:Service.restart_unit() missing 1 required positional argument: 'identifier'", f.faultString
try:
    proxy.restart_unit('1234', 'extra')
    raise AssertionError('no fault')
except xc.Fault as f:
    assert f.faultString == "<class 'TypeError'>:Service.restart_unit() takes 2 positional arguments but 3 were given", f.faultString
try:
    proxy.no.such()
    raise AssertionError('no fault')
except xc.Fault as f:
    assert (f.faultCode, f.faultString) == (1, '<class \'Exception\'>:method "no.such" is not supported'), f
print('restart_unit')

# validator1
v = proxy.validator1
assert v.arrayOfStructsTest([{'moe': 1, 'larry': 2, 'curly': 3}, {'moe': 4, 'larry': 5, 'curly': -6}]) == -3
assert v.countTheEntities('<<a>&\'"b"') == {'ctLeftAngleBrackets': 2, 'ctRightAngleBrackets': 1, 'ctAmpersands': 1, 'ctApostrophes': 1, 'ctQuotes': 2}
assert v.easyStructTest({'moe': 10, 'larry': 20, 'curly': 30}) == 60
s = {'substruct0': {'moe': 1, 'larry': 2, 'curly': 3}, 'x': [1, 'y']}
assert v.echoStructTest(s) == s
when = datetime.datetime(2000, 4, 1, 12, 0, 1)
assert v.manyTypesTest(7, True, 'str', 2.5, when, b'bytes') == [7, True, 'str', 2.5, when, b'bytes']
array = ['first'] + ['middle%d' % i for i in range(150)] + ['last']
assert v.moderateSizeArrayCheck(array) == 'firstlast'
calendar = {'1999': {}, '2000': {'03': {}, '04': {'01': {'moe': 12, 'larry': 14, 'curly': 6}, '02': {'moe': 0, 'larry': 0, 'curly': 0}}}}
assert v.nestedStructTest(calendar) == 32
assert v.simpleStructReturnTest(3) == {'times10': 30, 'times100': 300, 'times1000': 3000}
print('validator1')

# introspection and multicall
methods = proxy.system.listMethods()
assert methods == sorted(methods)
for m in ('echo', 'restart_unit', 'system.listMethods', 'system.methodHelp', 'system.methodSignature', 'system.multicall',
          'validator1.arrayOfStructsTest', 'validator1.countTheEntities', 'validator1.easyStructTest', 'validator1.echoStructTest',
          'validator1.manyTypesTest', 'validator1.moderateSizeArrayCheck', 'validator1.nestedStructTest', 'validator1.simpleStructReturnTest'):
    assert m in methods, m
assert proxy.system.methodHelp('echo') == 'Returns its argument unchanged.'
assert proxy.system.methodSignature('validator1.simpleStructReturnTest') == [['struct', 'int']]
multi = xc.MultiCall(proxy)
multi.echo('a')
multi.restart_unit('4321')
multi.no.such()
multi.validator1.simpleStructReturnTest(1)
results = multi()
assert results[0] == 'a'
assert results[1] == {'success': True, 'message': 'success'}
try:
    results[2]
    raise AssertionError('no fault')
except xc.Fault as f:
    assert f.faultString == '<class \'Exception\'>:method "no.such" is not supported'
assert results[3] == {'times10': 10, 'times100': 100, 'times1000': 1000}
print('system')

# gzip both ways: requests compressed from 0 bytes up, responses compressed past 1400 bytes
transport = xc.Transport(use_builtin_types=True)
transport.encode_threshold = 0
gz = xc.ServerProxy(url, transport=transport, allow_none=True, use_builtin_types=True)
big = 'x' * 100_000
assert gz.echo(big) == big
assert gz.restart_unit('1234') == {'success': True, 'message': 'success'}
print('gzip')

# concurrency: 32 threads, 20 calls each, one connection per call as ServerProxy does
errors = []

def worker(n):
    try:
        p = xc.ServerProxy(url, use_builtin_types=True)
        for i in range(20):
            assert p.echo([n, i]) == [n, i]
            assert p.restart_unit('%04d' % ((n * 20 + i) % 10000))['success']
    except Exception as e:  # collected, reported below
        errors.append(repr(e))

threads = [threading.Thread(target=worker, args=(n,)) for n in range(32)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors[:3]
print('concurrency')
print('ok')
