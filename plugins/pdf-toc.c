/* pdf-toc.c: numbered headings (kept with what follows), the PDF outline
 * with a destination per section, and the table of contents: its lines are
 * reserved after the title block and filled in, with internal links, once
 * every section's page is known. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"

static const float black[3] = {0, 0, 0};
static const float heading_rgb[3] = {0.08f, 0.2f, 0.4f};
static const float rule_rgb[3] = {0.55f, 0.6f, 0.7f};

static float heading_size(int level) { return level <= 1 ? 14.0f : level == 2 ? 12.0f : 10.5f; }

static int add_section(pdf_ctx *c, const ar_node *s) {
  if (pdf_grow(c, (void **)&c->sec, &c->sec_cap, c->nsec, sizeof *c->sec))
    return -1;
  pdf_section *e = &c->sec[c->nsec++];
  memset(e, 0, sizeof *e);
  e->node = s;
  e->page = c->page;
  e->page_no = c->npages;
  e->y = c->y;
  return 0;
}

/* Draws a heading (number may be NULL) kept with 2 lines of what follows. */
int pdf_heading(pdf_ctx *c, const ar_node *sec, int level, const char *number,
                   const char *title) {
  float size = heading_size(level);
  float before = level <= 1 ? 14 : 9;
  int top = c->y >= c->st->page_h - c->mt - 0.5f;
  float need = (top ? 0 : before) + size * 1.3f * 2 + 8 + 2 * PDF_BODY * PDF_LEADING;
  /* Keep with the start of the first block. */
  const ar_node *first = sec ? ar_node_first_child(sec) : NULL;
  switch (first ? ar_node_get_type(first) : AR_NODE_NONE) {
  case AR_NODE_SECTION:
    need += heading_size(level + 1) * 1.35f + 12;
    break;
  case AR_NODE_TABLE:
    need += 55;
    break;
  case AR_NODE_FIGURES:
    need += 80;
    break;
  case AR_NODE_CHART:
    need += 120;
    break;
  default:
    break;
  }
  if (pdf_ensure(c, need))
    return -1;
  if (c->y < c->st->page_h - c->mt - 0.5f)
    c->y -= before;
  if (add_section(c, sec))
    return -1;
  pdf_section *e = &c->sec[c->nsec - 1];
  if (pdf_drawing(c)) {
    e->dst = HPDF_Page_CreateDestination(c->page);
    if (!e->dst || HPDF_Destination_SetFitH(e->dst, c->y + 4) != HPDF_OK)
      return pdf_fail(c, "cannot make a destination");
    int lv = level < 1 ? 1 : level > 6 ? 6 : level;
    HPDF_Outline parent = NULL;
    for (int k = lv - 1; k >= 1 && !parent; k--)
      parent = c->outline[k];
    const char *t = NULL;
    pdf_para_clear(&c->para);
    pdf_style st = {0, 10, {0, 0, 0}, 0, NULL, 0};
    char buf[64];
    snprintf(buf, sizeof buf, "%s ", number ? number : "");
    if ((number && pdf_para_add(c, &c->para, buf, &st)) || pdf_para_add(c, &c->para, title, &st))
      return -1;
    char entry[PDF_MAX_ENTRY + 4];
    t = c->para.s ? pdf_entry(entry, c->para.s, c->para.len) : "";
    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, t, pdf_string_encoder(c, t));
    if (!o || HPDF_Outline_SetDestination(o, e->dst) != HPDF_OK)
      return pdf_fail(c, "cannot make an outline entry");
    HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
    c->outline[lv] = o;
    for (int k = lv + 1; k < 8; k++)
      c->outline[k] = NULL;
  }
  pdf_para_clear(&c->para);
  pdf_style st = {PDF_BOLD, size, {heading_rgb[0], heading_rgb[1], heading_rgb[2]}, 0, NULL, 0};
  if (number && *number) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s  ", number);
    if (pdf_para_add(c, &c->para, buf, &st))
      return -1;
  }
  if (pdf_para_add(c, &c->para, title ? title : "", &st) || pdf_paragraph(c, &c->para, 0, 0))
    return -1;
  if (level <= 1) {
    pdf_stroke_line(c, c->x0, c->y - 1, c->x0 + c->width, c->y - 1, 0.6f, rule_rgb);
    c->y -= 7;
  } else {
    c->y -= 3;
  }
  return 0;
}

/* Reserves one line per section of level <= 2 for the contents. */
int pdf_reserve_toc(pdf_ctx *c) {
  size_t n = 0;
  ar_iter *it = ar_iter_new(c->doc);
  if (!it) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  ar_event ev;
  while ((ev = ar_iter_next(it)) != AR_EVENT_DONE)
    if (ev == AR_EVENT_ENTER && ar_node_get_type(ar_iter_node(it)) == AR_NODE_SECTION &&
        ar_section_level(ar_iter_node(it)) <= 2)
      n++;
  ar_iter_free(it);
  free(c->toc);
  c->toc = calloc(n ? n : 1, sizeof *c->toc);
  if (!c->toc) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  c->ntoc = n;
  pdf_style st = {PDF_BOLD, 12, {heading_rgb[0], heading_rgb[1], heading_rgb[2]}, 0, NULL, 0};
  pdf_para_clear(&c->para);
  if (pdf_ensure(c, 60) || pdf_para_add(c, &c->para, ar_document_word(c->doc, AR_WORD_CONTENTS), &st) ||
      pdf_tag_open(c, PDF_S_P) || pdf_paragraph(c, &c->para, 0, 4))
    return -1;
  pdf_tag_close(c);
  /* The TOC and its items take their place in the tree now; their lines
   * are drawn once the pages are known. */
  if (pdf_tag_open(c, PDF_S_TOC))
    return -1;
  float lh = PDF_BODY * PDF_LEADING;
  for (size_t i = 0; i < n; i++) {
    if (pdf_ensure(c, lh) || pdf_tag_open(c, PDF_S_TOCI))
      return -1;
    c->toc[i].tag = pdf_tag_current(c);
    pdf_tag_close(c);
    c->toc[i].page = c->page;
    c->toc[i].y = c->y;
    c->y -= lh;
  }
  pdf_tag_close(c);
  c->y -= 10;
  return 0;
}

int pdf_draw_toc(pdf_ctx *c) {
  size_t k = 0;
  float lh = PDF_BODY * PDF_LEADING;
  static const float grey[3] = {0.45f, 0.45f, 0.45f};
  for (size_t i = 0; i < c->nsec && k < c->ntoc; i++) {
    const ar_node *s = c->sec[i].node;
    if (!s || ar_section_level(s) > 2)
      continue;
    pdf_toc_slot *slot = &c->toc[k++];
    c->page = slot->page;
    int lv = ar_section_level(s);
    float indent = lv > 1 ? 18 : 0;
    int face = lv > 1 ? PDF_REGULAR : PDF_BOLD;
    char num[64];
    snprintf(num, sizeof num, "%zu", c->sec[i].page_no);
    float nw = pdf_width(c, PDF_REGULAR, PDF_BODY, num, strlen(num));
    pdf_para_clear(&c->para);
    pdf_style st = {face, PDF_BODY, {0, 0, 0}, 0, NULL, 0};
    char buf[64];
    snprintf(buf, sizeof buf, "%s  ", ar_section_number(s));
    if (pdf_para_add(c, &c->para, buf, &st) ||
        pdf_para_add(c, &c->para, ar_section_title(s), &st))
      return -1;
    /* One line, shortened if need be. */
    float avail = c->width - indent - nw - 12;
    size_t len = pdf_fit(c, face, PDF_BODY, c->para.s, c->para.len, 0, avail);
    pdf_line ln = {0, len, pdf_width(c, face, PDF_BODY, c->para.s, len), 1};
    float base = slot->y - PDF_BODY;
    pdf_tag_reopen(c, slot->tag);
    /* The entry's text, page number and annotation in one Link (readers
     * such as Chromium's drop a Link without text). */
    if (pdf_tag_open(c, PDF_S_LINK))
      return -1;
    pdf_draw_line(c, &c->para, &ln, c->ml + indent, base, avail, 0, 0);
    pdf_text_at(c, c->ml + c->width - nw, base, PDF_REGULAR, PDF_BODY, black, num, strlen(num));
    /* Dotted leader. */
    char dots[512];
    size_t nd = 0;
    float dw = pdf_width(c, PDF_REGULAR, PDF_BODY, ". ", 2);
    /* On a grid, so that the dots line up from one entry to the next. */
    float x = c->ml + indent + ln.width + 6;
    if (dw > 0)
      x = c->ml + ceilf((x - c->ml) / dw) * dw;
    while (dw > 0 && x + (float)(nd / 2 + 1) * dw < c->ml + c->width - nw - 4 && nd + 2 < sizeof dots) {
      dots[nd++] = '.';
      dots[nd++] = ' ';
    }
    pdf_artifact_begin(c); /* the leader */
    pdf_text_at(c, x, base, PDF_REGULAR, PDF_BODY, grey, dots, nd);
    pdf_artifact_end(c);
    if (pdf_drawing(c) && c->sec[i].dst) {
      HPDF_Rect r = {c->ml, slot->y - lh, c->ml + c->width, slot->y};
      HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(c->page, r, c->sec[i].dst);
      if (!a)
        return pdf_fail(c, "cannot make a link");
      HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
      if (pdf_tag_link(c, a))
        return -1;
    }
    pdf_tag_close(c); /* Link */
    pdf_tag_close(c); /* TOCI */
  }
  return 0;
}

