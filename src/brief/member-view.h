/* A small view of the data for one member's brief: the alliance with its
 * shared parts (sources, targets, measures, figures, events) and, under
 * <members>, only that member.
 *
 * libxslt walks the whole input document at the start of every
 * transformation, so running member.xsl on the full data costs O(members)
 * per brief and O(members^2) per batch; on the view it costs the size of
 * one member. Alliance-wide figures reach member.xsl as parameters. */
#ifndef AR_MEMBER_VIEW_H
#define AR_MEMBER_VIEW_H

#include <libxml/tree.h>

typedef struct ar_member_view ar_member_view;

/* Copies the shared parts of data once. NULL when out of memory. The view
 * does not refer to data afterwards. Free with ar_member_view_free(). */
ar_member_view *ar_member_view_new(xmlDocPtr data);
void ar_member_view_free(ar_member_view *view);

/* Puts a copy of member (a <member> of the data) in the view, replacing
 * the previous one, and returns the view's document, owned by the view and
 * valid until the next call. NULL when out of memory. */
xmlDocPtr ar_member_view_show(ar_member_view *view, const xmlNode *member);

#endif
