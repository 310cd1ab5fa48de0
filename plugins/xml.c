/* The xml output plugin: writes a brief back as brief XML
 * (data/brief.rng), so that any tree can be inspected, stored and read
 * again with "alliance-report render". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "alliance-report/plugin.h"

static int put(ar_sink *out, const char *s) { return ar_sink_puts(out, s); }

/* Writes s escaped for XML text (attr: also for a double-quoted value). */
static int escaped(ar_sink *out, const char *s, int attr) {
  const char *run = s;
  for (const char *p = s;; p++) {
    const char *rep = NULL;
    switch (*p) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = attr ? "&quot;" : NULL; break;
    case '\n': rep = attr ? "&#10;" : NULL; break;
    case '\0': return ar_sink_write(out, run, (size_t)(p - run));
    default: break;
    }
    if (rep) {
      if (ar_sink_write(out, run, (size_t)(p - run)) || put(out, rep))
        return -1;
      run = p + 1;
    }
  }
}

static int attribute(ar_sink *out, const char *name, const char *value) {
  if (!value)
    return 0;
  return ar_sink_printf(out, " %s=\"", name) || escaped(out, value, 1) || put(out, "\"");
}

static int element(ar_sink *out, int depth, const char *name, const char *text) {
  if (!text)
    return 0;
  return ar_sink_printf(out, "%*s<%s>", depth * 2, "", name) || escaped(out, text, 0) ||
         ar_sink_printf(out, "</%s>\n", name);
}

static int indent(ar_sink *out, int depth) { return ar_sink_printf(out, "%*s", depth * 2, ""); }

static const char *align_name(ar_align a) {
  return a == AR_ALIGN_RIGHT ? "right" : a == AR_ALIGN_CENTER ? "center" : "left";
}

/* The words the brief gives itself; none when it keeps the English ones. */
static int write_wording(const ar_node *doc, ar_sink *out) {
  int open = 0;
  for (ar_word k = 0; ar_document_word_name(k); k++) {
    const char *word = ar_document_word_given(doc, k);
    if (!word)
      continue;
    if ((!open && put(out, "  <wording>\n")) || element(out, 2, ar_document_word_name(k), word))
      return -1;
    open = 1;
  }
  return open ? put(out, "  </wording>\n") : 0;
}

static int write_head(const ar_node *doc, ar_sink *out) {
  int rc = put(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<brief version=\"1.0\"") ||
           attribute(out, "lang", ar_document_language(doc)) || put(out, ">\n") ||
           element(out, 1, "title", ar_document_title(doc)) ||
           element(out, 1, "subtitle", ar_document_subtitle(doc)) ||
           element(out, 1, "date", ar_document_date(doc)) ||
           element(out, 1, "author", ar_document_author(doc)) ||
           element(out, 1, "publisher", ar_document_publisher(doc)) ||
           element(out, 1, "marking", ar_document_marking(doc)) || write_wording(doc, out);
  size_t n = ar_document_reference_count(doc);
  if (rc || n == 0)
    return rc;
  if (put(out, "  <references>\n"))
    return -1;
  for (size_t i = 0; i < n; i++)
    if (put(out, "    <reference") || attribute(out, "id", ar_document_reference_id(doc, i)) ||
        attribute(out, "url", ar_document_reference_url(doc, i)) || put(out, ">") ||
        escaped(out, ar_document_reference_text(doc, i), 0) || put(out, "</reference>\n"))
      return -1;
  return put(out, "  </references>\n");
}

static int write_chart(const ar_node *c, ar_sink *out, int depth) {
  if (indent(out, depth) || put(out, "<chart") ||
      attribute(out, "kind", ar_chart_get_kind(c) == AR_CHART_LINE ? "line" : "bar") ||
      attribute(out, "title", ar_chart_title(c)) || attribute(out, "unit", ar_chart_unit(c)) ||
      put(out, ">\n"))
    return -1;
  size_t nc = ar_chart_category_count(c);
  for (size_t i = 0; i < nc; i++)
    if (element(out, depth + 1, "category", ar_chart_category(c, i)))
      return -1;
  for (size_t s = 0; s < ar_chart_series_count(c); s++) {
    if (indent(out, depth + 1) || put(out, "<series") ||
        attribute(out, "name", ar_chart_series_name(c, s)) || put(out, ">"))
      return -1;
    for (size_t i = 0; i < nc; i++) {
      double v;
      if (ar_chart_value(c, s, i, &v) ? ar_sink_printf(out, "<value>%.17g</value>", v)
                                      : put(out, "<value/>"))
        return -1;
    }
    if (put(out, "</series>\n"))
      return -1;
  }
  return indent(out, depth) || put(out, "</chart>\n");
}

/* Inline containers are written on one line; blocks one per line. */
static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  (void)state;
  if (write_head(doc, out))
    return -1;
  ar_iter *it = ar_iter_new(doc);
  if (!it) {
    ar_error_set(err, "out of memory");
    return -1;
  }
  int depth = 0, rc = 0;
  ar_event ev;
  while (!rc && (ev = ar_iter_next(it)) != AR_EVENT_DONE) {
    const ar_node *n = ar_iter_node(it);
    int enter = ev == AR_EVENT_ENTER;
    ar_node_type type = ar_node_get_type(n);
    switch (type) {
    case AR_NODE_DOCUMENT:
      rc = enter ? 0 : put(out, "</brief>\n");
      break;
    case AR_NODE_SECTION:
      if (enter) {
        depth++;
        rc = indent(out, depth) || put(out, "<section") ||
             attribute(out, "id", *ar_section_id(n) ? ar_section_id(n) : NULL) ||
             put(out, ">\n") || element(out, depth + 1, "title", ar_section_title(n));
      } else {
        rc = indent(out, depth) || put(out, "</section>\n");
        depth--;
      }
      break;
    case AR_NODE_PARAGRAPH:
    case AR_NODE_CELL:
      if (enter)
        rc = indent(out, depth + 1) || ar_sink_printf(out, "<%s>", ar_node_type_name(type));
      else
        rc = ar_sink_printf(out, "</%s>\n", ar_node_type_name(type));
      break;
    case AR_NODE_LIST:
      if (enter) {
        depth++;
        rc = indent(out, depth) || put(out, "<list") ||
             (ar_list_is_numbered(n) ? put(out, " numbered=\"yes\"") : 0) ||
             (ar_list_start(n) != 1 ? ar_sink_printf(out, " start=\"%d\"", ar_list_start(n)) : 0) ||
             put(out, ">\n");
      } else {
        rc = indent(out, depth) || put(out, "</list>\n");
        depth--;
      }
      break;
    case AR_NODE_ITEM:
    case AR_NODE_FIGURES:
      depth += enter ? 1 : 0;
      rc = indent(out, depth) || ar_sink_printf(out, enter ? "<%s>\n" : "</%s>\n", ar_node_type_name(type));
      depth -= enter ? 0 : 1;
      break;
    case AR_NODE_NOTE:
    case AR_NODE_QUOTE:
      if (enter) {
        depth++;
        rc = indent(out, depth) || ar_sink_printf(out, "<%s", ar_node_type_name(type)) ||
             (type == AR_NODE_NOTE ? attribute(out, "title", ar_note_title(n))
                                   : attribute(out, "attribution", ar_quote_attribution(n))) ||
             put(out, ">\n");
      } else {
        rc = indent(out, depth) || ar_sink_printf(out, "</%s>\n", ar_node_type_name(type));
        depth--;
      }
      break;
    case AR_NODE_TABLE:
      if (enter) {
        depth++;
        rc = indent(out, depth) || put(out, "<table") ||
             attribute(out, "caption", ar_table_caption(n)) || put(out, ">\n") ||
             indent(out, depth + 1) || put(out, "<columns>");
        for (size_t c = 0; !rc && c < ar_table_column_count(n); c++)
          rc = put(out, "<column") || attribute(out, "align", align_name(ar_table_column_align(n, c))) ||
               (ar_table_column_is_numeric(n, c) ? put(out, " numeric=\"yes\"") : 0) || put(out, "/>");
        rc = rc || put(out, "</columns>\n");
        if (!rc && ar_table_header_row_count(n) == 0)
          rc = indent(out, depth + 1) || put(out, "<body>\n");
      } else {
        const ar_node *last = ar_node_last_child(n);
        if (last && ar_row_is_header(last))
          rc = indent(out, depth + 1) || put(out, "</head>\n") || indent(out, depth + 1) || put(out, "<body>\n");
        rc = rc || indent(out, depth + 1) || put(out, "</body>\n") || indent(out, depth) || put(out, "</table>\n");
        depth--;
      }
      break;
    case AR_NODE_ROW:
      if (enter) {
        const ar_node *prev = ar_node_previous(n);
        if (ar_row_is_header(n) && !prev)
          rc = indent(out, depth + 1) || put(out, "<head>\n");
        else if (!ar_row_is_header(n) && prev && ar_row_is_header(prev))
          rc = indent(out, depth + 1) || put(out, "</head>\n") || indent(out, depth + 1) || put(out, "<body>\n");
        depth++;
        rc = rc || indent(out, depth + 1) || put(out, "<row>\n");
      } else {
        rc = indent(out, depth + 1) || put(out, "</row>\n");
        depth--;
      }
      break;
    case AR_NODE_FIGURE:
      rc = indent(out, depth + 1) || put(out, "<figure") || attribute(out, "label", ar_figure_label(n)) ||
           attribute(out, "value", ar_figure_value(n)) || attribute(out, "change", ar_figure_change(n)) ||
           put(out, "/>\n");
      break;
    case AR_NODE_CHART:
      rc = write_chart(n, out, depth + 1);
      break;
    case AR_NODE_TEXT:
      rc = escaped(out, ar_text_literal(n), 0);
      break;
    case AR_NODE_EMPH:
    case AR_NODE_STRONG:
      rc = ar_sink_printf(out, enter ? "<%s>" : "</%s>", ar_node_type_name(type));
      break;
    case AR_NODE_LINK:
      rc = enter ? put(out, "<link") || attribute(out, "href", ar_link_url(n)) || put(out, ">")
                 : put(out, "</link>");
      break;
    case AR_NODE_CITE:
      rc = put(out, "<cite") || attribute(out, "ref", ar_cite_reference_id(n)) || put(out, "/>");
      break;
    case AR_NODE_BREAK:
      rc = put(out, "<br/>");
      break;
    default:
      break;
    }
  }
  ar_iter_free(it);
  return rc ? -1 : 0;
}

static void *create(const ar_options *opts, ar_error *err) {
  (void)opts;
  (void)err;
  static int state;
  return &state;
}

static void destroy(void *state) { (void)state; }

static const ar_plugin descriptor = {
    .abi_major = AR_PLUGIN_ABI_MAJOR,
    .abi_minor = AR_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(ar_plugin),
    .name = "xml",
    .version = PACKAGE_VERSION,
    .summary = "the brief document itself, as brief XML (data/brief.rng)",
    .extension = "xml",
    .media_type = "application/xml",
    .binary = 0,
    .library = NULL,
    .options = NULL,
    .create = create,
    .render = render,
    .destroy = destroy,
};

AR_PLUGIN_DEFINE { return &descriptor; }
