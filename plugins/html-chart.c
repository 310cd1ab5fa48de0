/* html-chart.c: charts as figures holding inline SVG (role="img", with a
 * title and a description), a legend when there are several series, and
 * the same numbers as a table behind <details>.
 *
 * The SVG scales with the page; its drawing is sized for a viewBox 400
 * units wide, text widths being estimated (the fonts are the reader's). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define W 400.0
#define LABEL_SIZE 15.0
#define SMALL_SIZE 13.5
#define NSERIES_CLASSES 6

/* Code points in s (bytes that start one). */
static size_t glyphs(const char *s) {
  size_t n = 0;
  for (; s && *s; s++)
    n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* A rough width of s in the viewBox at the font size given. */
static double est_width(const char *s, double size) { return (double)glyphs(s) * size * 0.56; }

/* s as SVG text, cut with "…" to about max_w. */
static void svg_text(html_writer *w, const char *s, double size, double max_w) {
  if (!s)
    return;
  size_t keep = (size_t)(max_w / (size * 0.56));
  if (glyphs(s) <= keep || keep < 2) {
    hw_text(w, s);
    return;
  }
  const char *p = s;
  for (size_t n = 0; *p; p++)
    if (((unsigned char)*p & 0xC0) != 0x80 && n++ == keep - 1)
      break;
  char buf[1024];
  size_t len = (size_t)(p - s) < sizeof buf - 4 ? (size_t)(p - s) : sizeof buf - 4;
  while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
    len--;
  memcpy(buf, s, len);
  strcpy(buf + len, "…");
  hw_text(w, buf);
}

/* "39 members" */
static void value_with_unit(html_writer *w, const ar_node *ch, double v, int dec) {
  char buf[64];
  ar_layout_number(buf, sizeof buf, v, dec);
  hw_text(w, buf);
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit) {
    hw_raw(w, " ");
    hw_text(w, unit);
  }
}

/* ---- description, legend, data table ---------------------------------------------- */

/* The words the PDF's /Alt gives too, then where the values are listed. */
static void description(html_ctx *c, const ar_node *ch) {
  char *words = ar_layout_chart_description(c->doc, ch);
  if (!words) {
    c->w.failed = 1;
    return;
  }
  hw_text(&c->w, words);
  free(words);
  hw_raw(&c->w, " ");
  html_word(c, AR_WORD_CHART_TABLE, NULL, 0);
}

static void legend(html_writer *w, const ar_node *ch) {
  size_t ns = ar_chart_series_count(ch);
  if (ns < 2)
    return;
  hw_raw(w, "<ul class=\"legend\">\n");
  for (size_t s = 0; s < ns; s++) {
    hw_printf(w, "<li><span class=\"swatch series-%zu\"></span>", s % NSERIES_CLASSES);
    hw_text(w, ar_chart_series_name(ch, s));
    hw_raw(w, "</li>\n");
  }
  hw_raw(w, "</ul>\n");
}

static void data_table(html_ctx *c, const ar_node *ch, int dec, size_t id) {
  html_writer *w = &c->w;
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  hw_raw(w, "<details>\n<summary>");
  hw_text(w, ar_document_word(c->doc, AR_WORD_CHART_DATA));
  hw_printf(w, "</summary>\n"
               "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\" "
               "aria-labelledby=\"ar-chart-%zu-data\">\n<table>\n"
               "<caption id=\"ar-chart-%zu-data\">",
            id, id);
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit) { /* two data strings side by side: each isolated */
    hw_wrap(w, "<bdi>", ar_chart_title(ch), "</bdi> (");
    hw_wrap(w, "<bdi>", unit, "</bdi>)");
  } else {
    hw_text(w, ar_chart_title(ch));
  }
  hw_raw(w, "</caption>\n<thead>\n<tr><td></td>");
  for (size_t s = 0; s < ns; s++) {
    hw_raw(w, "<th scope=\"col\" class=\"numeric\">");
    hw_text(w, ar_chart_series_name(ch, s));
    hw_raw(w, "</th>");
  }
  hw_raw(w, "</tr>\n</thead>\n<tbody>\n");
  for (size_t i = 0; i < nc; i++) {
    hw_raw(w, "<tr><th scope=\"row\">");
    hw_text(w, ar_chart_category(ch, i));
    hw_raw(w, "</th>");
    for (size_t s = 0; s < ns; s++) {
      double v;
      char buf[64];
      hw_raw(w, "<td class=\"numeric\">");
      if (ar_chart_value(ch, s, i, &v)) {
        ar_layout_number(buf, sizeof buf, v, dec);
        hw_text(w, buf);
      } else {
        hw_text(w, ar_document_word(c->doc, AR_WORD_NO_DATA));
      }
      hw_raw(w, "</td>");
    }
    hw_raw(w, "</tr>\n");
  }
  hw_raw(w, "</tbody>\n</table>\n</div>\n</details>\n");
}

/* ---- the SVG --------------------------------------------------------------------- */

static void svg_open(html_ctx *c, const ar_node *ch, int dec, size_t id, double h) {
  html_writer *w = &c->w;
  hw_printf(w, "<svg role=\"img\" aria-labelledby=\"ar-chart-%zu-title ar-chart-%zu-desc\" "
               "viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n"
               "<title id=\"ar-chart-%zu-title\">",
            id, id, W, ceil(h), id);
  hw_text(w, ar_chart_title(ch));
  hw_printf(w, "</title>\n<desc id=\"ar-chart-%zu-desc\">", id);
  description(c, ch);
  hw_raw(w, "</desc>\n");
}

/* A point's or bar's tooltip: "Category, series: value unit". */
static void tooltip(html_writer *w, const ar_node *ch, size_t s, size_t i, double v, int dec) {
  hw_raw(w, "<title>");
  hw_text(w, ar_chart_category(ch, i));
  if (ar_chart_series_count(ch) > 1) {
    hw_raw(w, ", ");
    hw_text(w, ar_chart_series_name(ch, s));
  }
  hw_raw(w, ": ");
  value_with_unit(w, ch, v, dec);
  hw_raw(w, "</title>");
}

static double widest_tick(const ar_layout_axis *a) {
  double widest = 0;
  char buf[64];
  for (size_t k = 0; k < a->nticks; k++) {
    ar_layout_number(buf, sizeof buf, a->ticks[k], a->decimals);
    double tw = est_width(buf, SMALL_SIZE);
    if (tw > widest)
      widest = tw;
  }
  return widest;
}

/* Horizontal bars, each category's label above its bars, an axis with
 * ticks and the unit below. */
static void bar_svg(html_ctx *c, const ar_node *ch, const ar_layout_axis *ax, int dec,
                    size_t id) {
  html_writer *w = &c->w;
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  char buf[64];
  double vw = 0;
  for (size_t s = 0; s < ns; s++)
    for (size_t i = 0; i < nc; i++) {
      double v;
      if (ar_chart_value(ch, s, i, &v)) {
        ar_layout_number(buf, sizeof buf, v, dec);
        double tw = est_width(buf, SMALL_SIZE) + 6;
        if (tw > vw)
          vw = tw;
      }
    }
  double bh = ns > 1 ? 14 : 18, label_h = 20, gap = 12;
  double group = label_h + bh * (double)ns + 2 * (double)(ns - 1) + gap;
  double tw = widest_tick(ax) / 2 + 2;
  double x0 = ax->lo < 0 ? (vw > tw ? vw : tw) : tw, x1 = W - (vw > tw ? vw : tw);
  double plot_h = group * (double)nc, h = plot_h + 46;
  svg_open(c, ch, dec, id, h);
#define X(v) (x0 + ar_layout_scale(ax->lo, ax->hi, (v)) * (x1 - x0))
  for (size_t k = 0; k < ax->nticks; k++) {
    double t = ax->ticks[k];
    hw_printf(w, "<line class=\"%s\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
              k == ax->zero ? "axis" : "grid", X(t), X(t), plot_h);
    ar_layout_number(buf, sizeof buf, t, ax->decimals);
    hw_printf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
                 "text-anchor=\"middle\">%s</text>\n",
              X(t), plot_h + 17, SMALL_SIZE, buf);
  }
  hw_printf(w, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x0,
            plot_h, x1, plot_h);
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit) {
    hw_printf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
                 "text-anchor=\"middle\">",
              (x0 + x1) / 2, plot_h + 38, SMALL_SIZE);
    svg_text(w, unit, SMALL_SIZE, W);
    hw_raw(w, "</text>\n");
  }
  for (size_t i = 0; i < nc; i++) {
    double y = group * (double)i;
    hw_printf(w, "<text class=\"category\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">", x0 + 3,
              y + 14, LABEL_SIZE);
    svg_text(w, ar_chart_category(ch, i), LABEL_SIZE, W - x0 - 3);
    hw_raw(w, "</text>\n");
    for (size_t s = 0; s < ns; s++) {
      double by = y + label_h + (bh + 2) * (double)s, v;
      double ty = by + bh / 2 + SMALL_SIZE * 0.35;
      if (!ar_chart_value(ch, s, i, &v)) {
        hw_printf(w, "<text class=\"chart-missing\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">",
                  X(0) + 4, ty, SMALL_SIZE);
        hw_text(w, ar_document_word(c->doc, AR_WORD_NO_DATA));
        hw_raw(w, "</text>\n");
        continue;
      }
      double a = X(v < 0 ? v : 0), b = X(v < 0 ? 0 : v);
      hw_printf(w, "<rect class=\"series-%zu\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                s % NSERIES_CLASSES, a, by, b - a < 1 ? 1 : b - a, bh);
      tooltip(w, ch, s, i, v, dec);
      hw_raw(w, "</rect>\n");
      ar_layout_number(buf, sizeof buf, v, dec);
      if (v >= 0)
        hw_printf(w, "<text class=\"chart-value\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">%s</text>\n",
                  b + 4, ty, SMALL_SIZE, buf);
      else
        hw_printf(w, "<text class=\"chart-value\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
                     "text-anchor=\"end\">%s</text>\n",
                  a - 4, ty, SMALL_SIZE, buf);
    }
  }
#undef X
  hw_raw(w, "</svg>\n");
}

/* Lines over categories, gaps where values are missing, the values written
 * by the points when there is one series of a dozen points or fewer. */
static void line_svg(html_ctx *c, const ar_node *ch, const ar_layout_axis *ax, int dec,
                     size_t id) {
  html_writer *w = &c->w;
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  char buf[64];
  const double top = 26, ph = 190, h = top + ph + 30;
  double px = widest_tick(ax) + 8, pw = W - px - 10;
  double dx = nc ? pw / (double)nc : pw;
  svg_open(c, ch, dec, id, h);
#define Y(v) (top + ph - ar_layout_scale(ax->lo, ax->hi, (v)) * ph)
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit) {
    hw_printf(w, "<text class=\"tick\" x=\"0\" y=\"%.1f\" font-size=\"%.1f\">", 12.0, SMALL_SIZE);
    svg_text(w, unit, SMALL_SIZE, W);
    hw_raw(w, "</text>\n");
  }
  for (size_t k = 0; k < ax->nticks; k++) {
    double t = ax->ticks[k];
    hw_printf(w, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
              k == ax->zero ? "axis" : "grid", px, Y(t), px + pw, Y(t));
    ar_layout_number(buf, sizeof buf, t, ax->decimals);
    hw_printf(w, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
                 "text-anchor=\"end\">%s</text>\n",
              px - 6, Y(t) + SMALL_SIZE * 0.35, SMALL_SIZE, buf);
  }
  hw_printf(w, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", px,
            top, px, top + ph);
  double widest = 0;
  for (size_t i = 0; i < nc; i++) {
    double cw = est_width(ar_chart_category(ch, i), SMALL_SIZE);
    if (cw > widest)
      widest = cw;
  }
  size_t every = ar_layout_label_step(widest + 6, dx, nc);
  for (size_t i = 0; i < nc; i += every) {
    hw_printf(w, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"middle\">",
              px + dx * ((double)i + 0.5), top + ph + 20, SMALL_SIZE);
    svg_text(w, ar_chart_category(ch, i), SMALL_SIZE, dx * (double)every - 4);
    hw_raw(w, "</text>\n");
  }
  for (size_t s = 0; s < ns; s++) {
    size_t cls = s % NSERIES_CLASSES;
    int open = 0;
    for (size_t i = 0; i <= nc; i++) {
      double v;
      int have = i < nc && ar_chart_value(ch, s, i, &v);
      if (have) {
        if (!open)
          hw_printf(w, "<polyline class=\"series-%zu\" points=\"", cls);
        hw_printf(w, "%s%.1f,%.1f", open ? " " : "", px + dx * ((double)i + 0.5), Y(v));
        open = 1;
      } else if (open) {
        hw_raw(w, "\"/>\n");
        open = 0;
      }
    }
    for (size_t i = 0; i < nc; i++) {
      double v;
      if (!ar_chart_value(ch, s, i, &v))
        continue;
      double x = px + dx * ((double)i + 0.5), y = Y(v);
      hw_printf(w, "<circle class=\"series-%zu\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\">", cls, x, y);
      tooltip(w, ch, s, i, v, dec);
      hw_raw(w, "</circle>\n");
      if (!ar_layout_point_labels(ch))
        continue;
      int below = ar_layout_label_below(ch, s, i) && top + ph - y >= 18;
      ar_layout_number(buf, sizeof buf, v, dec);
      hw_printf(w, "<text class=\"chart-value\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" "
                   "text-anchor=\"middle\">%s</text>\n",
                x, below ? y + 18 : y - 9, SMALL_SIZE, buf);
    }
  }
#undef Y
  hw_raw(w, "</svg>\n");
}

void html_chart(html_ctx *c, const ar_node *ch) {
  html_writer *w = &c->w;
  if (ar_chart_category_count(ch) == 0 || ar_chart_series_count(ch) == 0)
    return;
  size_t id = ++c->ncharts;
  int dec = ar_layout_chart_decimals(ch);
  hw_raw(w, "<figure class=\"chart\">\n<figcaption>");
  hw_text(w, ar_chart_title(ch));
  hw_raw(w, "</figcaption>\n");
  legend(w, ch);
  ar_layout_axis axis;
  ar_layout_chart_axis(ch, &axis);
  if (ar_chart_get_kind(ch) == AR_CHART_LINE)
    line_svg(c, ch, &axis, dec, id);
  else
    bar_svg(c, ch, &axis, dec, id);
  data_table(c, ch, dec, id);
  hw_raw(w, "</figure>\n");
}
