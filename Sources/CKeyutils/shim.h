#ifndef AVN_CKEYUTILS_SHIM_H
#define AVN_CKEYUTILS_SHIM_H

#include <keyutils.h>
#include <sys/prctl.h>

/* The special keyring ids are macros of casts that Swift does not import. */
static inline key_serial_t avn_user_keyring(void) {
    return KEY_SPEC_USER_KEYRING;
}

/*
 * Possessor: everything. The user (same uid, any process): view, read, write,
 * search, link and set attributes, so a token stored by one avn process can
 * be read by the next without sharing a session keyring. Group and others:
 * nothing.
 */
static inline key_perm_t avn_private_key_permissions(void) {
    return KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ | KEY_USR_WRITE | KEY_USR_SEARCH
        | KEY_USR_LINK | KEY_USR_SETATTR;
}

/*
 * prctl(2) is variadic, which Swift does not import. A process that is not
 * dumpable leaves no core file and cannot be read through /proc/PID/mem or
 * ptrace by other processes of the same user, so the secrets it holds stay
 * in it. Returns 0 on success.
 */
static inline int avn_make_nondumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* 1 when the process is dumpable, 0 when not, -1 on error. */
static inline int avn_dumpable(void) {
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
}

#endif
