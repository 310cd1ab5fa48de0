/* Wording for libxml2's parser errors that a reader of the data file can
 * act on. */
#ifndef AR_XML_ERRORS_H
#define AR_XML_ERRORS_H

#include <libxml/xmlerror.h>
#include <stddef.h>

/* Writes a one-line description of err into buf (always terminated). */
void ar_xml_describe_error(const xmlError *err, char *buf, size_t size);

#endif
