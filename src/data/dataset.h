/* A loaded and validated Alliance data file. */
#ifndef AR_DATASET_H
#define AR_DATASET_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"
#include "schema.h"
#include "xml-load.h"

typedef struct ar_dataset ar_dataset;

typedef struct {
  size_t members;        /* listed as members on the as-of date */
  size_t endorsed_only;  /* endorsed at launch, not on a later list */
  size_t targets, sources, actions, indicators;
} ar_dataset_counts;

/* Loads path, checks it against schema and the rules of checks.h. Returns
 * NULL when any error was found (all of them are in diag). Free the result
 * with ar_dataset_free(). */
ar_dataset *ar_dataset_load(const char *path, const ar_schema *schema,
                            ar_diag *diag);
void ar_dataset_free(ar_dataset *set);

/* Borrowed pointers, valid until the dataset is freed. */
xmlDocPtr ar_dataset_doc(const ar_dataset *set);
const ar_xml_file *ar_dataset_file(const ar_dataset *set);

ar_dataset_counts ar_dataset_count(const ar_dataset *set);

#endif
