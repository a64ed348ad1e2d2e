#ifndef AVN_CLIBSECRET_SHIM_H
#define AVN_CLIBSECRET_SHIM_H

/*
 * The D-Bus path calls below (secret-paths.h) are libsecret's "unstable" API;
 * they save a round trip per item on the token helper's hot path.
 */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

/*
 * SecretSchema holds a fixed array of 32 attributes, which Swift sees as a
 * tuple, so the schema is built here. Only non-secret identifiers are
 * attributes: they stay readable while the keyring is locked.
 */
static inline const SecretSchema *avn_token_schema(void) {
    static const SecretSchema schema = {
        "io.aiven.avn.Token",
        SECRET_SCHEMA_NONE,
        {
            { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
            { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
            { "api", SECRET_SCHEMA_ATTRIBUTE_STRING },
            { "vault", SECRET_SCHEMA_ATTRIBUTE_STRING },
            { NULL, 0 },
        },
    };
    return &schema;
}

/*
 * The attribute table the *_sync calls take: string keys and values that the
 * table owns. NULL arguments are left out, so a search can match on the
 * profile alone. Release with g_hash_table_unref.
 */
static inline GHashTable *avn_attributes_new(const char *profile, const char *email,
                                             const char *api, const char *vault) {
    GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (profile != NULL) {
        g_hash_table_insert(table, g_strdup("profile"), g_strdup(profile));
    }
    if (email != NULL) {
        g_hash_table_insert(table, g_strdup("email"), g_strdup(email));
    }
    if (api != NULL) {
        g_hash_table_insert(table, g_strdup("api"), g_strdup(api));
    }
    if (vault != NULL) {
        g_hash_table_insert(table, g_strdup("vault"), g_strdup(vault));
    }
    return table;
}

/*
 * A copy of one attribute of an item, or NULL; release with g_free.
 * secret_item_get_attributes returns a new reference ("transfer full").
 */
static inline char *avn_item_attribute(SecretItem *item, const char *name) {
    GHashTable *attributes = secret_item_get_attributes(item);
    if (attributes == NULL) {
        return NULL;
    }
    char *value = g_strdup((const char *)g_hash_table_lookup(attributes, name));
    g_hash_table_unref(attributes);
    return value;
}

/* A fresh, unshared proxy: no state survives between calls or threads. */
static inline SecretService *avn_service_open(gboolean open_session,
                                              GCancellable *cancellable, GError **error) {
    SecretServiceFlags flags = open_session ? SECRET_SERVICE_OPEN_SESSION : SECRET_SERVICE_NONE;
    return secret_service_open_sync(SECRET_TYPE_SERVICE, NULL, flags, cancellable, error);
}

/*
 * The collection behind the "default" alias. secret_collection_for_alias_sync:
 * "Returns: the collection, or NULL if none assigned to the alias", with no
 * error set in that case.
 */
static inline SecretCollection *avn_default_collection(SecretService *service,
                                                       GCancellable *cancellable,
                                                       GError **error) {
    return secret_collection_for_alias_sync(service, SECRET_COLLECTION_DEFAULT,
                                            SECRET_COLLECTION_NONE, cancellable, error);
}

/*
 * Items of our schema matching `attributes`; passing the schema adds
 * xdg:schema to the match. SECRET_SEARCH_UNLOCK ("unlock locked items while
 * searching") is left out, so locked items come back locked and no prompt is
 * shown; SECRET_SEARCH_LOAD_SECRETS loads "secrets for items that are not
 * locked". Release with avn_item_list_free.
 */
static inline GList *avn_search(SecretService *service, GHashTable *attributes,
                                gboolean load_secrets, GCancellable *cancellable,
                                GError **error) {
    SecretSearchFlags flags = SECRET_SEARCH_ALL;
    if (load_secrets) {
        flags |= SECRET_SEARCH_LOAD_SECRETS;
    }
    return secret_service_search_sync(service, avn_token_schema(), attributes, flags,
                                      cancellable, error);
}

/*
 * The D-Bus paths of our items matching `attributes`, split into unlocked and
 * locked, without making an item object per result. Free both with g_strfreev.
 */
static inline gboolean avn_search_paths(SecretService *service, GHashTable *attributes,
                                        GCancellable *cancellable, gchar ***unlocked,
                                        gchar ***locked, GError **error) {
    return secret_service_search_for_dbus_paths_sync(service, avn_token_schema(), attributes,
                                                     cancellable, unlocked, locked, error);
}

/* The secret of the item at `path`; release with secret_value_unref. */
static inline SecretValue *avn_secret_at_path(SecretService *service, const gchar *path,
                                              GCancellable *cancellable, GError **error) {
    return secret_service_get_secret_for_dbus_path_sync(service, path, cancellable, error);
}

static inline void avn_item_list_free(GList *items) {
    g_list_free_full(items, g_object_unref);
}

static inline SecretItem *avn_item_at(GList *node) {
    return SECRET_ITEM(node->data);
}

/* Stores into the default collection, replacing an item with equal attributes. */
static inline gboolean avn_store(SecretService *service, GHashTable *attributes,
                                 const char *label, const char *token, gsize length,
                                 GCancellable *cancellable, GError **error) {
    SecretValue *value = secret_value_new(token, (gssize)length, "text/plain");
    gboolean stored = secret_service_store_sync(service, avn_token_schema(), attributes,
                                                SECRET_COLLECTION_DEFAULT, label, value,
                                                cancellable, error);
    secret_value_unref(value);
    return stored;
}

static inline GQuark avn_io_error_domain(void) { return G_IO_ERROR; }
static inline GQuark avn_dbus_error_domain(void) { return G_DBUS_ERROR; }
static inline GQuark avn_secret_error_domain(void) { return SECRET_ERROR; }

#endif
