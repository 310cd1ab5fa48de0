/* The fuzzer's input as a file. The data loader reads only files (it maps
 * them, checks their type and size, and resolves XIncludes against their
 * folder), so each input is written to one file in a private folder made
 * on first use and removed at exit. */
#ifndef AR_FUZZ_INPUT_FILE_H
#define AR_FUZZ_INPUT_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Largest XML input the harnesses read; larger ones are skipped, as
 * libxml2's own fuzzers bound theirs. The seeds are below 40 KB. */
#define FUZZ_MAX_XML_BYTES 100000

/* Writes data to the input file and returns its path. Aborts when the file
 * cannot be written: no input could be tested. */
const char *fuzz_input_file(const uint8_t *data, size_t size);

#endif
