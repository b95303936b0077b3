/* Foreign agent: the table of requests awaiting their home agent's reply
   (hash by (home address, low 32 bits of Identification), FIFO by
   expiry, free list). */
#include "fa4_int.h"

#include <string.h>

uint32_t fa4_pen_find(const mipfb_fa4 *fa, uint32_t hoa, uint32_t id_low) {
  uint32_t i;
  for (i = fa->pen_head[fa4_pen_bucket(fa, hoa, id_low)]; i != FA4_NIL; i = fa->pen[i].hnext) {
    if (fa->pen[i].hoa == hoa && fa->pen[i].id_low == id_low) {
      return i;
    }
  }
  return FA4_NIL;
}

static void fifo_unlink(mipfb_fa4 *fa, uint32_t i) {
  fa4_pending *p = &fa->pen[i];
  if (p->oprev != FA4_NIL) {
    fa->pen[p->oprev].onext = p->onext;
  } else {
    fa->pen_first = p->onext;
  }
  if (p->onext != FA4_NIL) {
    fa->pen[p->onext].oprev = p->oprev;
  } else {
    fa->pen_last = p->oprev;
  }
  p->oprev = FA4_NIL;
  p->onext = FA4_NIL;
}

static void fifo_append(mipfb_fa4 *fa, uint32_t i) {
  fa4_pending *p = &fa->pen[i];
  p->onext = FA4_NIL;
  p->oprev = fa->pen_last;
  if (fa->pen_last != FA4_NIL) {
    fa->pen[fa->pen_last].onext = i;
  } else {
    fa->pen_first = i;
  }
  fa->pen_last = i;
}

uint32_t fa4_pen_alloc(mipfb_fa4 *fa, uint32_t hoa, uint32_t id_low) {
  uint32_t i = fa->pen_free, b;
  fa4_pending *p;
  if (i == FA4_NIL) {
    return FA4_NIL;
  }
  p = &fa->pen[i];
  fa->pen_free = p->hnext;
  memset(p, 0, sizeof *p);
  p->used = 1;
  p->hoa = hoa;
  p->id_low = id_low;
  b = fa4_pen_bucket(fa, hoa, id_low);
  p->hnext = fa->pen_head[b];
  fa->pen_head[b] = i;
  p->oprev = FA4_NIL;
  p->onext = FA4_NIL;
  fifo_append(fa, i);
  fa->n_pen++;
  return i;
}

void fa4_pen_touch(mipfb_fa4 *fa, uint32_t i, uint64_t expires_ms) {
  fifo_unlink(fa, i);
  fa->pen[i].expires_ms = expires_ms;
  fifo_append(fa, i);
}

void fa4_pen_release(mipfb_fa4 *fa, uint32_t i) {
  fa4_pending *p = &fa->pen[i];
  uint32_t *link = &fa->pen_head[fa4_pen_bucket(fa, p->hoa, p->id_low)];
  while (*link != i) {
    link = &fa->pen[*link].hnext;
  }
  *link = p->hnext;
  fifo_unlink(fa, i);
  fa4_pen_unreserve(fa, i);
  p->used = 0;
  p->hnext = fa->pen_free;
  fa->pen_free = i;
  fa->n_pen--;
}

int fa4_pen_reserve(mipfb_fa4 *fa, uint32_t i) {
  if (fa->pen[i].reserve) {
    return 0;
  }
  if (fa->n_vis + fa->n_reserved >= fa->cfg.max_visitors) {
    return MIPFB_ERR_TABLE_FULL;
  }
  fa->pen[i].reserve = 1;
  fa->n_reserved++;
  return 0;
}

void fa4_pen_unreserve(mipfb_fa4 *fa, uint32_t i) {
  if (fa->pen[i].reserve) {
    fa->pen[i].reserve = 0;
    fa->n_reserved--;
  }
}
