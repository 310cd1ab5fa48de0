/* Reading a brief document (data/brief.rng) from XML into the tree of
 * alliance-report/document.h. */
#ifndef AR_BRIEF_READ_H
#define AR_BRIEF_READ_H

#include <libxml/tree.h>

#include "alliance-report/document.h"
#include "data/xml-load.h"
#include "diag.h"

/* Lists, notes and quotes nest at most this deep: a block inside this many
 * of them is the deepest a brief may have. */
#define AR_BRIEF_MAX_NESTING 8

/* Builds the tree of a brief that has passed brief.rng. Problems beyond the
 * schema (a citation of an unknown reference, a duplicate reference id,
 * sections nested more than 6 deep, lists, notes and quotes nested more
 * than AR_BRIEF_MAX_NESTING deep, a date that is no calendar day, a word
 * given twice or with other placeholders than its key's) go to diag under
 * the name `name`, with their line. Returns a finished DOCUMENT the caller
 * frees with ar_node_free(), or NULL. */
ar_node *ar_brief_read(xmlDocPtr doc, const char *name, ar_diag *diag);

/* The same for a brief read from a file: problems carry the name of the
 * file they are in and their column too. */
ar_node *ar_brief_read_file(const ar_xml_file *file, ar_diag *diag);

#endif
