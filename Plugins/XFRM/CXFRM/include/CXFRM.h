// What Swift cannot import from <linux/xfrm.h>, <linux/netlink.h> and libmnl by itself:
// function-like macros, 64-bit constants written as casts, sysconf-based sizes, and the
// sizes of structs that end in flexible arrays (Swift drops the array member).
//
// <netinet/in.h> must come before <linux/xfrm.h>: both define in6_addr otherwise.
#ifndef CXFRM_H
#define CXFRM_H

#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <libmnl/libmnl.h>
#include <stddef.h>
#include <stdint.h>

/// XFRM_INF: "no limit" in xfrm_lifetime_cfg.
static const uint64_t CXFRM_INF = XFRM_INF;

enum {
    /// The highest attribute type this header knows (XFRMA_MAX).
    CXFRM_ATTRIBUTE_MAX = XFRMA_MAX,
    /// The highest message type this header knows (XFRM_MSG_MAX).
    CXFRM_MESSAGE_MAX = XFRM_MSG_MAX,
    /// The most templates a policy may carry (XFRM_MAX_DEPTH).
    CXFRM_MAX_DEPTH = 6,
    /// NLMSG_HDRLEN.
    CXFRM_NLMSG_HDRLEN = NLMSG_HDRLEN,
    /// NLA_HDRLEN.
    CXFRM_NLA_HDRLEN = NLA_HDRLEN,
    /// NLA_TYPE_MASK (strips NLA_F_NESTED and NLA_F_NET_BYTEORDER).
    CXFRM_NLA_TYPE_MASK = NLA_TYPE_MASK,
    /// sizeof(struct xfrm_algo) without its key (alg_name[64] + alg_key_len).
    CXFRM_ALGO_SIZE = sizeof(struct xfrm_algo),
    /// sizeof(struct xfrm_algo_auth) without its key (+ alg_trunc_len).
    CXFRM_ALGO_AUTH_SIZE = sizeof(struct xfrm_algo_auth),
    /// sizeof(struct xfrm_algo_aead) without its key (+ alg_icv_len).
    CXFRM_ALGO_AEAD_SIZE = sizeof(struct xfrm_algo_aead),
    /// sizeof(struct xfrm_user_sec_ctx) without its string.
    CXFRM_USER_SEC_CTX_SIZE = sizeof(struct xfrm_user_sec_ctx),
    /// The length of xfrm_algo.alg_name.
    CXFRM_ALGO_NAME_SIZE = 64,
};

/// MNL_SOCKET_BUFFER_SIZE (min(page size, 8192)).
static inline size_t cxfrm_mnl_socket_buffer_size(void) { return MNL_SOCKET_BUFFER_SIZE; }

/// NLMSG_ALIGN(len).
static inline size_t cxfrm_nlmsg_align(size_t len) { return NLMSG_ALIGN(len); }

#endif
