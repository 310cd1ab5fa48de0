/* Fuzzes reading a data file as `alliance-report validate` does: the safe
 * loader, the checks beyond the schema and data/alliance.rng, the counts
 * and the printed messages. XIncludes can reach only the input itself. */
#include "config.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "data/datadir.h"
#include "data/dataset.h"
#include "data/schema.h"
#include "input-file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ar_schema *schema;
static FILE *null;

static void done(void) {
  ar_schema_free(schema);
  fclose(null);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  xmlInitParser();
  ar_diag *diag = ar_diag_new(0);
  char *rng = ar_datadir_file(AR_SCHEMA_FILE);
  schema = rng && diag ? ar_schema_load(rng, diag) : NULL;
  null = fopen("/dev/null", "w");
  if (!schema || !null) {
    ar_diag_print(diag, stderr);
    fprintf(stderr, "fuzz-load: cannot load %s\n", rng ? rng : AR_SCHEMA_FILE);
    abort();
  }
  free(rng);
  ar_diag_free(diag);
  atexit(done);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_XML_BYTES)
    return -1;
  ar_diag *diag = ar_diag_new(50);
  if (!diag)
    return 0;
  ar_dataset *set = ar_dataset_load(fuzz_input_file(data, size), schema, diag);
  if (set) {
    ar_dataset_counts k = ar_dataset_count(set);
    fprintf(null, "%zu %zu %zu\n", k.members, k.targets, k.indicators);
  }
  ar_diag_print(diag, null);
  ar_dataset_free(set);
  ar_diag_free(diag);
  return 0;
}
