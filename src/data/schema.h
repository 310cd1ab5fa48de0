/* The RelaxNG schema of the data format, and the attribute rules read
 * from it so that problems with attributes can be named precisely. */
#ifndef AR_SCHEMA_H
#define AR_SCHEMA_H

#include <libxml/tree.h>

#include "diag.h"
#include "xml-load.h"

typedef struct ar_schema ar_schema;

/* Loads the schema file at rng_path. Returns NULL (with the reason in diag)
 * when it cannot be read or compiled. Free with ar_schema_free(). */
ar_schema *ar_schema_load(const char *rng_path, ar_diag *diag);
void ar_schema_free(ar_schema *schema);

/* Validates the document of file against the schema. Problems that the
 * attribute rules below describe better are left out when diag already
 * holds an error on the same line, so call this after those checks.
 * Returns the number of errors recorded. */
size_t ar_schema_validate(const ar_schema *schema, const ar_xml_file *file,
                          ar_diag *diag);

/* Validates a document made in memory (file NULL in the functions above:
 * messages carry the document's URL). Runs the attribute checks on every
 * element first. Returns the number of errors recorded. */
size_t ar_schema_validate_doc(const ar_schema *schema, xmlDocPtr doc, ar_diag *diag);

/* Checks node's attributes against the schema's rules for its element:
 * required ones present, no unknown ones, enumerated values allowed.
 * Returns the number of errors recorded. */
size_t ar_schema_check_attributes(const ar_schema *schema,
                                  const ar_xml_file *file,
                                  const xmlNode *node, ar_diag *diag);

/* ar_schema_check_attributes() on node, its following siblings and
 * everything below them. */
void ar_schema_check_all_attributes(const ar_schema *schema, const ar_xml_file *file,
                                    const xmlNode *node, ar_diag *diag);

#endif
