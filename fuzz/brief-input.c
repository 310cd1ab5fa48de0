#include "config.h"

#include "brief-input.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>

#include "brief/brief-read.h"
#include "data/datadir.h"
#include "data/schema.h"
#include "data/xml-load.h"
#include "input-file.h"

static ar_schema *schema;
static FILE *null; /* where the messages go: printing them is tested too */

static void free_schema(void) {
  ar_schema_free(schema);
  fclose(null);
}

void fuzz_brief_init(void) {
  if (schema)
    return;
  xmlInitParser();
  ar_diag *diag = ar_diag_new(0);
  char *rng = ar_datadir_file("brief.rng");
  schema = rng && diag ? ar_schema_load(rng, diag) : NULL;
  if (!schema) {
    ar_diag_print(diag, stderr);
    fprintf(stderr, "fuzz: cannot load %s\n", rng ? rng : "brief.rng");
    abort();
  }
  free(rng);
  ar_diag_free(diag);
  if (!(null = fopen("/dev/null", "w")))
    abort();
  atexit(free_schema);
}

/* As cmd-render.c's load_brief(). */
static ar_node *read_brief(const uint8_t *data, size_t size) {
  const char *path = fuzz_input_file(data, size);
  ar_diag *diag = ar_diag_new(50);
  if (!diag)
    return NULL;
  ar_node *doc = NULL;
  ar_xml_file *file = ar_xml_load(path, AR_XML_MAX_BYTES, diag);
  if (file) {
    ar_schema_check_all_attributes(schema, file, xmlDocGetRootElement(ar_xml_file_doc(file)), diag);
    ar_schema_validate(schema, file, diag);
    if (ar_diag_errors(diag) == 0)
      doc = ar_brief_read(ar_xml_file_doc(file), path, diag);
  }
  ar_diag_print(diag, null);
  ar_xml_file_free(file);
  ar_diag_free(diag);
  return doc;
}

ar_node *fuzz_brief_read(const uint8_t *data, size_t size) {
  return size <= FUZZ_MAX_XML_BYTES ? read_brief(data, size) : NULL;
}

int fuzz_brief_valid(const char *text, size_t size) {
  ar_node *doc = read_brief((const uint8_t *)text, size);
  ar_node_free(doc);
  return doc != NULL;
}
