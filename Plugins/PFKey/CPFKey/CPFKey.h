/* The C side of the pfkey backend: the kernel's PF_KEY header, for the few things Swift
 * takes from C (PF_KEY_V2, and the struct sizes the tests compare the codec with).
 * <netinet/in.h> must come before any Linux UAPI header (two in6_addr definitions otherwise). */
#ifndef CPFKEY_H
#define CPFKEY_H

#include <netinet/in.h>
#include <sys/socket.h>
#ifdef __linux__
#include <linux/pfkeyv2.h>
#else
#include <net/pfkeyv2.h>
#endif

/* PF_KEY_V2 as a function, so the protocol number reaches Swift whatever form the macro takes. */
static inline int cpfkey_protocol_version(void) { return PF_KEY_V2; }

/* PF_KEY (the socket family): 15 on Linux, 27 on FreeBSD. */
static inline int cpfkey_family(void) { return PF_KEY; }

#endif
