import os, socket, xmlrpc.client

import bottle
import waitress

@bottle.route('/')
def main():
    return '''
        <form action="/restart" method="post">
            Service ID: <input name="service_id" type="text" />
            <input value="restart" type="submit" />
        </form>
    '''

def invoke_restart(identifier, rpc_server_address):
    proxy = xmlrpc.client.ServerProxy(rpc_server_address)
    return proxy.restart_unit(identifier)

@bottle.post('/restart')
def restart_handler():
    service_id = bottle.request.forms.get('service_id')
    return invoke_restart(service_id, bottle.request.app.config['RPC_SERVER'])

if __name__ == '__main__':
    SYSTEMD_FIRST_SOCKET_FD = 3
    sockets = [socket.fromfd(SYSTEMD_FIRST_SOCKET_FD, socket.AF_INET, socket.SOCK_STREAM)]
    application = bottle.default_app()
    rpc_server = os.getenv('RPC_SERVER')
    print(f'RPC server is: {rpc_server}')
    application.config['RPC_SERVER'] = rpc_server
    waitress.serve(application, sockets=sockets)
