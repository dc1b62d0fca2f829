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
#include <string.h>

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

// Swift copies of these structs do not keep their padding bytes zero, and the kernel
// compares some of them byte for byte (selector_cmp walks xfrm_selector as u32 words, so
// garbage padding would defeat EEXIST and DELPOLICY lookups). These write a struct field by
// field into zeroed memory at `dst` (sizeof bytes), leaving every padding byte zero.

static inline void cxfrm_copy_selector(struct xfrm_selector *d, const struct xfrm_selector *s)
{
    memset(d, 0, sizeof(*d));
    d->daddr = s->daddr;
    d->saddr = s->saddr;
    d->dport = s->dport;
    d->dport_mask = s->dport_mask;
    d->sport = s->sport;
    d->sport_mask = s->sport_mask;
    d->family = s->family;
    d->prefixlen_d = s->prefixlen_d;
    d->prefixlen_s = s->prefixlen_s;
    d->proto = s->proto;
    d->ifindex = s->ifindex;
    d->user = s->user;
}

static inline void cxfrm_copy_id(struct xfrm_id *d, const struct xfrm_id *s)
{
    memset(d, 0, sizeof(*d));
    d->daddr = s->daddr;
    d->spi = s->spi;
    d->proto = s->proto;
}

static inline void cxfrm_put_usersa_info(void *dst, const struct xfrm_usersa_info *s)
{
    struct xfrm_usersa_info *d = dst;
    memset(d, 0, sizeof(*d));
    cxfrm_copy_selector(&d->sel, &s->sel);
    cxfrm_copy_id(&d->id, &s->id);
    d->saddr = s->saddr;
    d->lft = s->lft;        /* all __u64: no padding */
    d->curlft = s->curlft;  /* all __u64 */
    d->stats = s->stats;    /* all __u32 */
    d->seq = s->seq;
    d->reqid = s->reqid;
    d->family = s->family;
    d->mode = s->mode;
    d->replay_window = s->replay_window;
    d->flags = s->flags;
}

static inline void cxfrm_put_usersa_id(void *dst, const struct xfrm_usersa_id *s)
{
    struct xfrm_usersa_id *d = dst;
    memset(d, 0, sizeof(*d));
    d->daddr = s->daddr;
    d->spi = s->spi;
    d->family = s->family;
    d->proto = s->proto;
}

static inline void cxfrm_put_userpolicy_info(void *dst, const struct xfrm_userpolicy_info *s)
{
    struct xfrm_userpolicy_info *d = dst;
    memset(d, 0, sizeof(*d));
    cxfrm_copy_selector(&d->sel, &s->sel);
    d->lft = s->lft;
    d->curlft = s->curlft;
    d->priority = s->priority;
    d->index = s->index;
    d->dir = s->dir;
    d->action = s->action;
    d->flags = s->flags;
    d->share = s->share;
}

static inline void cxfrm_put_userpolicy_id(void *dst, const struct xfrm_userpolicy_id *s)
{
    struct xfrm_userpolicy_id *d = dst;
    memset(d, 0, sizeof(*d));
    cxfrm_copy_selector(&d->sel, &s->sel);
    d->index = s->index;
    d->dir = s->dir;
}

static inline void cxfrm_put_user_tmpl(void *dst, const struct xfrm_user_tmpl *s)
{
    struct xfrm_user_tmpl *d = dst;
    memset(d, 0, sizeof(*d));
    cxfrm_copy_id(&d->id, &s->id);
    d->family = s->family;
    d->saddr = s->saddr;
    d->reqid = s->reqid;
    d->mode = s->mode;
    d->share = s->share;
    d->optional = s->optional;
    d->aalgos = s->aalgos;
    d->ealgos = s->ealgos;
    d->calgos = s->calgos;
}

static inline void cxfrm_put_encap_tmpl(void *dst, const struct xfrm_encap_tmpl *s)
{
    struct xfrm_encap_tmpl *d = dst;
    memset(d, 0, sizeof(*d));
    d->encap_type = s->encap_type;
    d->encap_sport = s->encap_sport;
    d->encap_dport = s->encap_dport;
    d->encap_oa = s->encap_oa;
}

static inline void cxfrm_put_address_filter(void *dst, const struct xfrm_address_filter *s)
{
    struct xfrm_address_filter *d = dst;
    memset(d, 0, sizeof(*d));
    d->saddr = s->saddr;
    d->daddr = s->daddr;
    d->family = s->family;
    d->splen = s->splen;
    d->dplen = s->dplen;
}

static inline void cxfrm_put_usersa_flush(void *dst, uint8_t proto)
{
    struct xfrm_usersa_flush *d = dst;
    memset(d, 0, sizeof(*d));
    d->proto = proto;
}

#endif
