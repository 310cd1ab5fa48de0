/* Safe loading of an XML data file: the file is opened and checked by us
 * (a regular file of bounded size, not compressed, no DOCTYPE), parsed by
 * libxml2 with network access off, and its XIncludes are resolved only
 * within the file's own folder. Every problem goes to an ar_diag. */
#ifndef AR_XML_LOAD_H
#define AR_XML_LOAD_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

/* Largest data file (and largest included file) accepted by default. */
#define AR_XML_MAX_BYTES ((size_t)1 << 30)

/* Most nodes (elements, attributes, text, comments) a data file may hold
 * with every part it includes, by default: 10,000 generated members hold
 * about 2,300,000. A file of more is refused, an included part before it is
 * copied in, so that a file including another many times over cannot
 * exhaust memory. */
#define AR_XML_DEFAULT_MAX_NODES ((size_t)10000000)

/* Sets the node limit of the loads that follow; 0 restores the default.
 * Process-wide: call it before loading. */
void ar_xml_set_max_nodes(size_t nodes);
size_t ar_xml_max_nodes(void);

typedef struct ar_xml_file ar_xml_file;

/* Parses path and processes its XIncludes. Returns NULL when any error was
 * recorded in diag; the caller frees the result with ar_xml_file_free(). */
ar_xml_file *ar_xml_load(const char *path, size_t max_bytes, ar_diag *diag);
void ar_xml_file_free(ar_xml_file *file);

/* The parsed document, owned by file. */
xmlDocPtr ar_xml_file_doc(const ar_xml_file *file);

/* The name to print in messages for problems at node: the data file's
 * path as given, or the included file the node came from. These position
 * helpers also take a NULL file, for documents made in memory: the name is
 * then the document's URL and the column unknown. */
const char *ar_xml_node_file(const ar_xml_file *file, const xmlNode *node);

/* Line and 1-based column of node, or of its attribute attr when attr is
 * not NULL, found in the file's text. col is 0 when it cannot be found. */
void ar_xml_node_position(const ar_xml_file *file, const xmlNode *node,
                          const char *attr, long *line, long *col);

/* Records an error at node (and attribute attr, which may be NULL). */
void ar_xml_error_at(const ar_xml_file *file, ar_diag *diag,
                     const xmlNode *node, const char *attr, const char *fmt,
                     ...) __attribute__((format(printf, 5, 6)));

/* Tells whether bytes [0, len) hold a DOCTYPE declaration before the
 * first element. */
int ar_xml_prolog_has_doctype(const char *bytes, size_t len);

/* Names a compression format recognised from the first bytes, or NULL. */
const char *ar_xml_compression_name(const unsigned char *bytes, size_t len);

#endif
