/* alliance-report/document.h: the brief document, a format-neutral tree.
 *
 * A brief is a tree of nodes: one DOCUMENT at the root, blocks below it
 * (sections, paragraphs, lists, tables, key figures, charts, notes,
 * quotes) and inlines inside text blocks (text, emphasis, strong, links,
 * citations, line breaks). Nodes are opaque; read them with the accessors
 * below, which check the node's type and return 0, NULL or a neutral value
 * when asked about a node of another type.
 *
 * Ownership: the tree owns its nodes and every string they hold. Strings
 * and nodes returned by accessors are borrowed: valid until the tree is
 * freed, never to be freed by the caller. Strings are UTF-8. Functions that
 * take strings copy them. Output plugins receive the tree read-only.
 */
#ifndef ALLIANCE_REPORT_DOCUMENT_H
#define ALLIANCE_REPORT_DOCUMENT_H

#include "export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The values of ar_node_type, ar_align, ar_chart_kind, ar_event and ar_word
 * are part of the plugin ABI: new values are only ever appended, existing
 * ones never renumbered. */
typedef enum {
  AR_NODE_NONE = 0,

  /* Blocks. */
  AR_NODE_DOCUMENT = 1,  /* the root; holds blocks */
  AR_NODE_SECTION = 2,   /* numbered heading and its blocks, sections nest */
  AR_NODE_PARAGRAPH = 3, /* inlines */
  AR_NODE_LIST = 4,      /* ITEMs; bullet or numbered */
  AR_NODE_ITEM = 5,      /* blocks */
  AR_NODE_TABLE = 6,     /* ROWs: header rows first, then body rows */
  AR_NODE_ROW = 7,       /* CELLs */
  AR_NODE_CELL = 8,      /* inlines */
  AR_NODE_FIGURES = 9,   /* key figures: FIGUREs */
  AR_NODE_FIGURE = 10,   /* one key figure: label, value, change (a leaf) */
  AR_NODE_CHART = 11,    /* bar or line chart (a leaf: data via accessors) */
  AR_NODE_NOTE = 12,     /* a call-out: blocks */
  AR_NODE_QUOTE = 13,    /* a quotation with its attribution: blocks */

  /* Inlines. */
  AR_NODE_TEXT = 14,   /* literal text (a leaf) */
  AR_NODE_EMPH = 15,   /* inlines */
  AR_NODE_STRONG = 16, /* inlines */
  AR_NODE_LINK = 17,   /* inlines other than links, with a URL */
  AR_NODE_CITE = 18,   /* citation of a reference (a leaf); writers number it */
  AR_NODE_BREAK = 19,  /* line break (a leaf) */

  AR_NODE_FIRST_BLOCK = AR_NODE_DOCUMENT,
  AR_NODE_LAST_BLOCK = AR_NODE_QUOTE,
  AR_NODE_FIRST_INLINE = AR_NODE_TEXT,
  AR_NODE_LAST_INLINE = AR_NODE_BREAK
} ar_node_type;

typedef enum { AR_ALIGN_LEFT, AR_ALIGN_CENTER, AR_ALIGN_RIGHT } ar_align;
typedef enum { AR_CHART_BAR, AR_CHART_LINE } ar_chart_kind;
typedef enum { AR_EVENT_NONE, AR_EVENT_DONE, AR_EVENT_ENTER, AR_EVENT_EXIT } ar_event;

typedef struct ar_node ar_node;
typedef struct ar_iter ar_iter;

/* ---- any node -------------------------------------------------------------- */

AR_API ar_node_type ar_node_get_type(const ar_node *node);
/* The type's name as in the brief XML ("section", "text"...); "none". */
AR_API const char *ar_node_type_name(ar_node_type type);
/* Tells whether nodes of this type have no children and get no EXIT. */
AR_API int ar_node_type_is_leaf(ar_node_type type);
AR_API int ar_node_is_block(const ar_node *node);
AR_API int ar_node_is_inline(const ar_node *node);

AR_API const ar_node *ar_node_parent(const ar_node *node);
AR_API const ar_node *ar_node_first_child(const ar_node *node);
AR_API const ar_node *ar_node_last_child(const ar_node *node);
AR_API const ar_node *ar_node_next(const ar_node *node);
AR_API const ar_node *ar_node_previous(const ar_node *node);
/* The DOCUMENT at the root of node's tree, or NULL for a detached node. */
AR_API const ar_node *ar_node_document(const ar_node *node);

/* Every text below node, concatenated (breaks become spaces), as a new
 * string the caller frees with free(). NULL when out of memory. */
AR_API char *ar_node_plain_text(const ar_node *node);

/* ---- DOCUMENT ------------------------------------------------------------------ */

/* Title block. Each may be NULL except the title. */
AR_API const char *ar_document_title(const ar_node *doc);
AR_API const char *ar_document_subtitle(const ar_node *doc);
AR_API const char *ar_document_date(const ar_node *doc);      /* YYYY-MM-DD */
AR_API const char *ar_document_language(const ar_node *doc);  /* BCP 47, "en" */
AR_API const char *ar_document_author(const ar_node *doc);
AR_API const char *ar_document_publisher(const ar_node *doc);
AR_API const char *ar_document_marking(const ar_node *doc);   /* "OFFICIAL" */
/* Which brief this is, when alliance-report build wrote it: its kind,
 * "summary", "member" or "target", and its subject, the member's code
 * ("FR") or the target's id ("victims"; NULL for the summary). Both NULL
 * for a brief read from a file (render). Since ABI 1.1. */
AR_API const char *ar_document_kind(const ar_node *doc);
AR_API const char *ar_document_subject(const ar_node *doc);

/* The references citations point to. Index from 0. */
AR_API size_t ar_document_reference_count(const ar_node *doc);
AR_API const char *ar_document_reference_id(const ar_node *doc, size_t i);
AR_API const char *ar_document_reference_text(const ar_node *doc, size_t i);
AR_API const char *ar_document_reference_url(const ar_node *doc, size_t i); /* or NULL */

/* Citations are numbered 1, 2, ... in the order their references are first
 * cited in the document. Returns how many distinct references are cited. */
AR_API size_t ar_document_cited_count(const ar_node *doc);
/* The index (for ar_document_reference_*) of the reference numbered n
 * (1-based), or (size_t)-1. */
AR_API size_t ar_document_cited_reference(const ar_node *doc, size_t n);

/* ---- DOCUMENT: wording ------------------------------------------------------- */

/* The fixed words a brief shows besides what its template wrote: the
 * headings, labels and footers the writers add. The template gives them
 * in the brief (brief XML: <wording><notes>Notes</notes>...</wording>);
 * a word the brief does not give is the English one below.
 *
 * Some words hold placeholders, "{name}", that writers fill in with
 * ar_layout_fill() (alliance-report/layout.h). A word must use every
 * placeholder of its key, and no other; ar_document_set_word() refuses
 * one that does not, so ar_document_word() only ever returns words that
 * fill in completely. */
typedef enum {
  AR_WORD_CONTENTS,          /* "Contents": the table of contents */
  AR_WORD_NOTES,             /* "Notes": the cited references at the end */
  AR_WORD_PAGE,              /* "Page {page} of {pages}": the page footer */
  AR_WORD_NO_DATA,           /* "no data": a chart's missing value */
  AR_WORD_CHART_DATA,        /* "The chart’s data": a chart's values as a table */
  AR_WORD_SKIP_LINK,         /* "Skip to the brief": past the page's head */
  AR_WORD_CITATION,          /* "source {source}": a citation, read aloud */
  AR_WORD_BACK_TO_TEXT,      /* "back to the text citing source {source}" */
  AR_WORD_BACK_TO_CITATION,  /* "back to citation {citation}": one of several */
  AR_WORD_TABLE_LABEL,       /* "Table {table}": a table without caption */
  AR_WORD_BAR_CHART,         /* "Bar chart": a chart described in words */
  AR_WORD_LINE_CHART,        /* "Line chart" */
  AR_WORD_CHART_UNIT,        /* "values in {unit}" */
  AR_WORD_CHART_SIZE,        /* "{categories} categories" */
  AR_WORD_CHART_SIZE_SERIES, /* "{categories} categories and {series} series" */
  AR_WORD_CHART_RANGE,       /* "from {min} to {max}" */
  AR_WORD_CHART_TABLE,       /* "The table after the chart lists every value." */
  AR_WORD_COLOPHON,          /* "Made with {generator}." */
  AR_WORD_KEYWORDS,          /* "Global Alliance against child sexual abuse
                                online": the document's keywords */
  AR_WORD_MONTHS,            /* "January, February, ..., December": the
                                twelve names, separated by commas */
  AR_WORD_LONG_DATE          /* "{day} {month} {year}": a date in words */
} ar_word;

/* The brief's word for key, or the English one when the brief gives none;
 * "" for a key this library does not know. Never NULL; doc may be NULL
 * (English). */
AR_API const char *ar_document_word(const ar_node *doc, ar_word key);
/* The brief's own word for key, or NULL when it gives none. */
AR_API const char *ar_document_word_given(const ar_node *doc, ar_word key);
/* The key's name in brief XML ("notes", "no-data"), or NULL for a value
 * past the last key: for (k = 0; ar_document_word_name(k); k++) visits
 * every key. */
AR_API const char *ar_document_word_name(ar_word key);
/* Stores the key named name in *key and returns 1, or returns 0. */
AR_API int ar_document_word_key(const char *name, ar_word *key);
/* The key's placeholders, space-separated ("page pages"); "" for none,
 * NULL for an unknown key. */
AR_API const char *ar_document_word_placeholders(ar_word key);
/* Tells whether value may word key: 1, or 0 with the reason in why (a
 * sentence without the key's name, at most n bytes, when why is not
 * NULL): an empty word, a placeholder the key does not have, one of its
 * placeholders missing, or months that are not twelve names. */
AR_API int ar_document_word_check(ar_word key, const char *value, char *why, size_t n);

/* ---- SECTION --------------------------------------------------------------- */

/* The level is the section's depth, set by ar_document_finish(). */
AR_API int ar_section_level(const ar_node *section);      /* 1 to 6; 0 otherwise */
AR_API const char *ar_section_id(const ar_node *section);  /* for anchors; never NULL */
AR_API const char *ar_section_title(const ar_node *section);
/* "2.1" style number from the section's position among its siblings. */
AR_API const char *ar_section_number(const ar_node *section);

/* ---- LIST ------------------------------------------------------------------ */

AR_API int ar_list_is_numbered(const ar_node *list);
AR_API int ar_list_start(const ar_node *list); /* first number, 1 by default */

/* ---- TABLE, ROW ---------------------------------------------------------------- */

AR_API const char *ar_table_caption(const ar_node *table); /* or NULL */
AR_API size_t ar_table_column_count(const ar_node *table);
AR_API ar_align ar_table_column_align(const ar_node *table, size_t column);
AR_API int ar_table_column_is_numeric(const ar_node *table, size_t column);
AR_API size_t ar_table_header_row_count(const ar_node *table);
AR_API int ar_row_is_header(const ar_node *row);

/* ---- FIGURE ---------------------------------------------------------------- */

AR_API const char *ar_figure_label(const ar_node *figure);
AR_API const char *ar_figure_value(const ar_node *figure);
AR_API const char *ar_figure_change(const ar_node *figure); /* or NULL */

/* ---- CHART ------------------------------------------------------------------ */

AR_API ar_chart_kind ar_chart_get_kind(const ar_node *chart);
AR_API const char *ar_chart_title(const ar_node *chart);
AR_API const char *ar_chart_unit(const ar_node *chart); /* or NULL */
AR_API size_t ar_chart_category_count(const ar_node *chart);
AR_API const char *ar_chart_category(const ar_node *chart, size_t i);
AR_API size_t ar_chart_series_count(const ar_node *chart);
AR_API const char *ar_chart_series_name(const ar_node *chart, size_t s);
/* Stores series s's value for category i in *value and returns 1, or
 * returns 0 when that value is missing. Values may be negative. */
AR_API int ar_chart_value(const ar_node *chart, size_t s, size_t i, double *value);
/* The largest and smallest values present (0 and 0 for an empty chart). */
AR_API void ar_chart_range(const ar_node *chart, double *min, double *max);

/* ---- NOTE, QUOTE --------------------------------------------------------------- */

AR_API const char *ar_note_title(const ar_node *note);           /* or NULL */
AR_API const char *ar_quote_attribution(const ar_node *quote);   /* or NULL */

/* ---- inlines ---------------------------------------------------------------- */

AR_API const char *ar_text_literal(const ar_node *text);
AR_API const char *ar_link_url(const ar_node *link);
AR_API const char *ar_cite_reference_id(const ar_node *cite);
/* The citation's number (1-based), as for ar_document_cited_reference. */
AR_API size_t ar_cite_number(const ar_node *cite);

/* ---- iteration -------------------------------------------------------------- */

/* Walks the tree below and including root: ENTER for every node, EXIT for
 * every node that is not a leaf after its children, DONE at the end.
 * Free with ar_iter_free(). NULL when out of memory. */
AR_API ar_iter *ar_iter_new(const ar_node *root);
AR_API void ar_iter_free(ar_iter *iter);
AR_API ar_event ar_iter_next(ar_iter *iter);
AR_API const ar_node *ar_iter_node(const ar_iter *iter);
AR_API ar_event ar_iter_event(const ar_iter *iter);
/* After an ENTER, skips the node's children: the next event is its EXIT. */
AR_API void ar_iter_skip_children(ar_iter *iter);

/* ---- building (for readers of brief XML and for tests) ------------------ */

/* Creates a detached node; free with ar_node_free() unless it is appended
 * to a tree, which then owns it. NULL for AR_NODE_NONE or out of memory. */
AR_API ar_node *ar_node_new(ar_node_type type);
/* Frees node and everything below it; unlinks it from its parent first. */
AR_API void ar_node_free(ar_node *node);
/* Appends child to parent. Returns 1, or 0 when parent may not contain a
 * node of child's type (the tree is then unchanged and the caller still
 * owns child) or child already has a parent. */
AR_API int ar_node_append(ar_node *parent, ar_node *child);
/* Tells whether a node of type parent may contain one of type child. */
AR_API int ar_node_can_contain(ar_node_type parent, ar_node_type child);

/* Setters return 1, or 0 for a node of the wrong type, a value out of range
 * or out of memory. Strings are copied; NULL clears an optional string. */
AR_API int ar_document_set(ar_node *doc, const char *field, const char *value);
  /* field: "title", "subtitle", "date", "language", "author",
     "publisher", "marking", "kind" or "subject" */
AR_API int ar_document_add_reference(ar_node *doc, const char *id, const char *text,
                              const char *url);
/* Words key with value (NULL: back to English). Returns 0 for an unknown
 * key, a value ar_document_word_check() refuses, or out of memory. */
AR_API int ar_document_set_word(ar_node *doc, ar_word key, const char *value);
AR_API int ar_section_set(ar_node *section, int level, const char *id, const char *title);
AR_API int ar_list_set(ar_node *list, int numbered, int start);
AR_API int ar_table_set_caption(ar_node *table, const char *caption);
AR_API int ar_table_add_column(ar_node *table, ar_align align, int numeric);
AR_API int ar_row_set_header(ar_node *row, int header);
AR_API int ar_figure_set(ar_node *figure, const char *label, const char *value,
                  const char *change);
AR_API int ar_chart_set(ar_node *chart, ar_chart_kind kind, const char *title,
                 const char *unit);
AR_API int ar_chart_add_category(ar_node *chart, const char *name);
/* Adds a series with one value slot per category added so far, all
 * missing; returns its index, or -1. */
AR_API int ar_chart_add_series(ar_node *chart, const char *name);
AR_API int ar_chart_set_value(ar_node *chart, size_t s, size_t i, double value);
AR_API int ar_note_set_title(ar_node *note, const char *title);
AR_API int ar_quote_set_attribution(ar_node *quote, const char *attribution);
AR_API int ar_text_set_literal(ar_node *text, const char *literal);
AR_API int ar_link_set_url(ar_node *link, const char *url);
AR_API int ar_cite_set_reference_id(ar_node *cite, const char *id);

/* Completes a built tree: numbers sections and citations. Returns 1, or 0
 * when a citation names no reference of the document (then *bad, if not
 * NULL, points at it) or root is not a DOCUMENT. Call before handing the
 * tree to a writer; the reader of brief XML does. */
AR_API int ar_document_finish(ar_node *doc, const ar_node **bad);

#ifdef __cplusplus
}
#endif

#endif
