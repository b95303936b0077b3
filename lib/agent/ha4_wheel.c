/* MIPv4 home agent: the expiry wheel. One slot per second of the host
   clock (slot = second % n_slots); a binding's expiry is a whole second,
   so every binding of a slot expires at the same time. Expired bindings
   are removed before any new one is added (mipfb_ha4_input), so the wheel
   spans at most max_lifetime + 1 seconds and n_slots = max_lifetime + 2
   never puts two seconds in one slot. A bitmap of the non-empty slots
   finds the next one without looking at bindings; the earliest second is
   cached (next_s). */
#include "ha4_int.h"

#include <string.h>

void ha4_wheel_reset(mipfb_ha4 *ha) {
  uint32_t i;
  for (i = 0; i < ha->n_slots; i++) {
    ha->wheel[i] = HA4_NONE;
  }
  memset(ha->wheel_bits, 0, sizeof(uint64_t) * ((ha->n_slots + 63u) / 64u));
  ha->next_s = 0;
  ha->wheel_n = 0;
}

uint64_t ha4_expiry(uint64_t now_ms, uint32_t lifetime_s) {
  uint64_t e = agent_deadline_after_s(now_ms, lifetime_s);
  uint64_t r = e % 1000u;
  return r == 0 ? e : e - r + 1000u;
}

static uint32_t slot_of(const mipfb_ha4 *ha, uint64_t s) { return (uint32_t)(s % ha->n_slots); }

void ha4_wheel_add(mipfb_ha4 *ha, uint32_t b) {
  ha4_bind *x = &ha->binds[b];
  uint64_t s = x->expires / 1000u;
  uint32_t k = slot_of(ha, s);
  if (ha->wheel_n == 0 || s < ha->next_s) {
    ha->next_s = s;
  }
  ha->wheel_n++;
  x->wprev = HA4_NONE;
  x->wnext = ha->wheel[k];
  if (x->wnext != HA4_NONE) {
    ha->binds[x->wnext].wprev = b;
  }
  ha->wheel[k] = b;
  ha->wheel_bits[k / 64u] |= (uint64_t)1 << (k % 64u);
}

/* Earliest non-empty slot at or after second `from`, as a second. */
static uint64_t scan_from(const mipfb_ha4 *ha, uint64_t from) {
  uint32_t n = ha->n_slots;
  uint32_t k = slot_of(ha, from);
  uint32_t words = (n + 63u) / 64u;
  uint32_t w = k / 64u;
  uint64_t bits = ha->wheel_bits[w] & (~(uint64_t)0 << (k % 64u));
  uint32_t steps;
  for (steps = 0; steps <= words; steps++) {
    if (bits != 0) {
      uint32_t j = w * 64u;
      while ((bits & 1u) == 0) {
        bits >>= 1;
        j++;
      }
      return from + (j >= k ? j - k : n - k + j);
    }
    w = w + 1u < words ? w + 1u : 0;
    bits = ha->wheel_bits[w];
    if (w == k / 64u) { /* wrapped: only the bits below k are left */
      bits &= k % 64u == 0 ? 0 : ~(~(uint64_t)0 << (k % 64u));
    }
  }
  return from; /* not reached while a binding is in the wheel */
}

void ha4_wheel_remove(mipfb_ha4 *ha, uint32_t b) {
  ha4_bind *x = &ha->binds[b];
  uint64_t s = x->expires / 1000u;
  uint32_t k = slot_of(ha, s);
  if (x->wprev != HA4_NONE) {
    ha->binds[x->wprev].wnext = x->wnext;
  } else {
    ha->wheel[k] = x->wnext;
  }
  if (x->wnext != HA4_NONE) {
    ha->binds[x->wnext].wprev = x->wprev;
  }
  x->wprev = x->wnext = HA4_NONE;
  if (ha->wheel[k] == HA4_NONE) {
    ha->wheel_bits[k / 64u] &= ~((uint64_t)1 << (k % 64u));
    if (s == ha->next_s && ha->wheel_n > 1) {
      ha->next_s = scan_from(ha, s);
    }
  }
  ha->wheel_n--;
}

uint64_t ha4_wheel_next(const mipfb_ha4 *ha) {
  if (ha->wheel_n == 0) {
    return MIPFB_NO_DEADLINE;
  }
  return ha->next_s * 1000u;
}

uint32_t ha4_wheel_due(const mipfb_ha4 *ha, uint64_t now_ms) {
  if (ha->wheel_n == 0 || ha->next_s * 1000u > now_ms) {
    return HA4_NONE;
  }
  return ha->wheel[slot_of(ha, ha->next_s)];
}
