/* restart_unit and echo on xmlrpc-c's Abyss server, for benchmarks/e2e.sh.
 *
 *   gcc -O2 -o abyss_server abyss_server.c $(xmlrpc-c-config abyss-server --libs)
 *   ./abyss_server 8083
 *
 * restart_unit answers like the legacy server without calling systemd: {success, message}, "invalid identifier"
 * unless the id is exactly four ASCII digits, "success" otherwise. Abyss is given enough connections and keep-alive
 * for 32 clients (its defaults are 15 connections and 30 requests per connection), so it is measured at its best.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <xmlrpc-c/base.h>
#include <xmlrpc-c/server.h>
#include <xmlrpc-c/server_abyss.h>

static int valid_id(const char *id) {
    if (strlen(id) != 4) return 0;
    for (int i = 0; i < 4; i++) if (id[i] < '0' || id[i] > '9') return 0;
    return 1;
}

static xmlrpc_value *restart_unit(xmlrpc_env *env, xmlrpc_value *params, void *server_info, void *call_info) {
    const char *id;
    (void)server_info; (void)call_info;
    xmlrpc_decompose_value(env, params, "(s)", &id);
    if (env->fault_occurred) return NULL;
    int ok = valid_id(id);
    free((void *)id);
    return xmlrpc_build_value(env, "{s:b,s:s}", "success", (xmlrpc_bool)ok, "message", ok ? "success" : "invalid identifier");
}

static xmlrpc_value *echo(xmlrpc_env *env, xmlrpc_value *params, void *server_info, void *call_info) {
    xmlrpc_value *value;
    (void)server_info; (void)call_info;
    if (xmlrpc_array_size(env, params) != 1) {
        xmlrpc_env_set_fault(env, XMLRPC_INDEX_ERROR, "echo takes exactly one argument");
        return NULL;
    }
    xmlrpc_array_read_item(env, params, 0, &value);
    return env->fault_occurred ? NULL : value;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }

    xmlrpc_env env;
    xmlrpc_env_init(&env);
    xmlrpc_registry *registry = xmlrpc_registry_new(&env);
    struct xmlrpc_method_info3 const restart_info = { .methodName = "restart_unit", .methodFunction = &restart_unit };
    struct xmlrpc_method_info3 const echo_info = { .methodName = "echo", .methodFunction = &echo };
    xmlrpc_registry_add_method3(&env, registry, &restart_info);
    xmlrpc_registry_add_method3(&env, registry, &echo_info);
    if (env.fault_occurred) {
        fprintf(stderr, "registry: %s\n", env.fault_string);
        return 1;
    }

    xmlrpc_server_abyss_parms parms;
    memset(&parms, 0, sizeof parms);
    parms.config_file_name = NULL;
    parms.registryP = registry;
    struct sockaddr_in loopback;
    memset(&loopback, 0, sizeof loopback);
    loopback.sin_family = AF_INET;
    loopback.sin_port = htons((unsigned short)atoi(argv[1]));
    loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    parms.port_number = (unsigned int)atoi(argv[1]);
    parms.sockaddr_p = (const struct sockaddr *)&loopback;
    parms.sockaddrlen = sizeof loopback;
    parms.log_file_name = NULL;
    parms.keepalive_timeout = 60;
    parms.keepalive_max_conn = 1000000;
    parms.timeout = 60;
    parms.dont_advertise = 0;
    parms.socket_bound = 0;
    parms.uri_path = "/RPC2";
    parms.chunk_response = 0;
    parms.enable_shutdown = 0;
    parms.max_conn = 64;
    parms.max_conn_backlog = 128;
    xmlrpc_server_abyss(&env, &parms, XMLRPC_APSIZE(max_conn_backlog));
    if (env.fault_occurred) {
        fprintf(stderr, "abyss: %s\n", env.fault_string);
        return 1;
    }
    return 0;
}
