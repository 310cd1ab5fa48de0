/* Reading a brief document (data/brief.rng) from XML into the tree of
 * alliance-report/document.h. */
#ifndef AR_BRIEF_READ_H
#define AR_BRIEF_READ_H

#include <libxml/tree.h>

#include "alliance-report/document.h"
#include "diag.h"

/* Builds the tree of a brief that has passed brief.rng. Problems beyond the
 * schema (a citation of an unknown reference, a duplicate reference id,
 * sections nested more than 6 deep, a word given twice or with other
 * placeholders than its key's) go to diag under the name `name`.
 * Returns a finished DOCUMENT the caller frees with ar_node_free(), or
 * NULL. */
ar_node *ar_brief_read(xmlDocPtr doc, const char *name, ar_diag *diag);

#endif
