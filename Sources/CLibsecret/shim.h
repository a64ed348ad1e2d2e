#ifndef AVN_CLIBSECRET_SHIM_H
#define AVN_CLIBSECRET_SHIM_H

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
            { NULL, 0 },
        },
    };
    return &schema;
}

#endif
