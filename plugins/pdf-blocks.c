/* pdf-blocks.c: the walk over the brief's blocks: sections, paragraphs,
 * lists with hanging indents, notes (a tinted box measured in a dry run
 * first) and quotes, then the numbered notes listing cited references.
 *
 * Only the outermost of notes inside notes is measured: it keeps the
 * inner ones together and tinted with it. Measuring each would lay out a
 * note nested d deep 2^d times. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/layout.h"
#include "pdf.h"

static const float dark[3] = {0.1f, 0.1f, 0.12f};
static const float note_bg[3] = {0.93f, 0.95f, 0.98f};
static const float note_bar[3] = {0.2f, 0.4f, 0.7f};
static const float quote_rgb[3] = {0.25f, 0.25f, 0.28f};
static const float quote_bar[3] = {0.75f, 0.75f, 0.78f};

static int blocks(pdf_ctx *c, const ar_node *parent);

static float after_para(const pdf_ctx *c) { return c->has_marker ? 2 : PDF_GAP; }

static int paragraph(pdf_ctx *c, const ar_node *n, float after) {
  pdf_para_clear(&c->para);
  pdf_style st = pdf_base_style(c);
  if (pdf_para_inlines(c, &c->para, n, &st))
    return -1;
  c->justify_now = 1;
  int rc = pdf_paragraph(c, &c->para, 0, after);
  c->justify_now = 0;
  return rc;
}

static int list(pdf_ctx *c, const ar_node *l, int depth) {
  pdf_flush_marker(c); /* an item opening with a list */
  int numbered = ar_list_is_numbered(l);
  long num = ar_list_start(l);
  size_t count = 0;
  for (const ar_node *i = ar_node_first_child(l); i; i = ar_node_next(i))
    count++;
  char widest[32];
  snprintf(widest, sizeof widest, "%ld.", num + (long)count - 1);
  float mw = numbered ? pdf_width(c, PDF_REGULAR, c->base_size, widest, strlen(widest)) : 6;
  float indent = mw + 9;
  if (c->width - indent < PDF_MIN_WIDTH) /* deep nesting: stop indenting */
    indent = 0;
  float x0 = c->x0, w = c->width;
  c->x0 += indent;
  c->width -= indent;
  if (pdf_tag_open(c, PDF_S_L))
    return -1;
  for (const ar_node *i = ar_node_first_child(l); i; i = ar_node_next(i), num++) {
    if (numbered)
      snprintf(c->marker, sizeof c->marker, "%ld.", num);
    else
      snprintf(c->marker, sizeof c->marker, "%s", depth % 2 ? "–" : "•");
    float tw = pdf_width(c, PDF_REGULAR, c->base_size, c->marker, strlen(c->marker));
    c->marker_x = c->x0 - 6 - tw;
    c->has_marker = 1;
    if (pdf_tag_open(c, PDF_S_LI) || pdf_tag_open(c, PDF_S_LBL))
      return -1;
    c->marker_tag = pdf_tag_current(c);
    pdf_tag_close(c);
    if (pdf_tag_open(c, PDF_S_LBODY) || blocks(c, i))
      return -1;
    pdf_flush_marker(c);
    pdf_tag_close(c);
    pdf_tag_close(c);
    c->y -= 1.5f;
  }
  pdf_tag_close(c);
  c->x0 = x0;
  c->width = w;
  c->y -= depth ? 0 : PDF_GAP - 2;
  return 0;
}

static int note(pdf_ctx *c, const ar_node *n) {
  const float pad = 8, bar = 3;
  const char *title = ar_note_title(n);
  float x0 = c->x0, w = c->width;
  /* Too narrow to indent further: the content keeps the box it is in. */
  float left = w - bar - 2 * pad >= PDF_MIN_WIDTH ? bar + pad : 0, right = left ? pad : 0;
  pdf_flush_marker(c);
  int outer = c->notes++ == 0;
  /* Measure dry. */
  float y0 = c->y;
  HPDF_Page page0 = c->page;
  size_t np0 = c->npages;
  for (int attempt = 0; outer && attempt < 2; attempt++) {
    c->dry++;
    c->x0 = x0 + left;
    c->width = w - left - right;
    c->y -= pad;
    pdf_style st = pdf_base_style(c);
    st.face = PDF_BOLD;
    pdf_para_clear(&c->para);
    int rc = (title && *title && (pdf_para_add(c, &c->para, title, &st) ||
                                  pdf_paragraph(c, &c->para, 0, 3))) ||
             blocks(c, n);
    c->dry--;
    float h = y0 - c->y + pad - PDF_GAP;
    int same = c->npages == np0;
    c->npages = np0;
    c->page = page0;
    c->y = y0;
    c->x0 = x0;
    c->width = w;
    if (rc)
      return -1;
    if (same || attempt == 1) {
      if (same)
        pdf_fill_rect(c, x0, y0 - h, w, h, note_bg);
      break;
    }
    /* Does not fit here: start a page if it would fit there. */
    if (h > c->st->page_h - c->mt - c->mb)
      break;
    if (pdf_new_page(c))
      return -1;
    y0 = c->y;
    page0 = c->page;
    np0 = c->npages;
  }
  HPDF_Page start_page = c->page;
  float start_y = c->y;
  c->x0 = x0 + left;
  c->width = w - left - right;
  c->y -= pad;
  pdf_style st = pdf_base_style(c);
  st.face = PDF_BOLD;
  memcpy(st.rgb, note_bar, sizeof st.rgb);
  pdf_para_clear(&c->para);
  if (title && *title &&
      (pdf_para_add(c, &c->para, title, &st) || pdf_paragraph(c, &c->para, 0, 3)))
    return -1;
  if (blocks(c, n))
    return -1;
  c->y += PDF_GAP;
  c->y -= pad;
  if (c->page == start_page)
    pdf_fill_rect(c, x0, c->y, bar, start_y - c->y, note_bar);
  else
    pdf_fill_rect(c, x0, c->y, bar, c->st->page_h - c->mt - c->y, note_bar);
  c->x0 = x0;
  c->width = w;
  c->y -= PDF_GAP + 4;
  c->notes--;
  return 0;
}

static int quote(pdf_ctx *c, const ar_node *n) {
  float x0 = c->x0, w = c->width;
  int face = c->base_face;
  float rgb[3];
  memcpy(rgb, c->base_rgb, sizeof rgb);
  pdf_flush_marker(c);
  HPDF_Page start_page = c->page;
  c->y -= 2;
  float start_y = c->y;
  if (c->width - 44 >= PDF_MIN_WIDTH) { /* else too narrow to indent further */
    c->x0 += 22;
    c->width -= 44;
  }
  c->base_face = PDF_ITALIC;
  memcpy(c->base_rgb, quote_rgb, sizeof rgb);
  int rc = blocks(c, n);
  c->base_face = face;
  memcpy(c->base_rgb, rgb, sizeof rgb);
  if (rc)
    return -1;
  const char *attr = ar_quote_attribution(n);
  if (attr && *attr) {
    pdf_para_clear(&c->para);
    pdf_style st = pdf_base_style(c);
    st.size = 9.5f;
    memcpy(st.rgb, quote_rgb, sizeof st.rgb);
    if (pdf_para_add(c, &c->para, "— ", &st) || pdf_para_add(c, &c->para, attr, &st) ||
        pdf_paragraph(c, &c->para, 2, PDF_GAP))
      return -1;
  }
  float top = c->page == start_page ? start_y : c->st->page_h - c->mt;
  pdf_fill_rect(c, x0 + 8, c->y + PDF_GAP, 2, top - c->y - PDF_GAP, quote_bar);
  c->x0 = x0;
  c->width = w;
  c->y -= 4;
  return 0;
}

/* draw(c, n) inside a structure element of role. */
static int tagged(pdf_ctx *c, pdf_role role, int (*draw)(pdf_ctx *, const ar_node *),
                  const ar_node *n) {
  if (pdf_tag_open(c, role))
    return -1;
  int rc = draw(c, n);
  pdf_tag_close(c);
  return rc;
}

static int body_paragraph(pdf_ctx *c, const ar_node *n) { return paragraph(c, n, after_para(c)); }

static int block(pdf_ctx *c, const ar_node *n, int list_depth) {
  switch (ar_node_get_type(n)) {
  case AR_NODE_SECTION: {
    int level = ar_section_level(n);
    level = level < 1 ? 1 : level > 6 ? 6 : level;
    if (pdf_tag_open(c, PDF_S_SECT) || pdf_tag_open(c, PDF_S_H1 + level - 1) ||
        pdf_heading(c, n, ar_section_level(n), ar_section_number(n), ar_section_title(n)))
      return -1;
    pdf_tag_close(c);
    int rc = blocks(c, n);
    pdf_tag_close(c);
    return rc;
  }
  case AR_NODE_PARAGRAPH:
    return tagged(c, PDF_S_P, body_paragraph, n);
  case AR_NODE_LIST:
    return list(c, n, list_depth);
  case AR_NODE_TABLE:
    pdf_flush_marker(c);
    return pdf_table(c, n);
  case AR_NODE_FIGURES:
    pdf_flush_marker(c);
    return pdf_figures(c, n);
  case AR_NODE_CHART:
    pdf_flush_marker(c);
    return pdf_chart(c, n);
  case AR_NODE_NOTE:
    return tagged(c, PDF_S_DIV, note, n);
  case AR_NODE_QUOTE:
    return tagged(c, PDF_S_BLOCKQUOTE, quote, n);
  case AR_NODE_ITEM:
    return blocks(c, n);
  default:
    if (ar_node_is_inline(n)) {
      /* Inlines straight in a block container: one paragraph. */
      pdf_para_clear(&c->para);
      pdf_style st = pdf_base_style(c);
      if (pdf_tag_open(c, PDF_S_P))
        return -1;
      int rc = pdf_para_inlines(c, &c->para, ar_node_parent(n), &st) ||
               pdf_paragraph(c, &c->para, 0, after_para(c));
      pdf_tag_close(c);
      return rc;
    }
    return 0;
  }
}

static int list_depth(const ar_node *n) {
  int d = 0;
  for (const ar_node *p = ar_node_parent(n); p; p = ar_node_parent(p))
    d += ar_node_get_type(p) == AR_NODE_LIST;
  return d;
}

static int blocks(pdf_ctx *c, const ar_node *parent) {
  for (const ar_node *n = ar_node_first_child(parent); n; n = ar_node_next(n)) {
    if (ar_node_is_inline(n)) {
      if (block(c, n, 0))
        return -1;
      while (ar_node_next(n) && ar_node_is_inline(ar_node_next(n)))
        n = ar_node_next(n);
      continue;
    }
    if (block(c, n, ar_node_get_type(n) == AR_NODE_LIST ? list_depth(n) : 0))
      return -1;
  }
  return c->failed ? -1 : 0;
}

/* The cited references, "[n] text url", the URL a link. */
static int notes_section(pdf_ctx *c) {
  size_t n = ar_layout_note_count(c->doc);
  if (n == 0)
    return 0;
  if (pdf_tag_open(c, PDF_S_SECT) || pdf_tag_open(c, PDF_S_H1) ||
      pdf_heading(c, NULL, 1, NULL, ar_document_word(c->doc, AR_WORD_NOTES)))
    return -1;
  pdf_tag_close(c);
  if (pdf_tag_open(c, PDF_S_L))
    return -1;
  float x0 = c->x0, w = c->width;
  char widest[32];
  ar_layout_note_marker(widest, sizeof widest, n);
  float indent = pdf_width(c, PDF_REGULAR, 9, widest, strlen(widest)) + 6;
  float bs = c->base_size;
  c->base_size = 9;
  c->x0 += indent;
  c->width -= indent;
  ar_layout_note note;
  for (size_t k = 1; k <= n; k++) {
    if (!ar_layout_note_at(c->doc, k, &note))
      continue;
    ar_layout_note_marker(c->marker, sizeof c->marker, k);
    c->marker_x = x0;
    c->has_marker = 1;
    if (pdf_tag_open(c, PDF_S_LI) || pdf_tag_open(c, PDF_S_LBL))
      return -1;
    c->marker_tag = pdf_tag_current(c);
    pdf_tag_close(c);
    if (pdf_tag_open(c, PDF_S_LBODY) || pdf_tag_open(c, PDF_S_NOTE))
      return -1;
    pdf_para_clear(&c->para);
    pdf_style st = pdf_base_style(c);
    if (pdf_para_add(c, &c->para, note.text, &st))
      return -1;
    if (note.url) {
      pdf_style ls = st;
      ls.url = note.url;
      ls.rgb[0] = 0.05f, ls.rgb[1] = 0.28f, ls.rgb[2] = 0.63f;
      if (pdf_para_add(c, &c->para, " ", &st) || pdf_para_add(c, &c->para, note.url, &ls))
        return -1;
    }
    if (pdf_paragraph(c, &c->para, 0, 3))
      return -1;
    pdf_tag_close(c);
    pdf_tag_close(c);
    pdf_tag_close(c);
  }
  pdf_tag_close(c);
  pdf_tag_close(c);
  c->base_size = bs;
  c->x0 = x0;
  c->width = w;
  return 0;
}

/* One layout pass over the whole brief. */
int pdf_layout(pdf_ctx *c) {
  c->npages = 0;
  c->nsec = 0;
  c->x0 = c->ml;
  c->width = c->st->page_w - c->ml - c->mr;
  c->base_face = PDF_REGULAR;
  c->base_size = PDF_BODY;
  memcpy(c->base_rgb, dark, sizeof c->base_rgb);
  c->has_marker = 0;
  memset(c->outline, 0, sizeof c->outline);
  if (pdf_new_page(c) || pdf_tag_open(c, PDF_S_DOCUMENT) || pdf_title_block(c))
    return -1;
  if (c->want_toc && pdf_reserve_toc(c))
    return -1;
  if (blocks(c, c->doc) || notes_section(c))
    return -1;
  return c->failed ? -1 : 0;
}

