/* A brief document from the fuzzer's input, read as `alliance-report
 * render` reads one: loaded by the safe loader, checked against
 * data/brief.rng, then read into the tree of alliance-report/document.h. */
#ifndef AR_FUZZ_BRIEF_INPUT_H
#define AR_FUZZ_BRIEF_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "alliance-report/document.h"

/* Loads the schema (from the data folder, see data/datadir.h) once; aborts
 * when it cannot. */
void fuzz_brief_init(void);

/* The finished DOCUMENT of the input, to free with ar_node_free(), or NULL
 * when the input is no valid brief or larger than FUZZ_MAX_XML_BYTES. */
ar_node *fuzz_brief_read(const uint8_t *data, size_t size);

/* Tells whether text (size bytes, XML) is a valid brief: what the xml
 * writer writes must be. */
int fuzz_brief_valid(const char *text, size_t size);

#endif
