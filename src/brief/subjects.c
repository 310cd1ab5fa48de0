#include "config.h"

#include "subjects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/formats.h"
#include "messages.h"

static int is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is(c, name))
      return c;
  return NULL;
}

static int compare_counts(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

void ar_build_median_actions(const xmlNode *root, char *buf, size_t size, char *count,
                             size_t count_size, char *total, size_t total_size) {
  size_t n = 0, cap = 0, *counts = NULL, sum = 0;
  for (const xmlNode *m = child(child(root, "members"), "member"); m; m = m->next) {
    if (!is(m, "member"))
      continue;
    xmlChar *status = xmlGetNoNsProp(m, (const xmlChar *)"status");
    int listed = status && xmlStrEqual(status, (const xmlChar *)"member");
    xmlFree(status);
    if (!listed)
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      size_t *grown = realloc(counts, cap * sizeof *grown);
      if (!grown)
        break;
      counts = grown;
    }
    size_t k = 0;
    for (const xmlNode *a = child(child(m, "actions"), "action"); a; a = a->next)
      k += is(a, "action");
    counts[n++] = k;
    sum += k;
  }
  buf[0] = '\0';
  snprintf(count, count_size, "%zu", n);
  snprintf(total, total_size, "%zu", sum);
  /* With no action anywhere there is nothing to compare with. */
  if (n && sum) {
    qsort(counts, n, sizeof *counts, compare_counts);
    double median = n % 2 ? (double)counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
    snprintf(buf, size, "%g", median);
  }
  free(counts);
}

/* A member code in capitals, the key of the member index (-m takes codes in
 * any case). */
static void fold_code(char *buf, size_t size, const char *code) {
  size_t i = 0;
  for (; code[i] && i + 1 < size; i++)
    buf[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
  buf[i] = '\0';
}

const char *ar_member_code(const xmlNode *m) {
  const xmlAttr *a = xmlHasProp(m, (const xmlChar *)"code");
  return a && a->children && a->children->content ? (const char *)a->children->content : NULL;
}

xmlHashTablePtr ar_members_index(const xmlNode *root) {
  xmlHashTablePtr index = xmlHashCreate(1024);
  char key[64];
  for (const xmlNode *m = child(child(root, "members"), "member"); index && m; m = m->next) {
    const char *code = is(m, "member") ? ar_member_code(m) : NULL;
    if (code) {
      fold_code(key, sizeof key, code);
      xmlHashAddEntry(index, (const xmlChar *)key, (void *)m);
    }
  }
  return index;
}

/* " AL AM AT ...": the codes of the members (malloc'd), or NULL. */
static char *member_codes(const xmlNode *members) {
  char *codes = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&codes, &len);
  if (!out)
    return NULL;
  for (const xmlNode *m = child(members, "member"); m; m = m->next)
    if (is(m, "member") && ar_member_code(m))
      fprintf(out, " %s", ar_member_code(m));
  if (fclose(out) != 0) {
    free(codes);
    return NULL;
  }
  return codes;
}

int ar_members_pick(const xmlNode *root, xmlHashTablePtr index, const char *list,
                    const xmlNode ***picked, size_t *n) {
  const xmlNode *members = child(root, "members");
  *n = 0;
  *picked = NULL;
  size_t nasked = 0;
  char **asked = list ? ar_split_list(list, &nasked) : NULL;
  int rc = 0;
  if (!list) {
    for (const xmlNode *m = child(members, "member"); m; m = m->next) {
      xmlChar *status = is(m, "member") ? xmlGetNoNsProp(m, (const xmlChar *)"status") : NULL;
      if (status && xmlStrEqual(status, (const xmlChar *)"member") && ar_member_code(m)) {
        const xmlNode **grown = realloc(*picked, (*n + 1) * sizeof *grown);
        if (grown) {
          *picked = grown;
          (*picked)[(*n)++] = m;
        }
      }
      xmlFree(status);
    }
  } else if ((*picked = calloc(nasked ? nasked : 1, sizeof **picked))) {
    char key[64];
    for (size_t i = 0; i < nasked && rc == 0; i++) {
      fold_code(key, sizeof key, asked[i]);
      const xmlNode *m = index ? xmlHashLookup(index, (const xmlChar *)key) : NULL;
      if (m) {
        (*picked)[(*n)++] = m;
        continue;
      }
      char *codes = member_codes(members);
      ar_msg_error("no member has the code '%s'. Member codes:%s", asked[i], codes ? codes : "");
      free(codes);
      rc = -1;
    }
  }
  ar_free_list(asked, nasked);
  return rc;
}

const char **ar_target_ids(const xmlNode *root, size_t *n) {
  *n = 0;
  const char **ids = NULL;
  for (const xmlNode *t = child(child(root, "targets"), "target"); t; t = t->next) {
    const xmlAttr *id = is(t, "target") ? xmlHasProp(t, (const xmlChar *)"id") : NULL;
    const char *value = id && id->children ? (const char *)id->children->content : NULL;
    if (!value)
      continue;
    const char **grown = realloc(ids, (*n + 1) * sizeof *grown);
    if (!grown)
      break;
    ids = grown;
    ids[(*n)++] = value;
  }
  return ids;
}
