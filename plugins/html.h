/* html.h: the html output plugin's parts. html.c holds the descriptor and
 * the page around the brief (head, title block, contents, sources);
 * html-blocks.c the walk over the brief's blocks and inlines; html-chart.c
 * charts as inline SVG with their data tables; html-write.c escaping and
 * the writer every part writes through. */
#ifndef AR_PLUGINS_HTML_H
#define AR_PLUGINS_HTML_H

#include <stddef.h>

#include "alliance-report/layout.h"
#include "alliance-report/plugin.h"

/* Writes to the sink; after the first failure every call does nothing, and
 * failed tells the caller once, at the end. */
typedef struct {
  ar_sink *out;
  int failed;
} html_writer;

void hw_raw(html_writer *w, const char *s);
void hw_rawn(html_writer *w, const char *s, size_t n);
void hw_printf(html_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as text content: & < > escaped; bytes that are not UTF-8, and
 * characters HTML does not allow in a document, become U+FFFD. */
void hw_text(html_writer *w, const char *s);
/* ' name="value"' with value escaped as in hw_text and quotes too; nothing
 * when value is NULL. */
void hw_attr(html_writer *w, const char *name, const char *value);
/* open, then text as by hw_text, then close; nothing when text is NULL. */
void hw_wrap(html_writer *w, const char *open, const char *text, const char *close);

/* Nonzero for an http:, https: or mailto: URL with nothing in it that a
 * browser would read differently from what is written. */
int html_url_allowed(const char *url);

/* A plain ASCII token usable as an id (letters, digits, - _ . :, starting
 * with a letter). */
int html_id_ok(const char *id);

/* What one rendering knows besides the tree. */
typedef struct {
  html_writer w;
  const ar_node *doc;
  char **section_ids;  /* the id of each section, in document order */
  size_t nsections, next_section;
  size_t *cite_total;  /* times each citation number (1-based) occurs */
  size_t *cite_seen;   /* of those, how many were written so far */
  size_t ncited;
  size_t ntables, ncharts;
} html_ctx;

/* Writes the brief's word for key, filled in with vars, as text. */
void html_word(html_ctx *c, ar_word key, const ar_layout_var *vars, size_t nvars);
/* Writes the brief's word for key, whose placeholder {name} stands for
 * number: the number as text, the rest of the word for screen readers
 * only (span.visually-hidden). */
void html_word_number(html_ctx *c, ar_word key, const char *name, size_t number);

/* Writes the brief's sections and blocks (what goes inside <main>). */
void html_blocks(html_ctx *c);
/* Writes the citation numbers of the CITE run starting at cite; returns
 * the last CITE of the run. */
const ar_node *html_citations(html_ctx *c, const ar_node *cite);
/* Writes a table with its caption, header rows and row headers. */
void html_table(html_ctx *c, const ar_node *table);
/* Writes a chart as a figure: caption, legend, SVG, data table. */
void html_chart(html_ctx *c, const ar_node *chart);

/* The stylesheet from templates/html/style.css (html-style.c, made by make). */
extern const char html_default_style[];

#endif
