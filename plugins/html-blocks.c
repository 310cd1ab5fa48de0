/* html-blocks.c: the brief's sections, blocks and inlines as HTML. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

static void walk(html_ctx *c, const ar_node *root, int with_root);

/* ---- inlines --------------------------------------------------------------------- */

static void hidden(html_writer *w, const char *s) {
  if (!s || !*s)
    return;
  hw_raw(w, "<span class=\"visually-hidden\">");
  hw_text(w, s);
  hw_raw(w, "</span>");
}

void html_word(html_ctx *c, ar_word key, const ar_layout_var *vars, size_t nvars) {
  char *s = ar_layout_word(c->doc, key, vars, nvars);
  if (!s)
    c->w.failed = 1;
  hw_text(&c->w, s);
  free(s);
}

void html_word_number(html_ctx *c, ar_word key, const char *name, size_t number) {
  char num[24];
  snprintf(num, sizeof num, "%zu", number);
  const ar_layout_var var = {name, num};
  const char *word = ar_document_word(c->doc, key);
  size_t len, at = ar_layout_placeholder(word, &len);
  char *before = strndup(word, at), *after = ar_layout_fill(word + at + len, &var, 1);
  if (!before || !after)
    c->w.failed = 1;
  hidden(&c->w, before);
  hw_raw(&c->w, len ? num : "");
  hidden(&c->w, after);
  free(before);
  free(after);
}

static int inside_link(const ar_node *n) {
  for (const ar_node *p = ar_node_parent(n); p && ar_node_is_inline(p); p = ar_node_parent(p))
    if (ar_node_get_type(p) == AR_NODE_LINK && html_url_allowed(ar_link_url(p)))
      return 1;
  return 0;
}

const ar_node *html_citations(html_ctx *c, const ar_node *cite) {
  html_writer *w = &c->w;
  int plain = inside_link(cite); /* a link inside a link is not allowed */
  hw_raw(w, "<sup class=\"citations\">[");
  const ar_node *last = cite;
  for (const ar_node *n = cite; n && ar_node_get_type(n) == AR_NODE_CITE; n = ar_node_next(n)) {
    if (n != cite)
      hw_raw(w, ", ");
    last = n;
    size_t k = ar_cite_number(n);
    if (k < 1 || k > c->ncited) {
      hw_raw(w, "?");
      continue;
    }
    if (plain) {
      hw_printf(w, "%zu", k);
      continue;
    }
    size_t use = ++c->cite_seen[k];
    hw_printf(w, "<a href=\"#ar-source-%zu\" id=\"ar-cite-%zu-%zu\">", k, k, use);
    html_word_number(c, AR_WORD_CITATION, "source", k);
    hw_raw(w, "</a>");
  }
  hw_raw(w, "]</sup>");
  return last;
}

static void link(html_ctx *c, const ar_node *n, int enter) {
  const char *url = ar_link_url(n);
  if (!html_url_allowed(url))
    return; /* its text is written, as text */
  if (enter) {
    hw_raw(&c->w, "<a");
    hw_attr(&c->w, "href", url);
    hw_raw(&c->w, " rel=\"noopener noreferrer\">");
  } else {
    hw_raw(&c->w, "</a>");
  }
}

/* ---- tables ------------------------------------------------------------------------ */

static const char *cell_class(const ar_node *table, size_t col) {
  if (ar_table_column_is_numeric(table, col))
    return " class=\"numeric\"";
  switch (ar_table_column_align(table, col)) {
  case AR_ALIGN_RIGHT: return " class=\"align-right\"";
  case AR_ALIGN_CENTER: return " class=\"align-center\"";
  default: return "";
  }
}

static void row(html_ctx *c, const ar_node *table, const ar_node *r, int header_row,
                int row_headers) {
  html_writer *w = &c->w;
  hw_raw(w, "<tr>");
  size_t col = 0;
  for (const ar_node *cell = ar_node_first_child(r); cell; cell = ar_node_next(cell), col++) {
    const char *cls = cell_class(table, col);
    int empty = ar_node_first_child(cell) == NULL;
    const char *tag = "td";
    if (header_row && !empty) {
      tag = "th";
      hw_printf(w, "<th scope=\"col\"%s>", cls);
    } else if (!header_row && row_headers && col == 0 && !empty) {
      tag = "th";
      hw_printf(w, "<th scope=\"row\"%s>", cls);
    } else {
      hw_printf(w, "<td%s>", cls);
    }
    walk(c, cell, 0);
    hw_printf(w, "</%s>", tag);
  }
  hw_raw(w, "</tr>\n");
}

/* Writes a table; its first column heads its rows when it holds words and
 * more columns follow. */
void html_table(html_ctx *c, const ar_node *t) {
  html_writer *w = &c->w;
  size_t id = ++c->ntables;
  const char *cap = ar_table_caption(t);
  int row_headers = ar_table_column_count(t) > 1 && !ar_table_column_is_numeric(t, 0);
  hw_printf(w, "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\"");
  if (cap && *cap) {
    hw_printf(w, " aria-labelledby=\"ar-table-%zu\">\n<table>\n<caption id=\"ar-table-%zu\">", id, id);
  } else {
    char num[24];
    snprintf(num, sizeof num, "%zu", id);
    const ar_layout_var var = {"table", num};
    char *label = ar_layout_word(c->doc, AR_WORD_TABLE_LABEL, &var, 1);
    if (!label)
      w->failed = 1;
    hw_attr(w, "aria-label", label);
    hw_raw(w, ">\n<table>\n");
    free(label);
  }
  if (cap && *cap) {
    hw_text(w, cap);
    hw_raw(w, "</caption>\n");
  }
  int in_head = 0, in_body = 0;
  for (const ar_node *r = ar_node_first_child(t); r; r = ar_node_next(r)) {
    int header = ar_row_is_header(r);
    if (header && !in_head) {
      hw_raw(w, "<thead>\n");
      in_head = 1;
    } else if (!header && !in_body) {
      if (in_head)
        hw_raw(w, "</thead>\n");
      in_head = 0;
      hw_raw(w, "<tbody>\n");
      in_body = 1;
    }
    row(c, t, r, header, row_headers);
  }
  hw_raw(w, in_head ? "</thead>\n" : in_body ? "</tbody>\n" : "");
  hw_raw(w, "</table>\n</div>\n");
}

/* ---- key figures ---------------------------------------------------------------------- */

static void figures(html_ctx *c, const ar_node *figs) {
  html_writer *w = &c->w;
  if (!ar_node_first_child(figs))
    return;
  hw_raw(w, "<dl class=\"figures\">\n");
  for (const ar_node *f = ar_node_first_child(figs); f; f = ar_node_next(f)) {
    hw_raw(w, "<div class=\"figure\"><dt>");
    hw_text(w, ar_figure_label(f));
    hw_raw(w, "</dt><dd class=\"figure-value\">");
    hw_text(w, ar_figure_value(f));
    hw_raw(w, "</dd>");
    const char *chg = ar_figure_change(f);
    if (chg && *chg) {
      hw_raw(w, "<dd class=\"figure-change\">");
      hw_text(w, chg);
      hw_raw(w, "</dd>");
    }
    hw_raw(w, "</div>\n");
  }
  hw_raw(w, "</dl>\n");
}

/* ---- the walk ------------------------------------------------------------------------- */

static void section(html_ctx *c, const ar_node *s, int enter) {
  html_writer *w = &c->w;
  if (!enter) {
    hw_raw(w, "</section>\n");
    return;
  }
  int level = ar_section_level(s) + 1;
  if (level > 6)
    level = 6;
  const char *id = c->next_section < c->nsections ? c->section_ids[c->next_section++] : NULL;
  hw_raw(w, "<section");
  hw_attr(w, "id", id);
  hw_printf(w, ">\n<h%d>", level);
  const char *num = ar_section_number(s);
  if (num && *num) {
    hw_raw(w, "<span class=\"heading-number\">");
    hw_text(w, num);
    hw_raw(w, "</span> ");
  }
  hw_text(w, ar_section_title(s));
  hw_printf(w, "</h%d>\n", level);
}

static void list(html_ctx *c, const ar_node *l, int enter) {
  int numbered = ar_list_is_numbered(l);
  if (!enter) {
    hw_raw(&c->w, numbered ? "</ol>\n" : "</ul>\n");
  } else if (!numbered) {
    hw_raw(&c->w, "<ul>\n");
  } else if (ar_list_start(l) != 1) {
    hw_printf(&c->w, "<ol start=\"%d\">\n", ar_list_start(l));
  } else {
    hw_raw(&c->w, "<ol>\n");
  }
}

static void note(html_ctx *c, const ar_node *n, int enter) {
  if (!enter) {
    hw_raw(&c->w, "</div>\n");
    return;
  }
  hw_raw(&c->w, "<div class=\"note\" role=\"note\">\n");
  const char *title = ar_note_title(n);
  if (title && *title) {
    hw_raw(&c->w, "<p class=\"note-title\">");
    hw_text(&c->w, title);
    hw_raw(&c->w, "</p>\n");
  }
}

static void quote(html_ctx *c, const ar_node *q, int enter) {
  if (enter) {
    hw_raw(&c->w, "<figure class=\"quote\">\n<blockquote>\n");
    return;
  }
  hw_raw(&c->w, "</blockquote>\n");
  const char *by = ar_quote_attribution(q);
  if (by && *by) {
    hw_raw(&c->w, "<figcaption>— ");
    hw_text(&c->w, by);
    hw_raw(&c->w, "</figcaption>\n");
  }
  hw_raw(&c->w, "</figure>\n");
}

static void walk(html_ctx *c, const ar_node *root, int with_root) {
  html_writer *w = &c->w;
  ar_iter *it = ar_iter_new(root);
  if (!it) {
    w->failed = 1;
    return;
  }
  const ar_node *skip_cites_to = NULL; /* the last CITE of a run already written */
  ar_event ev;
  while (!w->failed && (ev = ar_iter_next(it)) != AR_EVENT_DONE) {
    const ar_node *n = ar_iter_node(it);
    int enter = ev == AR_EVENT_ENTER;
    if (n == root && !with_root)
      continue;
    switch (ar_node_get_type(n)) {
    case AR_NODE_SECTION: section(c, n, enter); break;
    case AR_NODE_PARAGRAPH: hw_raw(w, enter ? "<p>" : "</p>\n"); break;
    case AR_NODE_LIST: list(c, n, enter); break;
    case AR_NODE_ITEM: hw_raw(w, enter ? "<li>\n" : "</li>\n"); break;
    case AR_NODE_TABLE:
      if (enter) {
        html_table(c, n);
        ar_iter_skip_children(it);
      }
      break;
    case AR_NODE_FIGURES:
      if (enter) {
        figures(c, n);
        ar_iter_skip_children(it);
      }
      break;
    case AR_NODE_CHART: html_chart(c, n); break;
    case AR_NODE_NOTE: note(c, n, enter); break;
    case AR_NODE_QUOTE: quote(c, n, enter); break;
    case AR_NODE_TEXT: hw_text(w, ar_text_literal(n)); break;
    case AR_NODE_EMPH: hw_raw(w, enter ? "<em>" : "</em>"); break;
    case AR_NODE_STRONG: hw_raw(w, enter ? "<strong>" : "</strong>"); break;
    case AR_NODE_LINK: link(c, n, enter); break;
    case AR_NODE_CITE:
      if (skip_cites_to) {
        if (n == skip_cites_to)
          skip_cites_to = NULL;
        break;
      }
      {
        const ar_node *last = html_citations(c, n);
        if (last != n)
          skip_cites_to = last;
      }
      break;
    case AR_NODE_BREAK: hw_raw(w, "<br>"); break;
    default: break;
    }
  }
  ar_iter_free(it);
}

void html_blocks(html_ctx *c) { walk(c, c->doc, 0); }
