#ifndef AVN_COPENSSL_SHIM_H
#define AVN_COPENSSL_SHIM_H

#include <dlfcn.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/*
 * TLS for https:// requests, on OpenSSL's libssl opened with dlopen on the
 * first https request: commands that never talk to the API, and plain
 * http:// to a loopback stand-in, do not pay for loading it. The headers give
 * the types and constants; only the functions below are looked up.
 *
 * Every call works on a non-blocking socket: a step that would block says
 * which way (read or write), and the caller waits with poll(2) against its
 * own deadline.
 */
struct avn_ssl_api {
    const SSL_METHOD *(*client_method)(void);
    SSL_CTX *(*ctx_new)(const SSL_METHOD *method);
    void (*ctx_free)(SSL_CTX *ctx);
    int (*ctx_set_default_verify_paths)(SSL_CTX *ctx);
    int (*ctx_load_verify_locations)(SSL_CTX *ctx, const char *file, const char *path);
    void (*ctx_set_verify)(SSL_CTX *ctx, int mode, SSL_verify_cb callback);
    long (*ctx_ctrl)(SSL_CTX *ctx, int command, long larg, void *parg);
    uint64_t (*ctx_set_options)(SSL_CTX *ctx, uint64_t options);
    SSL *(*ssl_new)(SSL_CTX *ctx);
    void (*ssl_free)(SSL *ssl);
    int (*set_fd)(SSL *ssl, int fd);
    int (*set1_host)(SSL *ssl, const char *host);
    X509_VERIFY_PARAM *(*get0_param)(SSL *ssl);
    int (*param_set1_ip_asc)(X509_VERIFY_PARAM *param, const char *ip);
    long (*ctrl)(SSL *ssl, int command, long larg, void *parg);
    int (*connect)(SSL *ssl);
    int (*read_ex)(SSL *ssl, void *buffer, size_t size, size_t *read);
    int (*write_ex)(SSL *ssl, const void *buffer, size_t size, size_t *written);
    int (*get_error)(const SSL *ssl, int result);
    long (*get_verify_result)(const SSL *ssl);
    const char *(*verify_error_string)(long code);
    unsigned long (*err_get_error)(void);
    void (*err_error_string_n)(unsigned long code, char *buffer, size_t size);
    void (*err_clear_error)(void);
};

struct avn_ssl_holder {
    pthread_once_t once;
    int loaded;
    const char *error;
    struct avn_ssl_api api;
};

static inline struct avn_ssl_holder *avn_ssl_holder(void) {
    static struct avn_ssl_holder holder = { PTHREAD_ONCE_INIT, 0, NULL, { 0 } };
    return &holder;
}

static inline void avn_ssl_load(void) {
    struct avn_ssl_holder *holder = avn_ssl_holder();
    struct avn_ssl_api *api = &holder->api;
    void *library = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        holder->error = dlerror();
        return;
    }
    /* A handle's dlsym also searches its dependencies: libcrypto's ERR_ and X509_ calls. */
#define AVN_SSL_FIND(field, name)                                       \
    *(void **)(&api->field) = dlsym(library, name);                     \
    if (api->field == NULL) {                                           \
        holder->error = "libssl.so.3 lacks " name;                      \
        return;                                                         \
    }
    AVN_SSL_FIND(client_method, "TLS_client_method")
    AVN_SSL_FIND(ctx_new, "SSL_CTX_new")
    AVN_SSL_FIND(ctx_free, "SSL_CTX_free")
    AVN_SSL_FIND(ctx_set_default_verify_paths, "SSL_CTX_set_default_verify_paths")
    AVN_SSL_FIND(ctx_load_verify_locations, "SSL_CTX_load_verify_locations")
    AVN_SSL_FIND(ctx_set_verify, "SSL_CTX_set_verify")
    AVN_SSL_FIND(ctx_ctrl, "SSL_CTX_ctrl")
    AVN_SSL_FIND(ctx_set_options, "SSL_CTX_set_options")
    AVN_SSL_FIND(ssl_new, "SSL_new")
    AVN_SSL_FIND(ssl_free, "SSL_free")
    AVN_SSL_FIND(set_fd, "SSL_set_fd")
    AVN_SSL_FIND(set1_host, "SSL_set1_host")
    AVN_SSL_FIND(get0_param, "SSL_get0_param")
    AVN_SSL_FIND(param_set1_ip_asc, "X509_VERIFY_PARAM_set1_ip_asc")
    AVN_SSL_FIND(ctrl, "SSL_ctrl")
    AVN_SSL_FIND(connect, "SSL_connect")
    AVN_SSL_FIND(read_ex, "SSL_read_ex")
    AVN_SSL_FIND(write_ex, "SSL_write_ex")
    AVN_SSL_FIND(get_error, "SSL_get_error")
    AVN_SSL_FIND(get_verify_result, "SSL_get_verify_result")
    AVN_SSL_FIND(verify_error_string, "X509_verify_cert_error_string")
    AVN_SSL_FIND(err_get_error, "ERR_get_error")
    AVN_SSL_FIND(err_error_string_n, "ERR_error_string_n")
    AVN_SSL_FIND(err_clear_error, "ERR_clear_error")
#undef AVN_SSL_FIND
    holder->loaded = 1;
}

/* The loaded API, or NULL (see avn_ssl_load_error); safe from several threads. */
static inline const struct avn_ssl_api *avn_ssl(void) {
    struct avn_ssl_holder *holder = avn_ssl_holder();
    pthread_once(&holder->once, avn_ssl_load);
    return holder->loaded ? &holder->api : NULL;
}

static inline const char *avn_ssl_load_error(void) {
    return avn_ssl_holder()->error;
}

/* What a TLS step needs next. */
enum avn_tls_step {
    AVN_TLS_DONE = 0,
    AVN_TLS_WANT_READ = 1,
    AVN_TLS_WANT_WRITE = 2,
    /* The peer closed the connection (cleanly or not). */
    AVN_TLS_CLOSED = 3,
    AVN_TLS_FAILED = 4,
};

/* Why the last step failed: the certificate check's verdict, else OpenSSL's error queue. */
static inline void avn_tls_describe(SSL *ssl, char *buffer, size_t size) {
    const struct avn_ssl_api *api = avn_ssl();
    buffer[0] = '\0';
    long verdict = api->get_verify_result(ssl);
    if (verdict != X509_V_OK) {
        snprintf(buffer, size, "certificate verify failed: %s", api->verify_error_string(verdict));
        return;
    }
    unsigned long code = api->err_get_error();
    if (code != 0) {
        api->err_error_string_n(code, buffer, size);
    }
}

/*
 * A client connection over `fd` that checks the certificate against `host`
 * (a name, or an IP address when `host_is_address`) and the trusted roots:
 * `ca_file` alone when given, else the system's. TLS 1.2 at least. NULL with
 * `error` filled when it cannot be set up.
 */
static inline SSL *avn_tls_new(int fd, const char *host, int host_is_address,
                               const char *ca_file, char *error, size_t size) {
    const struct avn_ssl_api *api = avn_ssl();
    api->err_clear_error();
    SSL_CTX *context = api->ctx_new(api->client_method());
    if (context == NULL) {
        snprintf(error, size, "cannot create a TLS context");
        return NULL;
    }
    int ready = ca_file != NULL ? api->ctx_load_verify_locations(context, ca_file, NULL)
                                : api->ctx_set_default_verify_paths(context);
    api->ctx_set_verify(context, SSL_VERIFY_PEER, NULL);
    api->ctx_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL);
    /* A server that closes without close_notify ends a body read to the end. */
    api->ctx_set_options(context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL *ssl = ready == 1 ? api->ssl_new(context) : NULL;
    /* The connection holds its own reference to the context. */
    api->ctx_free(context);
    if (ssl == NULL) {
        unsigned long code = api->err_get_error();
        snprintf(error, size, "cannot load the trusted certificates");
        if (code != 0) {
            api->err_error_string_n(code, error, size);
        }
        return NULL;
    }
    int configured = api->set_fd(ssl, fd) == 1;
    if (host_is_address) {
        configured = configured && api->param_set1_ip_asc(api->get0_param(ssl), host) == 1;
    } else {
        /* SNI, and the name the certificate must carry. */
        configured = configured
                     && api->ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                  (void *)host) == 1
                     && api->set1_host(ssl, host) == 1;
    }
    if (!configured) {
        snprintf(error, size, "cannot set up TLS for %s", host);
        api->ssl_free(ssl);
        return NULL;
    }
    return ssl;
}

static inline void avn_tls_free(SSL *ssl) {
    avn_ssl()->ssl_free(ssl);
}

static inline enum avn_tls_step avn_tls_step_after(SSL *ssl, int result) {
    switch (avn_ssl()->get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return AVN_TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE:
        return AVN_TLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN:
        return AVN_TLS_CLOSED;
    default:
        return AVN_TLS_FAILED;
    }
}

static inline enum avn_tls_step avn_tls_handshake(SSL *ssl) {
    avn_ssl()->err_clear_error();
    int result = avn_ssl()->connect(ssl);
    return result == 1 ? AVN_TLS_DONE : avn_tls_step_after(ssl, result);
}

/* Reads up to `size` bytes; AVN_TLS_CLOSED (with nothing read) at the end. */
static inline enum avn_tls_step avn_tls_read(SSL *ssl, void *buffer, size_t size,
                                             size_t *count) {
    avn_ssl()->err_clear_error();
    *count = 0;
    int result = avn_ssl()->read_ex(ssl, buffer, size, count);
    /* With SSL_OP_IGNORE_UNEXPECTED_EOF a bare close also reads as ZERO_RETURN. */
    return result == 1 ? AVN_TLS_DONE : avn_tls_step_after(ssl, result);
}

static inline enum avn_tls_step avn_tls_write(SSL *ssl, const void *buffer, size_t size,
                                              size_t *count) {
    avn_ssl()->err_clear_error();
    *count = 0;
    int result = avn_ssl()->write_ex(ssl, buffer, size, count);
    return result == 1 ? AVN_TLS_DONE : avn_tls_step_after(ssl, result);
}

#endif
