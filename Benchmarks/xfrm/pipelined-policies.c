/*
 * The peer for run.sh: the fastest plain C + libmnl way to install N policies, as measured
 * in notes/xfrm-performance.md: one socket, many NEWPOLICY messages per sendmsg, no ACKs,
 * one acknowledged GETSPDINFO barrier at the end. Same policies as xfrm-bench and the
 * setkey/ip scripts: 10.0.0.0+i/32 -> 11.0.0.0+i/32, out, one ESP transport template.
 * Errors are counted from the NLMSG_ERROR messages that come back.
 *
 * Built by run.sh into a temporary folder: gcc -O2 pipelined-policies.c -lmnl
 * Usage: pipelined-policies N
 */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/xfrm.h>
#include <libmnl/libmnl.h>

#define BATCH_LIMIT (256 * 1024)
#define RECV_SIZE 65536

static int errors;

static int on_error(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	unsigned int barrier = *(unsigned int *)data;
	if (nlh->nlmsg_seq == barrier)
		return e->error ? MNL_CB_ERROR : MNL_CB_STOP;
	if (e->error)
		errors++;
	return MNL_CB_OK;
}

static void drain(struct mnl_socket *nl, char *buf, unsigned int barrier, int wait)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = on_error };
	for (;;) {
		ssize_t n = recv(mnl_socket_get_fd(nl), buf, RECV_SIZE, wait ? 0 : MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN && !wait)
				return;
			perror("recv");
			exit(1);
		}
		if (mnl_cb_run2(buf, n, 0, 0, NULL, &barrier, ctl, NLMSG_MIN_TYPE) <= MNL_CB_STOP)
			return;
	}
}

static void put_policy(char *where, unsigned int seq, unsigned int i)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(where);
	struct xfrm_userpolicy_info *p;
	struct xfrm_user_tmpl t;

	nlh->nlmsg_type = XFRM_MSG_NEWPOLICY;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = seq;
	p = mnl_nlmsg_put_extra_header(nlh, sizeof(*p));
	p->sel.saddr.a4 = htonl(0x0a000000u + i);
	p->sel.daddr.a4 = htonl(0x0b000000u + i);
	p->sel.family = AF_INET;
	p->sel.prefixlen_s = 32;
	p->sel.prefixlen_d = 32;
	p->lft.soft_byte_limit = p->lft.hard_byte_limit = XFRM_INF;
	p->lft.soft_packet_limit = p->lft.hard_packet_limit = XFRM_INF;
	p->priority = 0x80000000u;
	p->dir = XFRM_POLICY_OUT;
	p->action = XFRM_POLICY_ALLOW;
	memset(&t, 0, sizeof(t));
	t.id.proto = IPPROTO_ESP;
	t.family = AF_INET;
	t.mode = XFRM_MODE_TRANSPORT;
	t.aalgos = t.ealgos = t.calgos = ~0u;
	mnl_attr_put(nlh, XFRMA_TMPL, sizeof(t), &t);
}

int main(int argc, char **argv)
{
	unsigned int n = argc > 1 ? strtoul(argv[1], NULL, 10) : 0, seq = time(NULL), i;
	static char batch_buf[2 * BATCH_LIMIT], recv_buf[RECV_SIZE];
	struct mnl_nlmsg_batch *b = mnl_nlmsg_batch_start(batch_buf, BATCH_LIMIT);
	struct mnl_socket *nl = mnl_socket_open(NETLINK_XFRM);
	int size = 8 << 20, one = 1;
	struct nlmsghdr *nlh;
	unsigned int barrier;

	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("mnl_socket");
		return 1;
	}
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));
	setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	for (i = 0; i < n; i++) {
		put_policy(mnl_nlmsg_batch_current(b), seq++, i);
		if (!mnl_nlmsg_batch_next(b)) {
			mnl_socket_sendto(nl, mnl_nlmsg_batch_head(b), mnl_nlmsg_batch_size(b));
			drain(nl, recv_buf, 0, 0);
			mnl_nlmsg_batch_reset(b);
		}
	}
	barrier = seq++;
	nlh = mnl_nlmsg_put_header(mnl_nlmsg_batch_current(b));
	nlh->nlmsg_type = XFRM_MSG_GETSPDINFO;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = barrier;
	*(unsigned int *)mnl_nlmsg_put_extra_header(nlh, sizeof(unsigned int)) = ~0u;
	mnl_nlmsg_batch_next(b);
	mnl_socket_sendto(nl, mnl_nlmsg_batch_head(b), mnl_nlmsg_batch_size(b));
	drain(nl, recv_buf, barrier, 1);
	mnl_nlmsg_batch_stop(b);
	mnl_socket_close(nl);
	printf("applied %u policies, %d failed\n", n, errors);
	return errors != 0;
}
