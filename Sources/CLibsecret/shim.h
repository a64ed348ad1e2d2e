#ifndef AVN_CLIBSECRET_SHIM_H
#define AVN_CLIBSECRET_SHIM_H

#include <libsecret/secret.h>
#include <string.h>

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

/*
 * Reads that skip libsecret: a Secret Service session with the "plain"
 * algorithm, spoken over GDBus directly. libsecret always negotiates an
 * encrypted session (a Diffie-Hellman exchange that costs both sides a few
 * milliseconds of CPU); the read path is called by other programs on every
 * run, and the session bus is private to the user anyway. Writes still go
 * through libsecret.
 */
#define AVN_SECRETS_BUS_NAME "org.freedesktop.secrets"
#define AVN_SECRETS_PATH "/org/freedesktop/secrets"

static inline GVariant *avn_secrets_call(GDBusConnection *bus, const char *path,
                                         const char *interface, const char *method,
                                         GVariant *parameters, const char *reply_type,
                                         GCancellable *cancellable, GError **error) {
    return g_dbus_connection_call_sync(bus, AVN_SECRETS_BUS_NAME, path, interface, method,
                                       parameters, G_VARIANT_TYPE(reply_type),
                                       G_DBUS_CALL_FLAGS_NONE, -1, cancellable, error);
}

/* The user's session bus (a shared connection); release with g_object_unref. */
static inline GDBusConnection *avn_session_bus(GCancellable *cancellable, GError **error) {
    return g_bus_get_sync(G_BUS_TYPE_SESSION, cancellable, error);
}

/*
 * The D-Bus paths of our items for one profile, split into unlocked and
 * locked (Service.SearchItems). Free both with g_strfreev.
 */
static inline gboolean avn_plain_search(GDBusConnection *bus, const char *profile,
                                        gchar ***unlocked, gchar ***locked,
                                        GCancellable *cancellable, GError **error) {
    GVariantBuilder attributes;
    g_variant_builder_init(&attributes, G_VARIANT_TYPE("a{ss}"));
    g_variant_builder_add(&attributes, "{ss}", "xdg:schema", avn_token_schema()->name);
    g_variant_builder_add(&attributes, "{ss}", "profile", profile);
    GVariant *reply = avn_secrets_call(bus, AVN_SECRETS_PATH, "org.freedesktop.Secret.Service",
                                       "SearchItems", g_variant_new("(a{ss})", &attributes),
                                       "(aoao)", cancellable, error);
    if (reply == NULL) {
        return FALSE;
    }
    g_variant_get(reply, "(^ao^ao)", unlocked, locked);
    g_variant_unref(reply);
    return TRUE;
}

/* Opens a "plain" session (Service.OpenSession); release the path with g_free. */
static inline gchar *avn_plain_session(GDBusConnection *bus, GCancellable *cancellable,
                                       GError **error) {
    GVariant *reply = avn_secrets_call(
        bus, AVN_SECRETS_PATH, "org.freedesktop.Secret.Service", "OpenSession",
        g_variant_new("(sv)", "plain", g_variant_new_string("")), "(vo)", cancellable, error);
    if (reply == NULL) {
        return NULL;
    }
    gchar *session = NULL;
    g_variant_get(reply, "(vo)", NULL, &session);
    g_variant_unref(reply);
    return session;
}

/*
 * The secret of the item at `item` through a plain `session` (Item.GetSecret),
 * copied into `length` bytes that the caller wipes with avn_secret_free.
 */
static inline guint8 *avn_plain_secret(GDBusConnection *bus, const char *item,
                                       const char *session, gsize *length,
                                       GCancellable *cancellable, GError **error) {
    GVariant *reply = avn_secrets_call(bus, item, "org.freedesktop.Secret.Item", "GetSecret",
                                       g_variant_new("(o)", session), "((oayays))",
                                       cancellable, error);
    if (reply == NULL) {
        return NULL;
    }
    GVariant *secret = g_variant_get_child_value(reply, 0);
    GVariant *value = g_variant_get_child_value(secret, 2);
    gsize count = 0;
    const guint8 *bytes = g_variant_get_fixed_array(value, &count, sizeof(guint8));
    guint8 *copy = g_malloc(count + 1);
    if (count > 0) {
        memcpy(copy, bytes, count);
    }
    *length = count;
    g_variant_unref(value);
    g_variant_unref(secret);
    g_variant_unref(reply);
    return copy;
}

static inline void avn_secret_free(guint8 *bytes, gsize length) {
    explicit_bzero(bytes, length);
    g_free(bytes);
}

static inline GQuark avn_io_error_domain(void) { return G_IO_ERROR; }
static inline GQuark avn_dbus_error_domain(void) { return G_DBUS_ERROR; }
static inline GQuark avn_secret_error_domain(void) { return SECRET_ERROR; }

#endif
