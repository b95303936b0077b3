/* MIPv4 home agent: Registration Reply composition (RFC 5944 3.4, RFC 7629
   4.2 Flow-Binding extensions in the reply, RFC 2794 NAI echo) and the
   framing-only walk that finds the MN-HA authentication extension of a
   request the codec refused. */
#include "ha4_int.h"

#include <string.h>

#include "../core/rd.h"

int ha4_reply_send(mipfb_ha4 *ha, const ha4_reply_info *ri, const mipfb_pkt_info *from) {
  mipfb_mip4_msg r;
  mipfb_pkt_info to;
  mipfb_ssize n;
  uint32_t k = 0;
  memset(&r, 0, sizeof r);
  r.type = MIPFB_MIP4_RRP;
  r.code = ri->code;
  r.lifetime = ri->lifetime;
  r.hoa = ri->hoa;
  r.ha = ha->cfg.ha_addr;
  r.id = ri->id;
  if (ri->policy_node != HA4_NONE) {
    const ha4_node *node = &ha->nodes[ri->policy_node];
    uint32_t i;
    for (i = node->rule; i != HA4_NONE && k + 2u < ha->ext_cap; i = ha4_rule_at(ha, i)->next) {
      memset(&ha->ext[k], 0, sizeof ha->ext[k]);
      ha->ext[k].kind = MIPFB_MIP4_EXT_FLOW_BINDING;
      ha4_rule_to_fb(ha, ha4_rule_at(ha, i), &ha->ext[k].u.flow_binding);
      k++;
    }
  }
  if (ri->nai.len != 0) {
    memset(&ha->ext[k], 0, sizeof ha->ext[k]);
    ha->ext[k].kind = MIPFB_MIP4_EXT_NAI;
    ha->ext[k].u.nai = ri->nai;
    k++;
  }
  memset(&ha->ext[k], 0, sizeof ha->ext[k]);
  ha->ext[k].kind = MIPFB_MIP4_EXT_MN_HA_AUTH;
  ha->ext[k].u.auth.spi = ri->spi;
  ha->ext[k].u.auth.key = ri->key;
  k++;
  r.ext = ha->ext;
  r.n_ext = k;
  n = mipfb_mip4_encode(ha->reply, ha->reply_cap, &r, &ha->cp, NULL);
  if (n < 0) { /* not reached: every part was checked on the way in */
    agent_log(&ha->host, MIPFB_LOG_ERROR, "reply encoding failed", ri->hoa, 0, ri->code, (int)n);
    return MIPFB_ERR_INTERNAL;
  }
  memset(&to, 0, sizeof to);
  to.ifindex = from->ifindex;
  to.src = from->dst;
  to.dst = from->src;
  to.sport = from->dport;
  to.dport = from->sport;
  if (agent_send(&ha->host, ha->reply, (size_t)n, &to) != 0) {
    ha->stats.hook_failures++;
    return MIPFB_ERR_HOOK;
  }
  return ri->code;
}

mipfb_ssize ha4_find_mn_ha_auth(const mipfb_ha4 *ha, const uint8_t *msg, size_t len) {
  size_t off = MIPFB_MIP4_RRQ_LEN;
  while (off < len) {
    uint8_t t = msg[off];
    if (t == ha->cp.mip4_ext_multipath) { /* RFC 7629: long format, 16-bit Length */
      if (len - off < 4) {
        return -1;
      }
      off += 4u + mipfb_ld_be16(msg + off + 2);
      continue;
    }
    if (len - off < 2) {
      return -1;
    }
    if (t == MIPFB_MIP4_EXT_TYPE_MN_HA) {
      return msg[off + 1] >= 4 && len - off >= 2u + msg[off + 1] ? (mipfb_ssize)off : -1;
    }
    off += 2u + msg[off + 1]; /* simple TLV (the short format has the same framing) */
  }
  return -1;
}
