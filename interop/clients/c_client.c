/* xmlrpc-c (Debian libxmlrpc-core-c3-dev, curl transport) against our servers, compiled with gcc by interop/run.sh.
 * Environment: CONFORMANCE_URL, SERVER_URL, AUTH_URL, AUTH_USER, AUTH_SECRET.
 * Prints "PASS c/<target>/<check>", "FAIL c/<target>/<check> <detail>" and "NOTE c <text>". */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xmlrpc-c/base.h>
#include <xmlrpc-c/client.h>

static xmlrpc_client *client;
static char detail[1024];

static int fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);
    return 0;
}

static void report(const char *target, const char *name, int ok) {
    if (ok) printf("PASS c/%s/%s\n", target, name);
    else {
        for (char *p = detail; *p; p++) if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
        printf("FAIL c/%s/%s %s\n", target, name, detail);
    }
    detail[0] = 0;
    fflush(stdout);
}

/* The double xmlrpc-c actually sends for d: it writes plain decimals with at most about 16 significant digits
 * (1.7976931348623157e308 goes out as 179769313486231 and 294 zeros, -0.0 as 0), its own choice. */
static double as_sent(xmlrpc_env *env, double d) {
    xmlrpc_mem_block *block = XMLRPC_MEMBLOCK_NEW(char, env, 0);
    xmlrpc_value *v = xmlrpc_double_new(env, d);
    char *text, *start;
    double sent;
    xmlrpc_serialize_value(env, block, v);
    text = strndup(XMLRPC_MEMBLOCK_CONTENTS(char, block), XMLRPC_MEMBLOCK_SIZE(char, block));
    start = strstr(text, "<double>");
    sent = start ? strtod(start + 8, NULL) : NAN;
    free(text);
    xmlrpc_DECREF(v);
    XMLRPC_MEMBLOCK_FREE(char, block);
    return sent;
}

/* Exact comparison, types included (an <int> must not come back as <i8> or <string>). */
static int same(xmlrpc_env *env, xmlrpc_value *want, xmlrpc_value *got, const char *path) {
    xmlrpc_type wt = xmlrpc_value_type(want), gt = xmlrpc_value_type(got);
    char sub[512];
    if (wt == XMLRPC_TYPE_I8 && gt == XMLRPC_TYPE_INT) {
        /* Ours, by design: the value model keeps the number, not the tag, and writes <int> while it fits 32 bits,
         * as Python's SimpleXMLRPCServer (the server we replace) does. */
        xmlrpc_int64 a; int b;
        xmlrpc_read_i8(env, want, &a); xmlrpc_read_int(env, got, &b);
        return a == b || fail("%s: %lld came back as %d", path, (long long)a, b);
    }
    if (wt != gt) return fail("%s: sent %s, got %s", path, xmlrpc_type_name(wt), xmlrpc_type_name(gt));
    switch (wt) {
    case XMLRPC_TYPE_INT: { int a, b; xmlrpc_read_int(env, want, &a); xmlrpc_read_int(env, got, &b);
        return a == b || fail("%s: %d came back as %d", path, a, b); }
    case XMLRPC_TYPE_I8: { xmlrpc_int64 a, b; xmlrpc_read_i8(env, want, &a); xmlrpc_read_i8(env, got, &b);
        return a == b || fail("%s: %lld came back as %lld", path, (long long)a, (long long)b); }
    case XMLRPC_TYPE_BOOL: { xmlrpc_bool a, b; xmlrpc_read_bool(env, want, &a); xmlrpc_read_bool(env, got, &b);
        return a == b || fail("%s: %d came back as %d", path, a, b); }
    case XMLRPC_TYPE_DOUBLE: { double a, b; xmlrpc_read_double(env, want, &a); xmlrpc_read_double(env, got, &b);
        return (as_sent(env, a) == b && signbit(as_sent(env, a)) == signbit(b))
               || fail("%s: %.17g (sent as %.17g) came back as %.17g", path, a, as_sent(env, a), b); }
    case XMLRPC_TYPE_DATETIME: { const char *a, *b; int ok;
        xmlrpc_read_datetime_str(env, want, &a); xmlrpc_read_datetime_str(env, got, &b);
        ok = strcmp(a, b) == 0 || fail("%s: %s came back as %s", path, a, b);
        free((void *)a); free((void *)b); return ok; }
    case XMLRPC_TYPE_STRING: { const char *a, *b; size_t la, lb; int ok;
        xmlrpc_read_string_lp(env, want, &la, &a); xmlrpc_read_string_lp(env, got, &lb, &b);
        ok = (la == lb && memcmp(a, b, la) == 0) || fail("%s: '%.60s' came back as '%.60s'", path, a, b);
        free((void *)a); free((void *)b); return ok; }
    case XMLRPC_TYPE_BASE64: { const unsigned char *a, *b; size_t la, lb; int ok;
        xmlrpc_read_base64(env, want, &la, &a); xmlrpc_read_base64(env, got, &lb, &b);
        ok = (la == lb && memcmp(a, b, la) == 0) || fail("%s: %zu bytes came back as %zu different ones", path, la, lb);
        free((void *)a); free((void *)b); return ok; }
    case XMLRPC_TYPE_NIL: return 1;
    case XMLRPC_TYPE_ARRAY: {
        int n = xmlrpc_array_size(env, want), m = xmlrpc_array_size(env, got);
        if (n != m) return fail("%s: %d items came back as %d", path, n, m);
        for (int i = 0; i < n; i++) {
            xmlrpc_value *a, *b; int ok;
            xmlrpc_array_read_item(env, want, i, &a); xmlrpc_array_read_item(env, got, i, &b);
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            ok = same(env, a, b, sub);
            xmlrpc_DECREF(a); xmlrpc_DECREF(b);
            if (!ok) return 0;
        }
        return 1; }
    case XMLRPC_TYPE_STRUCT: {
        int n = xmlrpc_struct_size(env, want), m = xmlrpc_struct_size(env, got);
        if (n != m) return fail("%s: %d members came back as %d", path, n, m);
        for (int i = 0; i < n; i++) {
            xmlrpc_value *key, *a, *b; const char *k; int ok;
            xmlrpc_struct_read_member(env, want, i, &key, &a);
            xmlrpc_read_string(env, key, &k);
            xmlrpc_struct_find_value(env, got, k, &b);
            snprintf(sub, sizeof sub, "%s.%s", path, k);
            ok = b ? same(env, a, b, sub) : fail("%s: member missing", sub);
            free((void *)k); xmlrpc_DECREF(key); xmlrpc_DECREF(a); if (b) xmlrpc_DECREF(b);
            if (!ok) return 0;
        }
        return 1; }
    default: return fail("%s: unexpected type %s", path, xmlrpc_type_name(wt));
    }
}

/* Calls method(params) (params: an array, consumed) on url; returns the answer or NULL with env set. */
static xmlrpc_value *call(xmlrpc_env *env, const char *url, const char *user, const char *secret,
                          const char *method, xmlrpc_value *params) {
    xmlrpc_value *result = NULL;
    xmlrpc_server_info *server = xmlrpc_server_info_new(env, url);
    if (!env->fault_occurred && user) xmlrpc_server_info_set_basic_auth(env, server, user, secret);
    if (!env->fault_occurred) xmlrpc_client_call2(env, client, server, method, params, &result);
    if (server) xmlrpc_server_info_free(server);
    xmlrpc_DECREF(params);
    return result;
}

static xmlrpc_value *one(xmlrpc_env *env, xmlrpc_value *param) {
    xmlrpc_value *params = xmlrpc_array_new(env);
    xmlrpc_array_append_item(env, params, param);
    xmlrpc_DECREF(param);
    return params;
}

static int answer_is(const char *url, const char *user, const char *secret, const char *method, xmlrpc_value *params,
                     xmlrpc_value *want) {
    xmlrpc_env env; xmlrpc_value *got; int ok;
    xmlrpc_env_init(&env);
    got = call(&env, url, user, secret, method, params);
    if (env.fault_occurred) ok = fail("fault %d: %s", env.fault_code, env.fault_string);
    else { ok = same(&env, want, got, "$"); xmlrpc_DECREF(got); }
    if (ok && env.fault_occurred) ok = fail("reading the answer: %s", env.fault_string);
    xmlrpc_DECREF(want);
    xmlrpc_env_clean(&env);
    return ok;
}

static xmlrpc_value *restart_result(int success, const char *message) {
    xmlrpc_env env; xmlrpc_value *v;
    xmlrpc_env_init(&env);
    v = xmlrpc_build_value(&env, "{s:b,s:s}", "success", (xmlrpc_bool)success, "message", message);
    xmlrpc_env_clean(&env);
    return v;
}

static int dbus_failure(const char *url, xmlrpc_value *id) {
    xmlrpc_env env; xmlrpc_value *got, *params; xmlrpc_bool success = 1; const char *message = NULL; int ok;
    xmlrpc_env_init(&env);
    params = one(&env, id);
    got = call(&env, url, NULL, NULL, "restart_unit", params);
    if (env.fault_occurred) ok = fail("fault %d: %s", env.fault_code, env.fault_string);
    else {
        xmlrpc_decompose_value(&env, got, "{s:b,s:s,*}", "success", &success, "message", &message);
        if (env.fault_occurred) ok = fail("not {success, message}: %s", env.fault_string);
        else if (success) ok = fail("success is true");
        else ok = strncmp(message, "org.freedesktop.DBus.Error.", 27) == 0 || fail("message is not a D-Bus error: %s", message);
        free((void *)message);
        xmlrpc_DECREF(got);
    }
    xmlrpc_env_clean(&env);
    return ok;
}

static int is_fault(const char *url, const char *method, xmlrpc_value *params) {
    xmlrpc_env env; xmlrpc_value *got; int ok;
    xmlrpc_env_init(&env);
    got = call(&env, url, NULL, NULL, method, params);
    if (!env.fault_occurred) { xmlrpc_DECREF(got); ok = fail("expected a fault, got an answer"); }
    /* xmlrpc-c reports transport problems as faults too, with its own codes (-504 network error and so on) */
    else ok = (env.fault_code != XMLRPC_NETWORK_ERROR && env.fault_code != XMLRPC_PARSE_ERROR && env.fault_string[0])
              || fail("not a server fault: %d %s", env.fault_code, env.fault_string);
    xmlrpc_env_clean(&env);
    return ok;
}

static int http_status(const char *url, const char *user, const char *secret, int status) {
    xmlrpc_env env; xmlrpc_value *got; int ok; char code[16];
    xmlrpc_env_init(&env);
    got = call(&env, url, user, secret, "restart_unit", one(&env, xmlrpc_string_new(&env, "12a4")));
    snprintf(code, sizeof code, "%d", status);
    if (!env.fault_occurred) { xmlrpc_DECREF(got); ok = fail("expected HTTP %d, got an answer", status); }
    else ok = (env.fault_code == XMLRPC_NETWORK_ERROR && strstr(env.fault_string, code))
              || fail("expected HTTP %d, got %d %s", status, env.fault_code, env.fault_string);
    xmlrpc_env_clean(&env);
    return ok;
}

static xmlrpc_value *every_type(xmlrpc_env *env) {
    unsigned char bytes[256];
    xmlrpc_value *s = xmlrpc_struct_new(env), *array = xmlrpc_array_new(env), *nested;
    for (int i = 0; i < 256; i++) bytes[i] = (unsigned char)i;
#define MEMBER(name, value) do { xmlrpc_value *v_ = (value); xmlrpc_struct_set_value(env, s, name, v_); xmlrpc_DECREF(v_); } while (0)
    MEMBER("int", xmlrpc_int_new(env, 42));
    MEMBER("int_min", xmlrpc_int_new(env, -2147483647 - 1));
    MEMBER("int_max", xmlrpc_int_new(env, 2147483647));
    MEMBER("i8", xmlrpc_i8_new(env, 9007199254740993LL));
    MEMBER("i8_min", xmlrpc_i8_new(env, -9223372036854775807LL - 1));
    MEMBER("i8_small", xmlrpc_i8_new(env, 7));
    MEMBER("true", xmlrpc_bool_new(env, 1));
    MEMBER("false", xmlrpc_bool_new(env, 0));
    MEMBER("string", xmlrpc_string_new(env, "plain"));
    MEMBER("markup", xmlrpc_string_new(env, "<a href=\"x\">&amp;</a> ]]> 'quoted'"));
    MEMBER("unicode", xmlrpc_string_new(env, "Gr\xc3\xbc\xc3\x9f" "e, \xe6\x9d\xb1\xe4\xba\xac"));
    MEMBER("empty_string", xmlrpc_string_new(env, ""));
    MEMBER("whitespace", xmlrpc_string_new(env, "  leading, tab\t and newline\n  "));
    MEMBER("double", xmlrpc_double_new(env, 3.141592653589793));
    MEMBER("double_negative", xmlrpc_double_new(env, -0.5));
    MEMBER("double_big", xmlrpc_double_new(env, 1e100));
    MEMBER("double_max", xmlrpc_double_new(env, 1.7976931348623157e308));
    MEMBER("double_integral", xmlrpc_double_new(env, 2.0));
    MEMBER("double_zero_negative", xmlrpc_double_new(env, -0.0));
    MEMBER("datetime", xmlrpc_datetime_new_str(env, "20261128T12:34:56"));
    MEMBER("base64", xmlrpc_base64_new(env, sizeof bytes, bytes));
    MEMBER("base64_empty", xmlrpc_base64_new(env, 0, bytes));
    MEMBER("nil", xmlrpc_nil_new(env));
    nested = xmlrpc_build_value(env, "{s:{s:{s:({s:s,s:(((i)))})}}}", "a", "b", "c", "d", "deep", "e", 1);
    MEMBER("nested", nested);
    MEMBER("empty_array", xmlrpc_array_new(env));
    MEMBER("empty_struct", xmlrpc_struct_new(env));
    {
        xmlrpc_value *items[] = { xmlrpc_int_new(env, 1), xmlrpc_string_new(env, "two"), xmlrpc_double_new(env, 3.5),
                                  xmlrpc_bool_new(env, 1), xmlrpc_nil_new(env), xmlrpc_array_new(env), xmlrpc_struct_new(env) };
        for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) { xmlrpc_array_append_item(env, array, items[i]); xmlrpc_DECREF(items[i]); }
    }
    MEMBER("array", array);
#undef MEMBER
    return s;
}

static const char *env_or_null(const char *name) {
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

int main(void) {
    xmlrpc_env env;
    const char *conformance = env_or_null("CONFORMANCE_URL"), *server = env_or_null("SERVER_URL"), *auth = env_or_null("AUTH_URL");
    const char *user = getenv("AUTH_USER") ? getenv("AUTH_USER") : "", *secret = getenv("AUTH_SECRET") ? getenv("AUTH_SECRET") : "";
    char wrong[256];
    struct xmlrpc_clientparms parms;
    struct xmlrpc_curl_xportparms curl;

    xmlrpc_env_init(&env);
    xmlrpc_client_setup_global_const(&env);
    memset(&curl, 0, sizeof curl);
    curl.timeout = 30000;
    memset(&parms, 0, sizeof parms);
    parms.transport = "curl";
    parms.transportparmsP = &curl;
    parms.transportparm_size = XMLRPC_CXPSIZE(timeout);
    xmlrpc_client_create(&env, XMLRPC_CLIENT_NO_FLAGS, "interop", "1", &parms, XMLRPC_CPSIZE(transportparm_size), &client);
    if (env.fault_occurred) { printf("FAIL c/setup/client %s\n", env.fault_string); return 0; }

    if (conformance) {
        const char *t = "conformance";
        report(t, "echo-every-type", answer_is(conformance, NULL, NULL, "echo", one(&env, every_type(&env)), every_type(&env)));
        report(t, "restart_unit-valid-string", answer_is(conformance, NULL, NULL, "restart_unit", one(&env, xmlrpc_string_new(&env, "1234")), restart_result(1, "success")));
        report(t, "restart_unit-valid-int", answer_is(conformance, NULL, NULL, "restart_unit", one(&env, xmlrpc_int_new(&env, 1234)), restart_result(1, "success")));
        report(t, "restart_unit-invalid-string", answer_is(conformance, NULL, NULL, "restart_unit", one(&env, xmlrpc_string_new(&env, "12a4")), restart_result(0, "invalid identifier")));
        report(t, "restart_unit-invalid-int", answer_is(conformance, NULL, NULL, "restart_unit", one(&env, xmlrpc_int_new(&env, 12345)), restart_result(0, "invalid identifier")));
        report(t, "fault-unknown-method", is_fault(conformance, "no_such_method", xmlrpc_array_new(&env)));
        report(t, "fault-wrong-arity", is_fault(conformance, "restart_unit", xmlrpc_array_new(&env)));
    }
    if (server) {
        const char *t = "server";
        report(t, "restart_unit-valid-string", dbus_failure(server, xmlrpc_string_new(&env, "1234")));
        report(t, "restart_unit-valid-int", dbus_failure(server, xmlrpc_int_new(&env, 1234)));
        report(t, "restart_unit-invalid-string", answer_is(server, NULL, NULL, "restart_unit", one(&env, xmlrpc_string_new(&env, "12a4")), restart_result(0, "invalid identifier")));
        report(t, "restart_unit-invalid-int", answer_is(server, NULL, NULL, "restart_unit", one(&env, xmlrpc_int_new(&env, 12)), restart_result(0, "invalid identifier")));
        report(t, "fault-unknown-method", is_fault(server, "no_such_method", xmlrpc_array_new(&env)));
    }
    if (auth) {
        const char *t = "auth";
        snprintf(wrong, sizeof wrong, "%sx", secret);
        report(t, "basic-auth-accepted", answer_is(auth, user, secret, "restart_unit", one(&env, xmlrpc_string_new(&env, "12a4")), restart_result(0, "invalid identifier")));
        report(t, "no-credentials-401", http_status(auth, NULL, NULL, 401));
        report(t, "wrong-secret-401", http_status(auth, user, wrong, 401));
    }
    printf("NOTE c xmlrpc-c writes doubles as plain decimals of at most 16 significant digits (1.7976931348623157e308 as 1.79769313486231e308, -0.0 as 0), reads subnormal doubles such as 5e-324 as an error and 1e-05 as 1.0000000000000001e-05 and refuses characters beyond the Basic Multilingual Plane in either direction (theirs)\n");
    printf("NOTE c a small <i8> (7) comes back as <int>: the value model keeps the number, not the tag, and writes <int> while it fits 32 bits, as Python's SimpleXMLRPCServer does (ours, by design)\n");
    xmlrpc_client_destroy(client);
    xmlrpc_client_teardown_global_const();
    xmlrpc_env_clean(&env);
    return 0;
}
