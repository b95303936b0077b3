/* The simulator's in-memory network (see sim_net.h). */
#include "sim_net.h"

#include <string.h>

void sim_net_init(sim_net *net, uint32_t core_delay_ms) {
  memset(net, 0, sizeof(*net));
  net->core_delay_ms = core_delay_ms;
}

int sim_net_add_link(sim_net *net, const char *name, uint8_t att, uint32_t delay_ms) {
  sim_link *l;
  if (net->n_links >= SIM_MAX_LINKS || strlen(name) >= SIM_NAME_LEN) return -1;
  l = &net->links[net->n_links];
  memset(l, 0, sizeof(*l));
  strcpy(l->name, name);
  l->att = att;
  l->up = 1;
  l->delay_ms = delay_ms;
  return (int)net->n_links++;
}

int sim_net_find(const sim_net *net, const char *name) {
  size_t i;
  for (i = 0; i < net->n_links; i++)
    if (strcmp(net->links[i].name, name) == 0) return (int)i;
  return -1;
}

const char *sim_net_link_name(const sim_net *net, int link) {
  if (link == SIM_LINK_CORE) return "core";
  if (link < 0 || (size_t)link >= net->n_links) return "?";
  return net->links[link].name;
}

int sim_net_link_up(const sim_net *net, int link) {
  if (link == SIM_LINK_CORE) return 1;
  if (link < 0 || (size_t)link >= net->n_links) return 0;
  return net->links[link].up;
}

void sim_net_set_up(sim_net *net, int link, int up) {
  if (link >= 0 && (size_t)link < net->n_links) net->links[link].up = up ? 1 : 0;
}

int sim_net_send(sim_net *net, uint64_t now_ms, int link, int via_core, int from_node, int to_node,
                 const uint8_t *msg, size_t len, const mipfb_pkt_info *info) {
  sim_dgram *d;
  uint64_t delay = via_core ? net->core_delay_ms : 0;
  if (link != SIM_LINK_CORE) {
    if (link < 0 || (size_t)link >= net->n_links) return SIM_NET_OVERFLOW;
    net->links[link].sent++;
    if (!net->links[link].up) {
      net->links[link].lost++;
      return SIM_NET_LOST;
    }
    delay += net->links[link].delay_ms;
  }
  if (net->n_q >= SIM_QUEUE_CAP || len > SIM_DGRAM_CAP) return SIM_NET_OVERFLOW;
  d = &net->q[net->n_q++];
  d->at_ms = now_ms + delay;
  d->seq = net->seq++;
  d->link = link;
  d->from_node = from_node;
  d->to_node = to_node;
  d->info = *info;
  d->len = len;
  if (len) memcpy(d->buf, msg, len);
  return SIM_NET_QUEUED;
}

static size_t earliest(const sim_net *net) {
  size_t i, best = 0;
  for (i = 1; i < net->n_q; i++) {
    const sim_dgram *a = &net->q[i], *b = &net->q[best];
    if (a->at_ms < b->at_ms || (a->at_ms == b->at_ms && a->seq < b->seq)) best = i;
  }
  return best;
}

uint64_t sim_net_next(const sim_net *net) {
  if (net->n_q == 0) return UINT64_MAX;
  return net->q[earliest(net)].at_ms;
}

int sim_net_pop(sim_net *net, uint64_t upto_ms, sim_dgram *out) {
  size_t i;
  if (net->n_q == 0) return 0;
  i = earliest(net);
  if (net->q[i].at_ms > upto_ms) return 0;
  *out = net->q[i];
  net->n_q--;
  if (i != net->n_q) net->q[i] = net->q[net->n_q];
  return 1;
}
