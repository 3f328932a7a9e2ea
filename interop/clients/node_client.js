// Node's npm xmlrpc (interop/node) against our servers, run by interop/run.sh.
// Environment: CONFORMANCE_URL, SERVER_URL, AUTH_URL, AUTH_USER, AUTH_SECRET.
// Prints "PASS node/<target>/<check>", "FAIL node/<target>/<check> <detail>" and "NOTE node <text>".
'use strict'
const path = require('path')
const xmlrpc = require(path.join(__dirname, '..', 'node', 'node_modules', 'xmlrpc'))

const STACK = 'node'

async function report (target, name, check) {
  let detail
  try {
    detail = await check()
  } catch (e) {
    detail = `${e.name}: ${e.message}` + (e.res ? ` (HTTP ${e.res.statusCode})` : '')
  }
  if (detail) console.log(`FAIL ${STACK}/${target}/${name} ${String(detail).replace(/\s+/g, ' ')}`)
  else console.log(`PASS ${STACK}/${target}/${name}`)
}

function call (url, method, params, credentials) {
  const u = new URL(url)
  const options = { host: u.hostname, port: Number(u.port), path: u.pathname }
  if (credentials) options.basic_auth = credentials
  const client = xmlrpc.createClient(options)
  return new Promise((resolve, reject) => client.methodCall(method, params, (err, value) => err ? reject(err) : resolve(value)))
}

// Exact equality with JavaScript types: number, boolean, string, Date, Buffer, null, Array, Object.
function differs (want, got, p = '$') {
  if (want === null) return got === null ? null : `${p}: null came back as ${JSON.stringify(got)}`
  if (Buffer.isBuffer(want)) return Buffer.isBuffer(got) && want.equals(got) ? null : `${p}: base64 came back as ${String(got).slice(0, 40)}`
  if (want instanceof Date) return got instanceof Date && got.getTime() === want.getTime() ? null : `${p}: ${want.toISOString()} came back as ${got}`
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `${p}: expected an array, got ${JSON.stringify(got)}`
    if (want.length !== got.length) return `${p}: ${want.length} items came back as ${got.length}`
    for (let i = 0; i < want.length; i++) { const d = differs(want[i], got[i], `${p}[${i}]`); if (d) return d }
    return null
  }
  if (typeof want === 'object') {
    if (typeof got !== 'object' || got === null || Array.isArray(got)) return `${p}: expected a struct, got ${JSON.stringify(got)}`
    const a = Object.keys(want).sort(); const b = Object.keys(got).sort()
    if (a.join() !== b.join()) return `${p}: members ${a} came back as ${b}`
    for (const k of a) { const d = differs(want[k], got[k], `${p}.${k}`); if (d) return d }
    return null
  }
  return typeof got === typeof want && Object.is(got, want) ? null : `${p}: ${JSON.stringify(want)} (${typeof want}) came back as ${JSON.stringify(got)} (${typeof got})`
}

const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
const EVERY_TYPE = {
  int: 42, int_min: -2147483648, int_max: 2147483647,
  true: true, false: false,
  string: 'plain', markup: '<a href="x">&amp;</a> \'quoted\'', cdata_end: 'a ]]> b', unicode: 'Grüße, 東京, 🚀',
  empty_string: '', whitespace: '  leading, tab\t and newline\n  ',
  double: 3.141592653589793, double_negative: -0.5, double_tiny: 5e-324,
  datetime: new Date(Date.UTC(2026, 10, 28, 12, 34, 56)),
  base64: bytes, base64_empty: Buffer.alloc(0),
  nil: null,
  array: [1, 'two', 3.5, true, null, [], {}],
  empty_array: [], empty_struct: {},
  nested: { a: { b: { c: [{ d: 'deep', e: [[[1]]] }] } } }
}

const invalid = { success: false, message: 'invalid identifier' }
const ok = { success: true, message: 'success' }

const answerIs = (url, method, params, want, credentials) => async () => differs(want, await call(url, method, params, credentials))
const isFault = (url, method, params) => async () => {
  try {
    const got = await call(url, method, params)
    return `expected a fault, got ${JSON.stringify(got)}`
  } catch (e) {
    if (e.faultCode === undefined) throw e
    return Number.isInteger(e.faultCode) && typeof e.faultString === 'string' && e.faultString ? null : `fault ${e.faultCode} ${e.faultString}`
  }
}
const dbusFailure = (url, id) => async () => {
  const r = await call(url, 'restart_unit', [id])
  if (!r || r.success !== false) return `expected {success: false, message: <D-Bus error>}, got ${JSON.stringify(r)}`
  return String(r.message).startsWith('org.freedesktop.DBus.Error.') ? null : `message is not a D-Bus error: ${r.message}`
}
const httpStatus = (url, status, credentials) => async () => {
  try {
    const got = await call(url, 'restart_unit', ['12a4'], credentials)
    return `expected HTTP ${status}, got ${JSON.stringify(got)}`
  } catch (e) {
    return e.res && e.res.statusCode === status ? null : `expected HTTP ${status}, got ${e.message} (HTTP ${e.res && e.res.statusCode})`
  }
}

async function main () {
  const { CONFORMANCE_URL: conformance, SERVER_URL: server, AUTH_URL: auth } = process.env
  const user = process.env.AUTH_USER || ''; const secret = process.env.AUTH_SECRET || ''
  if (conformance) {
    const t = 'conformance'
    await report(t, 'echo-every-type', answerIs(conformance, 'echo', [EVERY_TYPE], EVERY_TYPE))
    // Node writes every integral number as <int>, even beyond 32 bits; ours reads it and answers <i8>, which Node reads as a string.
    await report(t, 'echo-int-beyond-32-bits', async () => {
      const got = await call(conformance, 'echo', [1099511627776])
      return got === '1099511627776' ? null : `1099511627776 came back as ${JSON.stringify(got)}`
    })
    await report(t, 'restart_unit-valid-string', answerIs(conformance, 'restart_unit', ['1234'], ok))
    await report(t, 'restart_unit-valid-int', answerIs(conformance, 'restart_unit', [1234], ok))
    await report(t, 'restart_unit-invalid-string', answerIs(conformance, 'restart_unit', ['12a4'], invalid))
    await report(t, 'restart_unit-invalid-int', answerIs(conformance, 'restart_unit', [12345], invalid))
    await report(t, 'fault-unknown-method', isFault(conformance, 'no_such_method', []))
    await report(t, 'fault-wrong-arity', isFault(conformance, 'restart_unit', []))
  }
  if (server) {
    const t = 'server'
    await report(t, 'restart_unit-valid-string', dbusFailure(server, '1234'))
    await report(t, 'restart_unit-valid-int', dbusFailure(server, 1234))
    await report(t, 'restart_unit-invalid-string', answerIs(server, 'restart_unit', ['12a4'], invalid))
    await report(t, 'restart_unit-invalid-int', answerIs(server, 'restart_unit', [12], invalid))
    await report(t, 'fault-unknown-method', isFault(server, 'no_such_method', []))
  }
  if (auth) {
    const t = 'auth'
    await report(t, 'basic-auth-accepted', answerIs(auth, 'restart_unit', ['12a4'], invalid, { user, pass: secret }))
    await report(t, 'no-credentials-401', httpStatus(auth, 401))
    await report(t, 'wrong-secret-401', httpStatus(auth, 401, { user, pass: secret + 'x' }))
  }
  console.log('NOTE node npm xmlrpc writes every integral number as <int> (1e100 as <int>1e+100</int>, which no server reads; 2.0 as <int>2</int>; -0 as 0), reads <i8> as a string, and answers an unknown method with HTTP 404 instead of a fault (theirs)')
}

main()
