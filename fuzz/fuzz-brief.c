/* Fuzzes reading a brief document: the safe loader, data/brief.rng and
 * the reader of src/brief/brief-read.c, as `alliance-report render` runs
 * them before any plugin sees the brief. */
#include "config.h"

#include <stdint.h>

#include "brief-input.h"
#include "input-file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  fuzz_brief_init();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_XML_BYTES)
    return -1;
  ar_node_free(fuzz_brief_read(data, size));
  return 0;
}
