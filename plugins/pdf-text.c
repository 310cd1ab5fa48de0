/* pdf-text.c: paragraphs. Inlines become styled spans of one UTF-8 buffer;
 * lines are broken at UAX #14 opportunities (u8_possible_linebreaks) and
 * measured with the fonts' glyph widths (HPDF_Font_TextWidth sums per
 * character with the UTF-8 encoder); a piece wider than a line is cut
 * between characters, never inside one. Breaking measures each byte a
 * bounded number of times, so it takes time linear in the paragraph,
 * however long its words or many its spans. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

#include "alliance-report/layout.h"
#include "pdf.h"

static const float link_rgb[3] = {0.05f, 0.28f, 0.63f};

void pdf_para_clear(pdf_para *p) {
  p->len = 0;
  p->nsp = 0;
  p->space = 1; /* drops leading spaces */
}

void pdf_para_free(pdf_para *p) {
  free(p->s);
  free(p->sp);
  memset(p, 0, sizeof *p);
}

void pdf_lines_free(pdf_lines *l) {
  free(l->v);
  memset(l, 0, sizeof *l);
}

pdf_style pdf_base_style(const pdf_ctx *c) {
  pdf_style st = {c->base_face, c->base_size, {c->base_rgb[0], c->base_rgb[1], c->base_rgb[2]},
                  0, NULL, 0};
  return st;
}

static int same_style(const pdf_style *a, const pdf_style *b) {
  return a->face == b->face && a->size == b->size && a->rise == b->rise && a->url == b->url &&
         a->cite == b->cite &&
         memcmp(a->rgb, b->rgb, sizeof a->rgb) == 0;
}

static int put_bytes(pdf_ctx *c, pdf_para *p, const char *s, size_t n, const pdf_style *st) {
  if (n == 0)
    return 0;
  if (p->len + n + 1 > p->cap) {
    size_t cap = p->cap ? p->cap : 256;
    while (cap < p->len + n + 1)
      cap *= 2;
    char *g = realloc(p->s, cap);
    if (!g)
      goto oom;
    p->s = g;
    p->cap = cap;
  }
  memcpy(p->s + p->len, s, n);
  if (p->nsp && same_style(&p->sp[p->nsp - 1].st, st) &&
      p->sp[p->nsp - 1].off + p->sp[p->nsp - 1].len == p->len) {
    p->sp[p->nsp - 1].len += n;
  } else {
    if (p->nsp == p->capsp) {
      size_t cap = p->capsp ? 2 * p->capsp : 16;
      pdf_span *g = realloc(p->sp, cap * sizeof *g);
      if (!g)
        goto oom;
      p->sp = g;
      p->capsp = cap;
    }
    p->sp[p->nsp].off = p->len;
    p->sp[p->nsp].len = n;
    p->sp[p->nsp].st = *st;
    p->nsp++;
  }
  p->len += n;
  p->s[p->len] = '\0';
  return 0;
oom:
  c->oom = 1;
  return pdf_fail(c, "out of memory");
}

uint32_t pdf_shown_as(uint32_t ch) {
  if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
    return ' ';
  if (ch < 0x20 || (ch >= 0x7F && ch < 0xA0) || (ch >= 0x202A && ch <= 0x202E) ||
      (ch >= 0x2066 && ch <= 0x2069))
    return 0; /* controls; directional formatting, which a PDF does not apply */
  if (ch > 0xFFFF || (ch >= 0xFDD0 && ch <= 0xFDEF) || ch >= 0xFFFE)
    return 0xFFFD;
  return ch;
}

static int add_n(pdf_ctx *c, pdf_para *p, const char *s, size_t len, const pdf_style *st) {
  const uint8_t *u = (const uint8_t *)s, *end = u + len;
  while (u < end) {
    ucs4_t ch;
    int n = u8_mbtoucr(&ch, u, (size_t)(end - u));
    if (n < 0) {
      ch = 0xFFFD;
      n = 1;
    }
    const uint8_t *here = u;
    u += n;
    uint32_t shown = pdf_shown_as(ch);
    if (shown == ' ') {
      if (!p->space && put_bytes(c, p, " ", 1, st))
        return -1;
      p->space = 1;
      continue;
    }
    if (shown == 0)
      continue;
    p->space = 0;
    if (shown == 0xFFFD) {
      if (ch > 0xFFFF)
        c->nonbmp++;
      if (put_bytes(c, p, "\xEF\xBF\xBD", 3, st))
        return -1;
      continue;
    }
    if (put_bytes(c, p, (const char *)here, (size_t)n, st))
      return -1;
  }
  return 0;
}

int pdf_para_add(pdf_ctx *c, pdf_para *p, const char *s, const pdf_style *st) {
  return add_n(c, p, s, strlen(s), st);
}

int pdf_para_add_label(pdf_ctx *c, pdf_para *p, const char *s, const pdf_style *st) {
  size_t len = strlen(s), head = pdf_clip(s, len, PDF_MAX_LABEL);
  return add_n(c, p, s, head, st) ? -1 : head < len;
}

int pdf_para_add_break(pdf_ctx *c, pdf_para *p, const pdf_style *st) {
  /* A space before the break is dropped. */
  if (p->len && p->s[p->len - 1] == ' ') {
    p->len--;
    if (p->nsp && --p->sp[p->nsp - 1].len == 0)
      p->nsp--;
  }
  p->space = 1;
  return put_bytes(c, p, "\n", 1, st);
}

static int inlines(pdf_ctx *c, pdf_para *p, const ar_node *node, pdf_style st) {
  for (const ar_node *n = ar_node_first_child(node); n; n = ar_node_next(n)) {
    pdf_style s = st;
    switch (ar_node_get_type(n)) {
    case AR_NODE_TEXT:
      if (pdf_para_add(c, p, ar_text_literal(n), &st))
        return -1;
      break;
    case AR_NODE_EMPH:
      s.face |= PDF_ITALIC;
      if (st.face & PDF_ITALIC) /* emphasis inside italics: upright */
        s.face &= ~PDF_ITALIC;
      if (inlines(c, p, n, s))
        return -1;
      break;
    case AR_NODE_STRONG:
      s.face |= PDF_BOLD;
      if (inlines(c, p, n, s))
        return -1;
      break;
    case AR_NODE_LINK:
      s.url = ar_link_url(n);
      memcpy(s.rgb, link_rgb, sizeof s.rgb);
      if (inlines(c, p, n, s))
        return -1;
      break;
    case AR_NODE_CITE: {
      char buf[32];
      ar_layout_note_marker(buf, sizeof buf, ar_cite_number(n));
      s.size = st.size * 0.72f;
      s.rise = st.size * 0.33f;
      s.cite = c->tags.on ? (int)ar_cite_number(n) : 0; /* one Reference each */
      int sp = p->space;
      if (pdf_para_add(c, p, buf, &s))
        return -1;
      p->space = sp && p->len == 0;
      break;
    }
    case AR_NODE_BREAK:
      if (pdf_para_add_break(c, p, &st))
        return -1;
      break;
    default:
      break;
    }
  }
  return 0;
}

int pdf_para_inlines(pdf_ctx *c, pdf_para *p, const ar_node *node, const pdf_style *base) {
  return inlines(c, p, node, *base);
}

/* The first span ending after byte a (spans follow each other). */
static size_t span_at(const pdf_para *p, size_t a) {
  size_t lo = 0, hi = p->nsp;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (p->sp[mid].off + p->sp[mid].len <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Width of bytes [a, b) over the spans. */
static float measure(pdf_ctx *c, const pdf_para *p, size_t a, size_t b) {
  float w = 0;
  for (size_t i = span_at(p, a); i < p->nsp && a < b && p->sp[i].off < b; i++) {
    const pdf_span *sp = &p->sp[i];
    size_t s0 = sp->off, s1 = sp->off + sp->len;
    size_t x0 = a > s0 ? a : s0, x1 = b < s1 ? b : s1;
    w += pdf_width(c, sp->st.face, sp->st.size, p->s + x0, x1 - x0);
  }
  return w;
}

/* The width of bytes from a start, taken in order a range at a time: the
 * units of each span are summed before they become points, as measure()
 * does, so that both give the same width to the last bit. */
typedef struct {
  float done;     /* the spans before the current one */
  size_t span;    /* the current span, or (size_t)-1 before any */
  uint64_t units; /* of the current span */
} meter;

static void meter_start(meter *m) {
  m->done = 0;
  m->span = (size_t)-1;
  m->units = 0;
}

static float meter_width(const pdf_para *p, const meter *m) {
  if (m->span == (size_t)-1)
    return m->done;
  return m->done + (float)m->units * p->sp[m->span].st.size / 1000.0f;
}

/* Takes bytes [a, b) in, a being where the range taken so far ends. */
static void meter_add(pdf_ctx *c, const pdf_para *p, meter *m, size_t a, size_t b) {
  for (size_t i = span_at(p, a); i < p->nsp && a < b && p->sp[i].off < b; i++) {
    const pdf_span *sp = &p->sp[i];
    size_t s0 = sp->off, s1 = sp->off + sp->len;
    size_t x0 = a > s0 ? a : s0, x1 = b < s1 ? b : s1;
    if (i != m->span) {
      m->done = meter_width(p, m);
      m->span = i;
      m->units = 0;
    }
    m->units += pdf_units(c, sp->st.face, p->s + x0, x1 - x0);
  }
}

/* Takes bytes [a, b) in while the width stays within limit: 1 when all
 * of them fit, 0 (the meter then holding a part only) when they do not.
 * Widths only grow, so stopping early changes no answer; the bytes are
 * taken in runs of 16, 32, 64... so that a long piece costs about the
 * width of a line rather than its own length. */
static int meter_fits(pdf_ctx *c, const pdf_para *p, meter *m, size_t a, size_t b,
                      float limit) {
  for (size_t stride = 16; a < b; stride *= stride < PDF_MAX_STRING ? 2 : 1) {
    size_t n = pdf_clip(p->s + a, b - a, stride);
    if (n == 0)
      n = b - a < stride ? b - a : stride;
    meter_add(c, p, m, a, a + n);
    if (meter_width(p, m) > limit)
      return 0;
    a += n;
  }
  return meter_width(p, m) <= limit;
}

static int push_line(pdf_ctx *c, pdf_lines *out, size_t a, size_t b, const pdf_para *p,
                     int last) {
  while (b > a && p->s[b - 1] == ' ')
    b--;
  if (pdf_grow(c, (void **)&out->v, &out->cap, out->n, sizeof *out->v))
    return -1;
  out->v[out->n].start = a;
  out->v[out->n].end = b;
  out->v[out->n].width = measure(c, p, a, b);
  out->v[out->n].last = last;
  out->n++;
  return 0;
}

/* Citation numbers stick to what comes before them. */
static void glue_cites(const pdf_para *p, size_t a, size_t b, char *brk) {
  for (size_t i = span_at(p, a); i < p->nsp && p->sp[i].off < b; i++) {
    const pdf_span *sp = &p->sp[i];
    if (sp->st.rise == 0)
      continue;
    size_t k0 = sp->off > a ? sp->off : a, k1 = sp->off + sp->len < b ? sp->off + sp->len : b;
    for (size_t k = k0; k < k1; k++)
      if (brk[k - a] == UC_BREAK_POSSIBLE && k > 0 && p->s[k - 1] != ' ')
        brk[k - a] = UC_BREAK_PROHIBITED;
  }
}

/* The piece of [a, b) that starts at i and runs up to the next break
 * opportunity (brk is indexed from a): it ends at *end, its text without
 * trailing spaces at *text_end. */
static void next_piece(const pdf_para *p, const char *brk, size_t a, size_t b, size_t i,
                       size_t *end, size_t *text_end) {
  size_t j = i + 1;
  while (j < b && brk[j - a] != UC_BREAK_POSSIBLE)
    j++;
  size_t k = j;
  while (k > i && p->s[k - 1] == ' ')
    k--;
  *end = j;
  *text_end = k;
}

/* Breaks bytes [a, b) (no '\n' inside) into lines of width: each piece
 * goes on the line while the line's width to the piece's text fits,
 * else starts the next; a piece wider than a line alone is cut between
 * characters. */
static int break_segment(pdf_ctx *c, const pdf_para *p, size_t a, size_t b, float width,
                         pdf_lines *out, char *brk) {
  if (b == a)
    return push_line(c, out, a, b, p, 1);
  u8_possible_linebreaks((const uint8_t *)p->s + a, b - a, "UTF-8", brk);
  glue_cites(p, a, b, brk);
  size_t start = a, i = a, j = a, k = a; /* the piece [i, j), its text [i, k) */
  meter line;                            /* the width of [start, i) */
  meter_start(&line);
  while (i < b) {
    if (i >= j)
      next_piece(p, brk, a, b, i, &j, &k);
    meter with = line;
    if (meter_fits(c, p, &with, i, k, width + 0.01f)) {
      line = with;
      meter_add(c, p, &line, k, j);
      i = j;
      continue;
    }
    if (start != i) {
      if (push_line(c, out, start, i, p, 0))
        return -1;
      start = i;
      meter_start(&line);
      continue;
    }
    /* Wider than a line alone: cut between characters. */
    size_t cut = i, q = i;
    meter part;
    meter_start(&part);
    while (q < k) {
      ucs4_t ch;
      int n = u8_mbtouc(&ch, (const uint8_t *)p->s + q, k - q);
      meter_add(c, p, &part, q, q + (size_t)n);
      if (meter_width(p, &part) > width + 0.01f && cut > start)
        break;
      q += (size_t)n;
      cut = q;
    }
    if (cut < k) { /* the rest of the piece starts the next line */
      if (push_line(c, out, start, cut, p, 0))
        return -1;
      start = i = cut;
      continue;
    }
    i = j; /* one character wider than the line: alone on it */
    meter_start(&line);
    meter_add(c, p, &line, start, i);
  }
  return push_line(c, out, start, b, p, 1);
}

int pdf_break_lines(pdf_ctx *c, const pdf_para *p, float width, pdf_lines *out) {
  out->n = 0;
  if (p->len == 0)
    return 0;
  char *brk = malloc(p->len + 1);
  if (!brk) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  size_t a = 0;
  int rc = 0;
  while (!rc && a <= p->len) {
    const char *nl = memchr(p->s + a, '\n', p->len - a);
    size_t b = nl ? (size_t)(nl - p->s) : p->len;
    rc = break_segment(c, p, a, b, width, out, brk);
    if (!nl)
      break;
    a = b + 1;
  }
  free(brk);
  return rc;
}

void pdf_para_widths(pdf_ctx *c, const pdf_para *p, float *minw, float *natw) {
  *minw = *natw = 0;
  if (p->len == 0)
    return;
  char *brk = malloc(p->len + 1);
  size_t a = 0;
  while (a <= p->len) {
    const char *nl = memchr(p->s + a, '\n', p->len - a);
    size_t b = nl ? (size_t)(nl - p->s) : p->len;
    float w = measure(c, p, a, b);
    if (w > *natw)
      *natw = w;
    if (brk && b > a) {
      u8_possible_linebreaks((const uint8_t *)p->s + a, b - a, "UTF-8", brk);
      glue_cites(p, a, b, brk);
      size_t i = a;
      while (i < b) {
        size_t j, k;
        next_piece(p, brk, a, b, i, &j, &k);
        float pw = measure(c, p, i, k);
        if (pw > *minw)
          *minw = pw;
        i = j;
      }
    }
    if (!nl)
      break;
    a = b + 1;
  }
  if (!brk)
    *minw = *natw;
  free(brk);
}

float pdf_para_line_height(const pdf_para *p, float fallback) {
  float m = 0;
  for (size_t i = 0; i < p->nsp; i++)
    if (p->sp[i].st.rise == 0 && p->sp[i].st.size > m)
      m = p->sp[i].st.size;
  return (m > 0 ? m : fallback) * PDF_LEADING;
}

/* Draws line ln with its left edge at x and baseline base. align: 0 left,
 * 1 centre, 2 right. */
void pdf_draw_line(pdf_ctx *c, const pdf_para *p, const pdf_line *ln, float x, float base,
                   float width, int align, int justify) {
  float extra = 0;
  size_t spaces = 0;
  if (justify && !ln->last && align == 0) {
    for (size_t i = ln->start; i < ln->end; i++)
      spaces += p->s[i] == ' ';
    if (spaces && width > ln->width && (width - ln->width) / spaces < p->sp[0].st.size * 0.9f)
      extra = (width - ln->width) / (float)spaces;
  }
  if (align == 1)
    x += (width - ln->width) / 2;
  else if (align == 2)
    x += width - ln->width;
  float pen = x;
  for (size_t i = span_at(p, ln->start); i < p->nsp && p->sp[i].off < ln->end; i++) {
    const pdf_span *sp = &p->sp[i];
    size_t s0 = sp->off, s1 = sp->off + sp->len;
    size_t a = ln->start > s0 ? ln->start : s0, b = ln->end < s1 ? ln->end : s1;
    float x_start = pen;
    /* A link's text and its annotation in one Link element (a URL longer
     * than libharu takes stays text: pdf_uri_link). */
    int link = sp->st.url && *sp->st.url && strlen(sp->st.url) <= PDF_MAX_STRING;
    if (!link)
      pdf_tag_forget_link(c);
    else if (pdf_tag_open_link(c, sp->st.url))
      return;
    if (sp->st.cite && pdf_tag_open(c, PDF_S_REFERENCE))
      return;
    /* Word by word when justified, so that spaces stretch. */
    while (a < b) {
      size_t e = a;
      if (extra > 0) {
        while (e < b && p->s[e] != ' ')
          e++;
        if (e < b)
          e++; /* include the space */
      } else {
        e = b;
      }
      pdf_text_at(c, pen, base + sp->st.rise, sp->st.face, sp->st.size, sp->st.rgb, p->s + a,
                  e - a);
      pen += pdf_width(c, sp->st.face, sp->st.size, p->s + a, e - a);
      if (extra > 0 && p->s[e - 1] == ' ')
        pen += extra;
      a = e;
    }
    if (sp->st.url) {
      float d = sp->st.size * 0.25f;
      pdf_stroke_line(c, x_start, base - 1.2f, pen, base - 1.2f, 0.4f, sp->st.rgb);
      pdf_uri_link(c, x_start, base - d, pen - x_start, sp->st.size + d, sp->st.url);
    }
    if (sp->st.cite)
      pdf_tag_close(c);
    if (link)
      pdf_tag_close(c);
  }
}

int pdf_paragraph(pdf_ctx *c, pdf_para *p, int align, float space_after) {
  if (p->len == 0 && !c->has_marker)
    return 0;
  if (pdf_break_lines(c, p, c->width, &c->lines))
    return -1;
  float lh = pdf_para_line_height(p, c->base_size);
  float asc = 0;
  for (size_t i = 0; i < p->nsp; i++) {
    float a = pdf_ascent(c, p->sp[i].st.face, p->sp[i].st.size);
    if (p->sp[i].st.rise == 0 && a > asc)
      asc = a;
  }
  if (asc == 0)
    asc = pdf_ascent(c, c->base_face, c->base_size);
  float lead = (lh - asc) * 0.35f; /* half-leading above the first line */
  size_t n = c->lines.n, i = 0;
  while (i < n) {
    float room = (c->y - c->mb + 0.01f) / lh;
    size_t fit = room >= 1 ? (size_t)room : 0;
    size_t left = n - i;
    if (fit < left) {
      /* No orphan (one line at the foot) nor widow (one at the top). */
      if (fit == 1 && left > 1)
        fit = 0;
      else if (fit >= 2 && left - fit == 1)
        fit--;
      if (fit == 0) {
        if (pdf_new_page(c))
          return -1;
        continue;
      }
    } else {
      fit = left;
    }
    for (size_t k = 0; k < fit; k++, i++) {
      float base = c->y - lead - asc;
      if (c->has_marker) {
        c->has_marker = 0;
        pdf_tag_reopen(c, c->marker_tag);
        pdf_text_at(c, c->marker_x, base, PDF_REGULAR, c->base_size, c->base_rgb, c->marker,
                    strlen(c->marker));
        pdf_tag_close(c);
        c->marker_tag = NULL;
      }
      pdf_draw_line(c, p, &c->lines.v[i], c->x0, base, c->width, align,
                    c->st->justify && c->justify_now);
      c->y -= lh;
    }
    if (i < n && pdf_new_page(c))
      return -1;
  }
  c->y -= space_after;
  return c->failed ? -1 : 0;
}
