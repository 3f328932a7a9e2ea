// Node's xmlrpc server for interop/run.sh: our XmlRpcClient calls it.
// Methods: echo(x), restart_unit(id) (the legacy server's validation; valid ids answer {true, 'success'}), fault().
// Listens on 127.0.0.1 on a free port and prints "PORT <n>" once it listens.
'use strict'
const path = require('path')
const xmlrpc = require(path.join(__dirname, '..', 'node', 'node_modules', 'xmlrpc'))

const server = xmlrpc.createServer({ host: '127.0.0.1', port: 0 }, () => {
  console.log('PORT ' + server.httpServer.address().port)
})

server.on('echo', (err, params, callback) => {
  if (params.length !== 1) return callback({ faultCode: 1, faultString: 'echo takes exactly one argument' })
  callback(null, params[0])
})

server.on('restart_unit', (err, params, callback) => {
  if (params.length !== 1) return callback({ faultCode: 1, faultString: 'restart_unit takes exactly one argument' })
  const valid = /^[0-9]{4}$/.test(String(params[0]))
  callback(null, valid ? { success: true, message: 'success' } : { success: false, message: 'invalid identifier' })
})

server.on('fault', (err, params, callback) => {
  callback({ faultCode: 42, faultString: 'deliberate fault from node xmlrpc' })
})
