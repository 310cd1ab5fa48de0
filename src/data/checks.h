/* Checks of an Alliance data file beyond what its schema can say:
 * attributes named precisely, unique ids and member codes, references to
 * sources and targets that exist, real dates in a sane range, members who
 * cannot have joined when the data says they did; and, as warnings,
 * sources nothing cites and quotations that do not name their one source. */
#ifndef AR_CHECKS_H
#define AR_CHECKS_H

#include "diag.h"
#include "schema.h"
#include "xml-load.h"

/* Records every problem found in diag; returns how many errors. */
size_t ar_check_dataset(const ar_schema *schema, const ar_xml_file *file,
                        ar_diag *diag);

#endif
