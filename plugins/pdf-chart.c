/* pdf-chart.c: key figures as cards, and charts as vector graphics:
 * horizontal bar charts (grouped when there are several series) and line
 * charts, with axes, labels, values and a legend; missing values are
 * skipped and negative values run left of (or below) zero. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alliance-report/layout.h"
#include "pdf.h"

static const float ink[3] = {0.1f, 0.1f, 0.12f};
static const float grey[3] = {0.42f, 0.42f, 0.45f};
static const float grid[3] = {0.86f, 0.86f, 0.88f};
static const float axis[3] = {0.35f, 0.35f, 0.4f};
static const float card_bg[3] = {0.94f, 0.955f, 0.975f};
static const float accent[3] = {0.08f, 0.2f, 0.4f};
static const float palette[][3] = {{0.12f, 0.35f, 0.62f}, {0.91f, 0.55f, 0.13f},
                                   {0.2f, 0.6f, 0.45f},   {0.75f, 0.22f, 0.25f},
                                   {0.5f, 0.4f, 0.7f},    {0.45f, 0.45f, 0.45f}};
#define NPAL (sizeof palette / sizeof palette[0])

/* Draws s (cleaned, shortened with "…" to max_w) at x, or right-aligned at
 * x when align is 2, centred when 1. Returns the width drawn. */
/* As label(); *was_cut tells whether s was shortened. */
static float label_cut(pdf_ctx *c, float x, float y, int face, float size, const float rgb[3],
                       const char *s, float max_w, int align, int *was_cut) {
  pdf_para_clear(&c->para);
  pdf_style st = {face, size, {rgb[0], rgb[1], rgb[2]}, 0, NULL, 0};
  int more = s ? pdf_para_add_label(c, &c->para, s, &st) : -1, cut;
  if (more < 0)
    return 0;
  float ell = pdf_width(c, face, size, "…", 3);
  size_t len = pdf_shorten(c, face, size, c->para.s, c->para.len, max_w, ell, more, &cut);
  float w = pdf_width(c, face, size, c->para.s, len);
  float tw = w + (cut ? ell : 0);
  float x0 = align == 2 ? x - tw : align == 1 ? x - tw / 2 : x;
  pdf_text_at(c, x0, y, face, size, rgb, c->para.s, len);
  if (cut)
    pdf_text_at(c, x0 + w, y, face, size, rgb, "…", 3);
  if (was_cut)
    *was_cut = cut;
  return tw;
}

static float label(pdf_ctx *c, float x, float y, int face, float size, const float rgb[3],
                   const char *s, float max_w, int align) {
  return label_cut(c, x, y, face, size, rgb, s, max_w, align, NULL);
}

/* A key figure's label and change in full, as the alternative text of
 * its paragraph when the card shows them shortened. */
static int card_alt(pdf_ctx *c, const char *lab, const char *chg) {
  char *full = NULL;
  int n = chg && *chg ? asprintf(&full, "%s %s", lab, chg) : asprintf(&full, "%s", lab);
  if (n < 0) {
    c->oom = 1;
    return -1;
  }
  int rc = pdf_tag_alt(c, full);
  free(full);
  return rc;
}

/* ---- key figures ----------------------------------------------------------------- */

int pdf_figures(pdf_ctx *c, const ar_node *figs) {
  size_t n = 0;
  for (const ar_node *f = ar_node_first_child(figs); f; f = ar_node_next(f))
    n++;
  if (n == 0)
    return 0;
  size_t per = n == 2 || n == 4 ? 2 : 3;
  if (n == 1)
    per = 1;
  const float gap = 10, pad = 9, lab_lh = 8.5f * 1.3f;
  float cw = (c->width - gap * (float)(per - 1)) / (float)per;
  /* No card is taller than a page: a longer label is cut with "…". */
  float lab_room = c->st->page_h - c->mt - c->mb - gap - (2 * pad + 22 + 6 + 12);
  size_t most = lab_room > lab_lh ? (size_t)(lab_room / lab_lh) : 1;
  if (n == 1 && cw > c->width * 0.5f)
    cw = c->width * 0.5f;
  const ar_node *f = ar_node_first_child(figs);
  c->y -= 2;
  /* A list: each card an item, its value the label, its words the body. */
  if (pdf_tag_open(c, PDF_S_L))
    return -1;
  while (f) {
    /* Height of the row: the tallest card. */
    float h = 0;
    const ar_node *g = f;
    for (size_t k = 0; k < per && g; k++, g = ar_node_next(g)) {
      pdf_para_clear(&c->para);
      pdf_style st = {PDF_REGULAR, 8.5f, {0, 0, 0}, 0, NULL, 0};
      const char *lab = ar_figure_label(g);
      if (pdf_para_add(c, &c->para, lab ? lab : "", &st) ||
          pdf_break_lines(c, &c->para, cw - 2 * pad, &c->lines))
        return -1;
      size_t shown = c->lines.n < most ? c->lines.n : most;
      float ch = pad + 22 + 6 + (float)shown * lab_lh + pad;
      if (ar_figure_change(g) && *ar_figure_change(g))
        ch += 12;
      if (ch > h)
        h = ch;
    }
    if (pdf_ensure(c, h + gap))
      return -1;
    float x = c->x0;
    for (size_t k = 0; k < per && f; k++, f = ar_node_next(f), x += cw + gap) {
      float top = c->y;
      pdf_fill_rect(c, x, top - h, cw, h, card_bg);
      pdf_fill_rect(c, x, top - 2.5f, cw, 2.5f, accent);
      const char *v = ar_figure_value(f);
      float size = 21;
      pdf_para_clear(&c->para);
      pdf_style vs = {PDF_BOLD, size, {accent[0], accent[1], accent[2]}, 0, NULL, 0};
      if (pdf_para_add(c, &c->para, v ? v : "", &vs))
        return -1;
      while (size > 10 && pdf_width(c, PDF_BOLD, size, c->para.s, c->para.len) > cw - 2 * pad)
        size -= 1;
      if (pdf_tag_open(c, PDF_S_LI) || pdf_tag_open(c, PDF_S_LBL))
        return -1;
      label(c, x + pad, top - pad - 18, PDF_BOLD, size, accent, v, cw - 2 * pad, 0);
      pdf_tag_close(c);
      if (pdf_tag_open(c, PDF_S_LBODY) || pdf_tag_open(c, PDF_S_P))
        return -1;
      pdf_para_clear(&c->para);
      pdf_style st = {PDF_REGULAR, 8.5f, {ink[0], ink[1], ink[2]}, 0, NULL, 0};
      const char *lab = ar_figure_label(f);
      if (pdf_para_add(c, &c->para, lab ? lab : "", &st) ||
          pdf_break_lines(c, &c->para, cw - 2 * pad, &c->lines))
        return -1;
      float base = top - pad - 22 - 6 - 8.5f;
      for (size_t i = 0; i < c->lines.n && i < most; i++, base -= lab_lh) {
        pdf_line ln = c->lines.v[i];
        if (i + 1 == most && c->lines.n > most) { /* the last shown, cut */
          float ell = pdf_width(c, PDF_REGULAR, 8.5f, "…", 3);
          ln.end = ln.start + pdf_fit(c, PDF_REGULAR, 8.5f, c->para.s + ln.start,
                                      ln.end - ln.start, ell, cw - 2 * pad);
          ln.width = pdf_width(c, PDF_REGULAR, 8.5f, c->para.s + ln.start, ln.end - ln.start);
          pdf_text_at(c, x + pad + ln.width, base, PDF_REGULAR, 8.5f, ink, "…", 3);
        }
        pdf_draw_line(c, &c->para, &ln, x + pad, base, cw - 2 * pad, 0, 0);
      }
      int cut = c->lines.n > most;
      const char *chg = ar_figure_change(f);
      if (chg && *chg) {
        int chg_cut = 0;
        label_cut(c, x + pad, top - h + pad, PDF_ITALIC, 8, grey, chg, cw - 2 * pad, 0, &chg_cut);
        cut |= chg_cut;
      }
      if (cut && pdf_drawing(c) && card_alt(c, lab ? lab : "", chg))
        return -1;
      pdf_tag_close(c); /* P */
      pdf_tag_close(c); /* LBody */
      pdf_tag_close(c); /* LI */
    }
    c->y -= h + gap;
  }
  pdf_tag_close(c);
  c->y -= PDF_GAP - 4;
  return c->failed ? -1 : 0;
}

/* ---- charts ------------------------------------------------------------------------ */

static float legend(pdf_ctx *c, const ar_node *ch, float y, int draw) {
  size_t ns = ar_chart_series_count(ch);
  if (ns < 2)
    return 0;
  float x = c->x0, h = 12;
  for (size_t s = 0; s < ns; s++) {
    const char *name = ar_chart_series_name(ch, s);
    float w = pdf_width(c, PDF_REGULAR, 8, name ? name : "", name ? strlen(name) : 0) + 22;
    if (x + w > c->x0 + c->width && x > c->x0) {
      x = c->x0;
      y -= 12;
      h += 12;
    }
    if (draw) {
      pdf_fill_rect(c, x, y - 8, 8, 8, palette[s % NPAL]);
      label(c, x + 11, y - 7.5f, PDF_REGULAR, 8, ink, name ? name : "", c->width, 0);
    }
    x += w;
  }
  return h;
}

static int chart_title(pdf_ctx *c, const ar_node *ch, float need) {
  const char *title = ar_chart_title(ch), *unit = ar_chart_unit(ch);
  pdf_para_clear(&c->para);
  pdf_style st = {PDF_BOLD, 10, {ink[0], ink[1], ink[2]}, 0, NULL, 0};
  pdf_style us = {PDF_REGULAR, 9, {grey[0], grey[1], grey[2]}, 0, NULL, 0};
  if (title && pdf_para_add(c, &c->para, title, &st))
    return -1;
  if (unit && *unit) {
    char buf[256];
    snprintf(buf, sizeof buf, " (%s)", unit);
    if (pdf_para_add(c, &c->para, buf, &us))
      return -1;
  }
  c->y -= 4;
  if (pdf_ensure(c, need + 30))
    return -1;
  return pdf_paragraph(c, &c->para, 0, 4);
}

/* The width of the chart's widest category name at size. */
static float widest_category(pdf_ctx *c, const ar_node *ch, float size) {
  float widest = 0;
  for (size_t i = 0; i < ar_chart_category_count(ch); i++) {
    const char *s = ar_chart_category(ch, i);
    float w = pdf_width(c, PDF_REGULAR, size, s, strlen(s));
    if (w > widest)
      widest = w;
  }
  return widest;
}

static int bar_chart(pdf_ctx *c, const ar_node *ch) {
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  double lo, hi;
  ar_layout_bar_range(ch, &lo, &hi);
  int dec = ar_layout_chart_decimals(ch);
  float bh = ns > 1 ? 7.5f : 10, group = bh * (float)ns + 6;
  float labw = widest_category(c, ch, 8);
  if (labw > c->width * 0.32f)
    labw = c->width * 0.32f;
  char buf[64];
  ar_layout_number(buf, sizeof buf, hi, dec);
  float vw = pdf_width(c, PDF_REGULAR, 7.5f, buf, strlen(buf)) + 6;
  ar_layout_number(buf, sizeof buf, lo, dec);
  float nw = lo < 0 ? pdf_width(c, PDF_REGULAR, 7.5f, buf, strlen(buf)) + 6 : 0;
  float px = c->x0 + labw + 8 + nw, pw = c->x0 + c->width - vw - px;
  float total = group * (float)nc + 18 + legend(c, ch, 0, 0);
  if (chart_title(c, ch, total < 200 ? total : 200))
    return -1;
  if (legend(c, ch, 0, 0) > 0) {
    float h = legend(c, ch, c->y, 1);
    c->y -= h + 2;
  }
  float zx = px + (float)ar_layout_scale(lo, hi, 0) * pw;
  const char *no_data = ar_document_word(c->doc, AR_WORD_NO_DATA);
  float top = c->y;
  for (size_t i = 0; i < nc; i++) {
    if (c->y - group < pdf_bottom(c)) {
      pdf_stroke_line(c, zx, c->y, zx, top, 0.6f, axis);
      if (pdf_new_page(c))
        return -1;
      top = c->y;
    }
    float gy = c->y - 3;
    label(c, c->x0 + labw, gy - (float)ns * bh / 2 - 2.8f, PDF_REGULAR, 8, ink,
          ar_chart_category(ch, i), labw, 2);
    for (size_t s = 0; s < ns; s++) {
      double v;
      float by = gy - bh * (float)(s + 1);
      if (!ar_chart_value(ch, s, i, &v)) {
        label(c, zx + 3, by + bh / 2 - 2.6f, PDF_ITALIC, 7, grey, no_data,
              c->x0 + c->width - zx - 3, 0);
        continue;
      }
      float vx = px + (float)ar_layout_scale(lo, hi, v) * pw;
      float x0 = v >= 0 ? zx : vx, w = fabsf(vx - zx);
      pdf_fill_rect(c, x0, by + 0.8f, w < 0.5f ? 0.5f : w, bh - 1.6f, palette[s % NPAL]);
      ar_layout_number(buf, sizeof buf, v, dec);
      if (v >= 0)
        label(c, vx + 3, by + bh / 2 - 2.6f, PDF_REGULAR, 7.5f, ink, buf, vw, 0);
      else
        label(c, vx - 3, by + bh / 2 - 2.6f, PDF_REGULAR, 7.5f, ink, buf, nw, 2);
    }
    c->y -= group;
  }
  pdf_stroke_line(c, zx, c->y, zx, top, 0.6f, axis);
  c->y -= PDF_GAP + 6;
  return c->failed ? -1 : 0;
}

static int line_chart(pdf_ctx *c, const ar_node *ch) {
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  ar_layout_axis ax;
  ar_layout_chart_axis(ch, &ax);
  double lo = ax.lo, hi = ax.hi;
  int dec = ar_layout_chart_decimals(ch);
  char buf[64];
  float aw = 0;
  for (size_t k = 0; k < ax.nticks; k++) {
    ar_layout_number(buf, sizeof buf, ax.ticks[k], ax.decimals);
    float w = pdf_width(c, PDF_REGULAR, 7.5f, buf, strlen(buf));
    if (w > aw)
      aw = w;
  }
  const float ph = 115;
  float lh = legend(c, ch, 0, 0);
  if (chart_title(c, ch, ph + 24 + lh))
    return -1;
  if (lh > 0) {
    legend(c, ch, c->y, 1);
    c->y -= lh + 4;
  }
  float px = c->x0 + aw + 6, pw = c->x0 + c->width - px - 6;
  float top = c->y - 4, bot = top - ph;
  for (size_t k = 0; k < ax.nticks; k++) {
    double t = ax.ticks[k];
    float y = bot + (float)ar_layout_scale(lo, hi, t) * ph;
    int zero = k == ax.zero;
    pdf_stroke_line(c, px, y, px + pw, y, zero ? 0.7f : 0.3f, zero ? axis : grid);
    ar_layout_number(buf, sizeof buf, t, ax.decimals);
    label(c, px - 4, y - 2.6f, PDF_REGULAR, 7.5f, grey, buf, aw + 2, 2);
  }
  pdf_stroke_line(c, px, bot, px, top, 0.6f, axis);
  float dx = nc ? pw / (float)nc : pw;
  /* Category labels: as many as fit. */
  size_t every = ar_layout_label_step(widest_category(c, ch, 7.5f) + 4, dx, nc);
  for (size_t i = 0; i < nc; i += every)
    label(c, px + dx * ((float)i + 0.5f), bot - 10, PDF_REGULAR, 7.5f, ink,
          ar_chart_category(ch, i), dx * (float)every - 2, 1);
  for (size_t s = 0; s < ns && pdf_drawing(c); s++) {
    const float *col = palette[s % NPAL];
    HPDF_Page_SetLineWidth(c->page, 1.6f);
    HPDF_Page_SetRGBStroke(c->page, col[0], col[1], col[2]);
    HPDF_Page_SetLineJoin(c->page, HPDF_ROUND_JOIN);
    int open = 0;
    for (size_t i = 0; i < nc; i++) {
      double v;
      if (!ar_chart_value(ch, s, i, &v)) {
        if (open)
          HPDF_Page_Stroke(c->page);
        open = 0;
        continue;
      }
      float x = px + dx * ((float)i + 0.5f), y = bot + (float)ar_layout_scale(lo, hi, v) * ph;
      if (open)
        HPDF_Page_LineTo(c->page, x, y);
      else
        HPDF_Page_MoveTo(c->page, x, y);
      open = 1;
    }
    if (open)
      HPDF_Page_Stroke(c->page);
    HPDF_Page_SetRGBFill(c->page, col[0], col[1], col[2]);
    for (size_t i = 0; i < nc; i++) {
      double v;
      if (!ar_chart_value(ch, s, i, &v))
        continue;
      float x = px + dx * ((float)i + 0.5f), y = bot + (float)ar_layout_scale(lo, hi, v) * ph;
      HPDF_Page_Circle(c->page, x, y, 2.2f);
      HPDF_Page_Fill(c->page);
      if (ar_layout_point_labels(ch)) {
        int below = ar_layout_label_below(ch, s, i) && y - bot >= 12;
        ar_layout_number(buf, sizeof buf, v, dec);
        label(c, x, below ? y - 10 : y + 4, PDF_REGULAR, 7, ink, buf, dx, 1);
      }
    }
  }
  c->y = bot - 14 - PDF_GAP - 6;
  return c->failed ? -1 : 0;
}

int pdf_chart(pdf_ctx *c, const ar_node *ch) {
  if (ar_chart_category_count(ch) == 0 || ar_chart_series_count(ch) == 0)
    return 0;
  /* One Figure, its title and what it shows in words as its alternative
   * text, all it draws inside. */
  if (pdf_tag_open(c, PDF_S_FIGURE))
    return -1;
  if (pdf_tag_current(c)) {
    char *words = ar_layout_chart_description(c->doc, ch), *alt = NULL;
    const char *title = ar_chart_title(ch);
    if (!words || asprintf(&alt, "%s. %s", title ? title : "", words) < 0)
      alt = NULL;
    free(words);
    int rc = alt ? pdf_tag_alt(c, alt) : pdf_fail(c, "out of memory");
    free(alt);
    if (rc)
      return -1;
  }
  pdf_mc_begin(c);
  int rc = ar_chart_get_kind(ch) == AR_CHART_LINE ? line_chart(c, ch) : bar_chart(c, ch);
  pdf_mc_end(c);
  pdf_tag_close(c);
  return rc;
}
