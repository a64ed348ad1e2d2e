#ifndef AVN_CCURL_SHIM_H
#define AVN_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/*
 * libcurl is opened with dlopen on the first HTTP request rather than linked:
 * it pulls in some thirty libraries (TLS, Kerberos, LDAP, ...) whose loading
 * would cost every avn command several milliseconds, even those that never
 * talk to the API. Only the calls avn makes are looked up.
 *
 * curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
 * call; the typed wrappers below pass one argument of the type each option
 * takes ("long", "char *", a function pointer or "void *", per the
 * curl_easy_setopt man page).
 */
struct avn_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
};

struct avn_curl_holder {
    pthread_once_t once;
    int loaded;
    const char *error;
    struct avn_curl_api api;
};

static inline struct avn_curl_holder *avn_curl_holder(void) {
    static struct avn_curl_holder holder = { PTHREAD_ONCE_INIT, 0, NULL, { 0 } };
    return &holder;
}

static inline void avn_curl_load(void) {
    struct avn_curl_holder *holder = avn_curl_holder();
    struct avn_curl_api *api = &holder->api;
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        holder->error = dlerror();
        return;
    }
    api->global_init = (CURLcode(*)(long))dlsym(library, "curl_global_init");
    api->easy_init = (CURL * (*)(void)) dlsym(library, "curl_easy_init");
    api->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api->easy_setopt = (CURLcode(*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api->easy_perform = (CURLcode(*)(CURL *))dlsym(library, "curl_easy_perform");
    api->easy_getinfo = (CURLcode(*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api->slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *))
        dlsym(library, "curl_slist_append");
    api->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    if (!api->global_init || !api->easy_init || !api->easy_cleanup || !api->easy_setopt
        || !api->easy_perform || !api->easy_getinfo || !api->easy_strerror
        || !api->slist_append || !api->slist_free_all) {
        holder->error = "a libcurl function is missing";
        return;
    }
    /* curl_global_init(3): call it once before any other libcurl function. */
    if (api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        holder->error = "curl_global_init failed";
        return;
    }
    holder->loaded = 1;
}

/*
 * The loaded API, or NULL when libcurl cannot be opened (see avn_curl_error).
 * pthread_once makes the first load safe from several threads.
 */
static inline const struct avn_curl_api *avn_curl(void) {
    struct avn_curl_holder *holder = avn_curl_holder();
    pthread_once(&holder->once, avn_curl_load);
    return holder->loaded ? &holder->api : NULL;
}

/* Why libcurl could not be loaded, or NULL. */
static inline const char *avn_curl_error(void) {
    return avn_curl_holder()->error;
}

static inline CURL *avn_curl_easy_init(void) {
    return avn_curl()->easy_init();
}

static inline void avn_curl_easy_cleanup(CURL *handle) {
    avn_curl()->easy_cleanup(handle);
}

static inline CURLcode avn_curl_perform(CURL *handle) {
    return avn_curl()->easy_perform(handle);
}

static inline const char *avn_curl_strerror(CURLcode code) {
    return avn_curl()->easy_strerror(code);
}

static inline struct curl_slist *avn_curl_slist_append(struct curl_slist *list,
                                                        const char *string) {
    return avn_curl()->slist_append(list, string);
}

static inline void avn_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) {
        avn_curl()->slist_free_all(list);
    }
}

typedef size_t (*avn_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode avn_curl_set_long(CURL *handle, CURLoption option, long value) {
    return avn_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return avn_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return avn_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_callback(CURL *handle, CURLoption option,
                                             avn_curl_data_callback callback) {
    return avn_curl()->easy_setopt(handle, option, callback);
}

static inline CURLcode avn_curl_response_code(CURL *handle, long *code) {
    return avn_curl()->easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

static inline long avn_curl_os_errno(CURL *handle) {
    long value = 0;
    avn_curl()->easy_getinfo(handle, CURLINFO_OS_ERRNO, &value);
    return value;
}

#endif
