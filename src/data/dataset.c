#include "config.h"

#include "dataset.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"

struct ar_dataset {
  ar_xml_file *file;
};

ar_dataset *ar_dataset_load(const char *path, const ar_schema *schema,
                            ar_diag *diag) {
  size_t before = ar_diag_errors(diag);
  ar_xml_file *file = ar_xml_load(path, AR_XML_MAX_BYTES, diag);
  if (!file)
    return NULL;
  /* The precise checks run first so that the schema's vaguer reports on the
   * same elements can be left out. */
  ar_check_dataset(schema, file, diag);
  ar_schema_validate(schema, file, diag);
  ar_dataset *set = NULL;
  if (ar_diag_errors(diag) == before)
    set = calloc(1, sizeof *set);
  if (!set) {
    ar_xml_file_free(file);
    return NULL;
  }
  set->file = file;
  return set;
}

void ar_dataset_free(ar_dataset *set) {
  if (!set)
    return;
  ar_xml_file_free(set->file);
  free(set);
}

xmlDocPtr ar_dataset_doc(const ar_dataset *set) {
  return set ? ar_xml_file_doc(set->file) : NULL;
}

const ar_xml_file *ar_dataset_file(const ar_dataset *set) {
  return set ? set->file : NULL;
}

static int is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static size_t count_children(const xmlNode *parent, const char *name) {
  size_t n = 0;
  for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    n += is(c, name);
  return n;
}

static const xmlNode *child(const xmlNode *parent, const char *name) {
  for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (is(c, name))
      return c;
  return NULL;
}

ar_dataset_counts ar_dataset_count(const ar_dataset *set) {
  ar_dataset_counts k = {0};
  const xmlNode *root = xmlDocGetRootElement(ar_dataset_doc(set));
  if (!root)
    return k;
  k.targets = count_children(child(root, "targets"), "target");
  k.sources = count_children(child(root, "sources"), "source");
  const xmlNode *members = child(root, "members");
  for (const xmlNode *m = members ? members->children : NULL; m; m = m->next) {
    if (!is(m, "member"))
      continue;
    xmlChar *status = xmlGetNoNsProp(m, (const xmlChar *)"status");
    if (status && xmlStrEqual(status, (const xmlChar *)"member"))
      k.members++;
    else
      k.endorsed_only++;
    xmlFree(status);
    k.actions += count_children(child(m, "actions"), "action");
    k.indicators += count_children(child(m, "indicators"), "indicator");
  }
  return k;
}
