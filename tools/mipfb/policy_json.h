/*
 * The policy file of `mipfb classify` (cli.md): JSON -> a library policy,
 * plus the map from the library's rule ids back to indexes in "rules".
 */
#ifndef MIPFB_TOOL_POLICY_JSON_H
#define MIPFB_TOOL_POLICY_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <mipfb/policy.h>

/** A loaded policy file. */
typedef struct policy_file {
  mipfb_policy *pol; /**< the policy (in @c mem) */
  void *mem;         /**< malloc'd policy memory */
  uint32_t *ids;     /**< ids[i] = library rule id of rules[i] */
  size_t n_rules;    /**< entries in "rules" */
} policy_file;

/**
 * Read the policy file @p path ("-" is stdin) into @p pf with the hashing
 * seed @p seed. On failure @p err says what is wrong (file, JSON position
 * or field) and nothing needs freeing.
 * @return 0, or -1.
 */
int policy_load(const char *path, uint64_t seed, policy_file *pf, char *err, size_t errlen);

/** Index in "rules" of the library rule @p id, or -1. */
long policy_rule_index(const policy_file *pf, uint32_t id);

/** Release what policy_load allocated. */
void policy_free(policy_file *pf);

#endif /* MIPFB_TOOL_POLICY_JSON_H */
