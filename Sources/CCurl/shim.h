#ifndef AVN_CCURL_SHIM_H
#define AVN_CCURL_SHIM_H

#include <curl/curl.h>

/*
 * curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
 * call; these typed wrappers pass one argument of the type each option takes
 * ("long", "char *", a function pointer or "void *", per the curl_easy_setopt
 * man page).
 */
typedef size_t (*avn_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode avn_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode avn_curl_set_callback(CURL *handle, CURLoption option,
                                             avn_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode avn_curl_response_code(CURL *handle, long *code) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

static inline long avn_curl_os_errno(CURL *handle) {
    long value = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &value);
    return value;
}

#endif
