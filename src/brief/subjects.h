/* subjects.h: what a build takes from the loaded data: the members whose
 * briefs are asked for, the targets, and the numbers member briefs compare
 * with (median actions, member count). Nodes and strings returned are
 * borrowed from the data document. */
#ifndef AR_SUBJECTS_H
#define AR_SUBJECTS_H

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <stddef.h>

/* The median number of actions of the members listed as members into buf
 * ("" when there are no such members, or none of them has an action), how
 * many they are into count, and how many actions they have in all into
 * total. */
void ar_build_median_actions(const xmlNode *root, char *buf, size_t size, char *count,
                             size_t count_size, char *total, size_t total_size);

/* A <member>'s code, or NULL. */
const char *ar_member_code(const xmlNode *member);

/* The <member>s by code in capitals; free with xmlHashFree(index, NULL). */
xmlHashTablePtr ar_members_index(const xmlNode *root);

/* The members whose briefs are asked for: those of list (codes in any
 * case, comma-separated, looked up in index), or every member listed as a
 * member when list is NULL. *picked is malloc'd. Returns -1 after an error
 * message naming an unknown code and listing the valid ones. */
int ar_members_pick(const xmlNode *root, xmlHashTablePtr index, const char *list,
                    const xmlNode ***picked, size_t *n);

/* The ids of the targets, in document order, as a malloc'd array. */
const char **ar_target_ids(const xmlNode *root, size_t *n);

#endif
