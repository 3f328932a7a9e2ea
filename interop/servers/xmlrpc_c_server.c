/* An xmlrpc-c (Abyss) server for interop/run.sh: our XmlRpcClient calls it.
 * Methods: echo(x) returns x; restart_unit(id) answers like the legacy Python server's invalid/valid paths
 * (without D-Bus: valid ids get {true, 'success'}); fault() returns fault 42.
 * Binds 127.0.0.1 on a free port and prints "PORT <n>" on stdout once it listens. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <xmlrpc-c/base.h>
#include <xmlrpc-c/server.h>
#include <xmlrpc-c/server_abyss.h>

static xmlrpc_value *echo(xmlrpc_env *env, xmlrpc_value *params, void *server_info, void *call_info) {
    xmlrpc_value *x;
    (void)server_info; (void)call_info;
    if (xmlrpc_array_size(env, params) != 1) {
        xmlrpc_env_set_fault(env, XMLRPC_INDEX_ERROR, "echo takes exactly one argument");
        return NULL;
    }
    xmlrpc_array_read_item(env, params, 0, &x); /* returns a new reference, handed to the caller */
    return x;
}

static xmlrpc_value *result(xmlrpc_env *env, int success, const char *message) {
    return xmlrpc_build_value(env, "{s:b,s:s}", "success", (xmlrpc_bool)success, "message", message);
}

static xmlrpc_value *restart_unit(xmlrpc_env *env, xmlrpc_value *params, void *server_info, void *call_info) {
    xmlrpc_value *id;
    char text[64] = "";
    regex_t re;
    int ok;
    (void)server_info; (void)call_info;
    if (xmlrpc_array_size(env, params) != 1) {
        xmlrpc_env_set_fault(env, XMLRPC_INDEX_ERROR, "restart_unit takes exactly one argument");
        return NULL;
    }
    xmlrpc_array_read_item(env, params, 0, &id);
    if (env->fault_occurred) return NULL;
    /* the legacy server checks str(identifier), so an int 1234 is valid too */
    if (xmlrpc_value_type(id) == XMLRPC_TYPE_STRING) {
        const char *s;
        xmlrpc_read_string(env, id, &s);
        if (!env->fault_occurred) { snprintf(text, sizeof text, "%s", s); free((void *)s); }
    } else if (xmlrpc_value_type(id) == XMLRPC_TYPE_INT) {
        int i;
        xmlrpc_read_int(env, id, &i);
        snprintf(text, sizeof text, "%d", i);
    }
    xmlrpc_DECREF(id);
    if (env->fault_occurred) return NULL;
    regcomp(&re, "^[0-9]{4}$", REG_EXTENDED | REG_NOSUB);
    ok = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return ok ? result(env, 1, "success") : result(env, 0, "invalid identifier");
}

static xmlrpc_value *fault(xmlrpc_env *env, xmlrpc_value *params, void *server_info, void *call_info) {
    (void)params; (void)server_info; (void)call_info;
    xmlrpc_env_set_fault(env, 42, "deliberate fault from xmlrpc-c");
    return NULL;
}

int main(void) {
    xmlrpc_env env;
    xmlrpc_registry *registry;
    xmlrpc_server_abyss_parms parms;
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int fd, one = 1;
    struct xmlrpc_method_info3 const methods[] = {
        {"echo", &echo, NULL, 0, NULL, "Returns its argument."},
        {"restart_unit", &restart_unit, NULL, 0, NULL, "Stand-in: validates the id like the legacy server."},
        {"fault", &fault, NULL, 0, NULL, "Always fails with fault 42."},
    };

    xmlrpc_env_init(&env);
    registry = xmlrpc_registry_new(&env);
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) xmlrpc_registry_add_method3(&env, registry, &methods[i]);
    if (env.fault_occurred) { fprintf(stderr, "registry: %s\n", env.fault_string); return 1; }

    fd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 64) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &len) != 0) { perror("bind"); return 1; }

    memset(&parms, 0, sizeof parms);
    parms.config_file_name = NULL;
    parms.registryP = registry;
    parms.socket_bound = 1;
    parms.socket_handle = fd;
    parms.log_file_name = NULL;
    printf("PORT %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    xmlrpc_server_abyss(&env, &parms, XMLRPC_APSIZE(socket_handle));
    if (env.fault_occurred) { fprintf(stderr, "abyss: %s\n", env.fault_string); return 1; }
    return 0;
}
