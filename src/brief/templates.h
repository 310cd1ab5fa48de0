/* Brief templates: XSLT stylesheets that turn the data into brief
 * documents, run with libxslt locked down (no writes, no network, reads
 * only of regular files under the template and data folders, bounded
 * recursion, work and memory: templates/briefs/README.md). */
#ifndef AR_TEMPLATES_H
#define AR_TEMPLATES_H

#include <libxml/tree.h>

#include "alliance-report/document.h"
#include "diag.h"
#include "data/schema.h"

typedef enum { AR_BRIEF_SUMMARY, AR_BRIEF_MEMBER, AR_BRIEF_TARGET, AR_BRIEF_KINDS } ar_brief_kind;

/* "summary", "member", "target". */
const char *ar_brief_kind_name(ar_brief_kind kind);

typedef struct ar_templates ar_templates;

/* Opens the templates in dir (NULL: $ALLIANCE_REPORT_TEMPLATES, else the
 * installed ones, else the source tree's). Reads of document() are allowed
 * under dir and data_dir. brief_schema checks every brief written; it must
 * outlive the templates. Free with ar_templates_free(). */
ar_templates *ar_templates_open(const char *dir, const char *data_dir,
                                const ar_schema *brief_schema, ar_diag *diag);
void ar_templates_free(ar_templates *t);

/* The folder the templates come from. */
const char *ar_templates_dir(const ar_templates *t);
/* The stylesheet file of kind (malloc'd path). */
char *ar_templates_file(const ar_templates *t, ar_brief_kind kind);

/* Runs the template of kind on data with params (name, value, name,
 * value, ..., NULL; values are plain strings). Returns the brief's XML,
 * validated against the brief schema, or NULL with the reasons in diag
 * naming the template file and line. The caller frees it with
 * xmlFreeDoc(). While it runs, libxml2 allocates through functions that
 * count its memory (xmlMemSetup()), so no other thread may use libxml2. */
xmlDocPtr ar_templates_run(ar_templates *t, ar_brief_kind kind, xmlDocPtr data,
                           const char *const *params, ar_diag *diag);

/* Readies data, which every later run reads and nothing changes, for
 * many runs: counts its nodes (for the limits of a run) and numbers its
 * elements in document order once. A run on it then leaves the data
 * untouched, so that workers forked afterwards share its pages instead
 * of copying them. data stays the caller's and must outlive t's runs. */
void ar_templates_prepare(ar_templates *t, xmlDocPtr data);

#endif
