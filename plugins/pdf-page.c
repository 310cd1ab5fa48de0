/* pdf-page.c: pages, drawing primitives (all no-ops in a dry pass), the
 * title block, and the running header and footer added at the end. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "alliance-report/layout.h"
#include "pdf.h"

static const float black[3] = {0, 0, 0};
static const float grey[3] = {0.42f, 0.42f, 0.42f};
static const float red[3] = {0.75f, 0.07f, 0.07f};
static const float rule[3] = {0.7f, 0.7f, 0.7f};

/* A short name for the libharu errors most likely here. */
static const char *hpdf_error_name(HPDF_STATUS e) {
  switch (e) {
  case 0x1015: return "HPDF_FAILD_TO_ALLOC_MEM, out of memory";
  case 0x1016: return "HPDF_FILE_IO_ERROR";
  case 0x1017: return "HPDF_FILE_OPEN_ERROR";
  case 0x101A: return "HPDF_FONT_INVALID_WIDTHS_TABLE";
  case 0x1025: return "HPDF_INVALID_DOCUMENT";
  case 0x102D: return "HPDF_INVALID_FONTDEF_DATA, a broken font file";
  case 0x1039: return "HPDF_INVALID_PARAMETER";
  case 0x1050: return "HPDF_PAGE_INVALID_FONT_SIZE";
  case 0x105D: return "HPDF_TTF_CANNOT_EMBEDDING_FONT, the font forbids embedding";
  case 0x105E: return "HPDF_TTF_INVALID_CMAP";
  case 0x105F: return "HPDF_TTF_INVALID_FOMAT, not a usable TrueType file";
  case 0x1060: return "HPDF_TTF_MISSING_TABLE";
  case 0x1061: return "HPDF_UNSUPPORTED_FONT_TYPE";
  case 0x1075: return "HPDF_INVALID_FONT";
  default: return "see hpdf_error.h";
  }
}

int pdf_fail(pdf_ctx *c, const char *what) {
  if (!c->failed) {
    c->failed = 1;
    if (c->oom)
      ar_error_set(c->err, "out of memory");
    else if (c->herr)
      ar_error_set(c->err, "%s: libharu error 0x%04X (%s, detail %u)", what,
                   (unsigned)c->herr, hpdf_error_name(c->herr), (unsigned)c->hdetail);
    else
      ar_error_set(c->err, "%s", what);
  }
  return -1;
}

int pdf_drawing(const pdf_ctx *c) { return !c->dry && c->page != NULL && !c->herr; }

float pdf_bottom(const pdf_ctx *c) { return c->mb; }

int pdf_grow(pdf_ctx *c, void **v, size_t *cap, size_t n, size_t size) {
  if (n < *cap)
    return 0;
  size_t grown = *cap ? 2 * *cap : 16;
  void *g = realloc(*v, grown * size);
  if (!g) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  *v = g;
  *cap = grown;
  return 0;
}

int pdf_new_page(pdf_ctx *c) {
  if (pdf_grow(c, (void **)&c->pages, &c->pages_cap, c->npages, sizeof *c->pages))
    return -1;
  HPDF_Page p = NULL;
  if (!c->dry) {
    p = HPDF_AddPage(c->pdf);
    if (!p || HPDF_Page_SetWidth(p, c->st->page_w) != HPDF_OK ||
        HPDF_Page_SetHeight(p, c->st->page_h) != HPDF_OK)
      return pdf_fail(c, "cannot add a page");
  }
  int open = pdf_mc_suspend(c);
  c->pages[c->npages++] = p;
  c->page = p;
  pdf_mc_resume(c, open);
  c->y = c->st->page_h - c->mt;
  return 0;
}

int pdf_ensure(pdf_ctx *c, float h) {
  if (c->y - h >= c->mb - 0.01f)
    return 0;
  return pdf_new_page(c);
}

static int continues(const char *s, size_t i) { return ((unsigned char)s[i] & 0xC0) == 0x80; }

size_t pdf_clip(const char *s, size_t len, size_t max) {
  if (len <= max)
    return len;
  while (max > 0 && continues(s, max))
    max--;
  return max;
}

const char *pdf_entry(char *buf, const char *s, size_t len) {
  size_t n = pdf_clip(s, len, PDF_MAX_ENTRY);
  memcpy(buf, s, n);
  strcpy(buf + n, n < len ? "…" : "");
  return buf;
}

/* Notes the characters of s[0, len) that the faces were not cut to: the
 * brief is then laid out again with them (see render() in pdf.c). */
static void check_cut(pdf_ctx *c, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s, *end = u + len;
  while (u < end) {
    if (*u < 0x80) {
      u++;
      continue;
    }
    uint32_t ch = 0xFFFD;
    size_t n = 1;
    if (*u >= 0xC2 && *u < 0xE0 && end - u >= 2) {
      ch = (uint32_t)(*u & 0x1F) << 6 | (u[1] & 0x3F);
      n = 2;
    } else if (*u >= 0xE0 && *u < 0xF0 && end - u >= 3) {
      ch = (uint32_t)(*u & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
      n = 3;
    }
    u += n;
    if (!pdf_charset_has(c->want, ch)) {
      pdf_charset_add(c->want, ch);
      c->missed = 1;
    }
  }
}

/* The width of the character of the n bytes at s (code point cp, in the
 * BMP), from the face's cache. */
static uint64_t char_units(pdf_ctx *c, int face, const char *s, size_t n, uint32_t cp) {
  uint16_t *w = c->widths[face];
  if (!w) {
    w = c->widths[face] = malloc(0x10000 * sizeof *w);
    if (!w)
      return HPDF_Font_TextWidth(c->font[face], (const HPDF_BYTE *)s, (HPDF_UINT)n).width;
    memset(w, 0xFF, 0x10000 * sizeof *w);
  }
  if (w[cp] != 0xFFFF)
    return w[cp];
  HPDF_UINT units = HPDF_Font_TextWidth(c->font[face], (const HPDF_BYTE *)s, (HPDF_UINT)n).width;
  if (units < 0xFFFF)
    w[cp] = (uint16_t)units;
  return units;
}

void pdf_widths_free(pdf_ctx *c) {
  for (int i = 0; i < PDF_NFACES; i++) {
    free(c->widths[i]);
    c->widths[i] = NULL;
  }
}

uint64_t pdf_units(pdf_ctx *c, int face, const char *s, size_t len) {
  uint64_t units = 0;
  if (!pdf_face(c, face))
    return 0;
  check_cut(c, s, len);
  /* Character by character, each width once from libharu: the sum is what
   * HPDF_Font_TextWidth gives for the whole string. Bytes that are not a
   * character of the BMP go to libharu as they are. */
  const unsigned char *u = (const unsigned char *)s, *end = u + len;
  while (u < end) {
    size_t n = 0;
    uint32_t cp = 0;
    if (*u < 0x80) {
      n = 1;
      cp = *u;
    } else if (*u >= 0xC2 && *u < 0xE0 && end - u >= 2 && (u[1] & 0xC0) == 0x80) {
      n = 2;
      cp = (uint32_t)(*u & 0x1F) << 6 | (u[1] & 0x3F);
    } else if (*u >= 0xE0 && *u < 0xF0 && end - u >= 3 && (u[1] & 0xC0) == 0x80 &&
               (u[2] & 0xC0) == 0x80) {
      n = 3;
      cp = (uint32_t)(*u & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))
        n = 0;
    }
    if (n == 0)
      break;
    units += char_units(c, face, (const char *)u, n, cp);
    u += n;
  }
  s = (const char *)u;
  len = (size_t)(end - u);
  while (len > 0) {
    size_t n = pdf_clip(s, len, PDF_MAX_STRING);
    if (n == 0) /* no character starts in the first bytes: not UTF-8 */
      n = len < PDF_MAX_STRING ? len : PDF_MAX_STRING;
    units += HPDF_Font_TextWidth(c->font[face], (const HPDF_BYTE *)s, (HPDF_UINT)n).width;
    s += n;
    len -= n;
  }
  return units;
}

float pdf_width(pdf_ctx *c, int face, float size, const char *s, size_t len) {
  if (len == 0 || !pdf_face(c, face))
    return 0;
  return (float)pdf_units(c, face, s, len) * size / 1000.0f;
}

size_t pdf_fit(pdf_ctx *c, int face, float size, const char *s, size_t len, float extra,
               float max_w) {
  if (!(pdf_width(c, face, size, s, len) + extra > max_w))
    return len;
  size_t fits = 0, wide = len; /* a start that fits (or 0), one that does not */
  for (;;) {
    size_t mid = fits + (wide - fits) / 2;
    while (mid > fits && continues(s, mid))
      mid--;
    if (mid == fits) { /* no character starts in the lower half: try the upper */
      mid = fits + (wide - fits) / 2 + 1;
      while (mid < wide && continues(s, mid))
        mid++;
      if (mid >= wide)
        return fits;
    }
    if (pdf_width(c, face, size, s, mid) + extra > max_w)
      wide = mid;
    else
      fits = mid;
  }
}

float pdf_ascent(pdf_ctx *c, int face, float size) {
  if (!pdf_face(c, face))
    return size * 0.9f;
  return (float)HPDF_Font_GetAscent(c->font[face]) * size / 1000.0f;
}

void pdf_text_at(pdf_ctx *c, float x, float y, int face, float size, const float rgb[3],
                 const char *s, size_t len) {
  if (!pdf_drawing(c) || len == 0 || !pdf_face(c, face))
    return;
  size_t most = len < PDF_MAX_STRING ? len : PDF_MAX_STRING;
  char stack[512], *buf = most < sizeof stack ? stack : malloc(most + 1);
  if (!buf) {
    c->oom = 1;
    return;
  }
  pdf_charset_add_text(c->shown + (size_t)face * PDF_CHARSET_BYTES, s, len);
  pdf_mc_begin(c);
  HPDF_Page_BeginText(c->page);
  HPDF_Page_SetFontAndSize(c->page, c->font[face], size);
  HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
  while (len > 0) { /* in pieces libharu takes, each where the last ended */
    size_t n = pdf_clip(s, len, PDF_MAX_STRING);
    if (n == 0)
      n = len < PDF_MAX_STRING ? len : PDF_MAX_STRING;
    memcpy(buf, s, n);
    buf[n] = '\0';
    HPDF_Page_TextOut(c->page, x, y, buf);
    x += pdf_width(c, face, size, s, n);
    s += n;
    len -= n;
  }
  HPDF_Page_EndText(c->page);
  pdf_mc_end(c);
  if (buf != stack)
    free(buf);
}

void pdf_fill_rect(pdf_ctx *c, float x, float y, float w, float h, const float rgb[3]) {
  if (!pdf_drawing(c) || w <= 0 || h <= 0)
    return;
  /* Fills and rules are artifacts (backgrounds, zebra rows, bars beside
   * quotes), unless a Figure's sequence is open and takes them. */
  pdf_artifact_begin(c);
  pdf_mc_begin(c);
  HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
  HPDF_Page_Rectangle(c->page, x, y, w, h);
  HPDF_Page_Fill(c->page);
  pdf_mc_end(c);
  pdf_artifact_end(c);
}

void pdf_stroke_line(pdf_ctx *c, float x1, float y1, float x2, float y2, float lw,
                     const float rgb[3]) {
  if (!pdf_drawing(c))
    return;
  HPDF_Page_SetLineWidth(c->page, lw);
  HPDF_Page_SetRGBStroke(c->page, rgb[0], rgb[1], rgb[2]);
  pdf_artifact_begin(c);
  pdf_mc_begin(c);
  HPDF_Page_MoveTo(c->page, x1, y1);
  HPDF_Page_LineTo(c->page, x2, y2);
  HPDF_Page_Stroke(c->page);
  pdf_mc_end(c);
  pdf_artifact_end(c);
}

/* The action of the links to url in this document, made once, so that a
 * URL wrapped over lines or cited again is written once. NULL when it
 * cannot be made or the document links to too many URLs: the link then
 * keeps the action libharu gave it. */
static HPDF_Dict shared_uri_action(pdf_ctx *c, const char *url) {
  for (size_t i = 0; i < c->nuris; i++)
    if (strcmp(c->uris[i].url, url) == 0)
      return c->uris[i].action;
  if (c->nuris == PDF_MAX_SHARED_URIS)
    return NULL;
  if (pdf_grow(c, (void **)&c->uris, &c->uris_cap, c->nuris, sizeof *c->uris))
    return NULL;
  char *copy = strdup(url);
  HPDF_Dict a = copy ? HPDF_Dict_New(c->pdf->mmgr) : NULL;
  if (!a || HPDF_Xref_Add(c->pdf->xref, a) != HPDF_OK) { /* the xref frees a on failure */
    free(copy);
    return NULL;
  }
  if (HPDF_Dict_AddName(a, "Type", "Action") != HPDF_OK ||
      HPDF_Dict_AddName(a, "S", "URI") != HPDF_OK ||
      HPDF_Dict_Add(a, "URI", HPDF_String_New(c->pdf->mmgr, url, NULL)) != HPDF_OK) {
    free(copy); /* the error handler has recorded why */
    return NULL;
  }
  c->uris[c->nuris++] = (pdf_uri_action){copy, a};
  return a;
}

void pdf_uri_actions_free(pdf_ctx *c) {
  for (size_t i = 0; i < c->nuris; i++)
    free(c->uris[i].url);
  free(c->uris);
  c->uris = NULL;
  c->nuris = c->uris_cap = 0;
}

void pdf_uri_link(pdf_ctx *c, float x, float y, float w, float h, const char *url) {
  if (!pdf_drawing(c) || !url || !*url || strlen(url) > PDF_MAX_STRING)
    return; /* a URL longer than libharu takes stays text */
  HPDF_Rect r = {x, y, x + w, y + h};
  HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(c->page, r, url);
  if (!a)
    return;
  HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
  pdf_tag_link(c, a);
  HPDF_Dict shared = shared_uri_action(c, url);
  if (shared && HPDF_Dict_RemoveElement(a, "A") == HPDF_OK)
    HPDF_Dict_Add(a, "A", shared);
}

HPDF_Encoder pdf_string_encoder(const pdf_ctx *c, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      return c->utf8;
  return NULL;
}

void pdf_flush_marker(pdf_ctx *c) {
  if (!c->has_marker)
    return;
  c->has_marker = 0;
  float base = c->y - pdf_ascent(c, PDF_REGULAR, c->base_size) - 1.0f;
  pdf_tag_reopen(c, c->marker_tag);
  pdf_text_at(c, c->marker_x, base, PDF_REGULAR, c->base_size, c->base_rgb, c->marker,
              strlen(c->marker));
  pdf_tag_close(c);
  c->marker_tag = NULL;
}

size_t pdf_shorten(pdf_ctx *c, int face, float size, const char *s, size_t len, float max_w,
                   float ell, int more, int *cut) {
  *cut = len > 0 && (more || pdf_width(c, face, size, s, len) > max_w);
  if (!*cut)
    return len;
  return pdf_fit(c, face, size, s, len, ell < 0 ? pdf_width(c, face, size, "…", 3) : ell, max_w);
}

/* Draws s wrapped in the content width, size and face given, from c->y. */
static int block_text(pdf_ctx *c, const char *s, int face, float size, const float rgb[3],
                      float after) {
  if (!s || !*s)
    return 0;
  pdf_style st = {face, size, {rgb[0], rgb[1], rgb[2]}, 0, NULL, 0};
  pdf_para_clear(&c->para);
  if (pdf_para_add(c, &c->para, s, &st))
    return -1;
  return pdf_paragraph(c, &c->para, 0, after);
}

/* The marking, cleaned, in capitals and shortened to half the width, in
 * buf; returns its length. */
static size_t marking_text(pdf_ctx *c, char *buf, size_t n) {
  const char *marking = ar_document_marking(c->doc);
  pdf_para m;
  memset(&m, 0, sizeof m);
  pdf_para_clear(&m);
  pdf_style st = {PDF_BOLD, 8, {0, 0, 0}, 0, NULL, 0};
  size_t len = 0;
  if (marking && pdf_para_add(c, &m, marking, &st) == 0 && m.s) {
    len = m.len < n - 1 ? m.len : n - 1;
    while (len > 0 && len < m.len && ((unsigned char)m.s[len] & 0xC0) == 0x80)
      len--;
    for (size_t i = 0; i < len; i++)
      buf[i] = (char)toupper((unsigned char)m.s[i]);
    while (len > 0 && buf[len - 1] == ' ')
      len--;
    int cut;
    len = pdf_shorten(c, PDF_BOLD, 9, buf, len, c->width / 2, -1, 0, &cut);
    if (cut) {
      len = pdf_clip(buf, len, n - 4);
      memcpy(buf + len, "…", 3);
      len += 3;
    }
  }
  buf[len] = '\0';
  pdf_para_free(&m);
  return len;
}

/* The marking in red capitals, the title, the subtitle, then the date
 * and byline on one line over a rule. */
int pdf_title_block(pdf_ctx *c) {
  ar_layout_title t;
  if (ar_layout_title_init(&t, c->doc)) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  char mark[256];
  size_t mlen = marking_text(c, mark, sizeof mark);
  if (mlen) {
    float w = pdf_width(c, PDF_BOLD, 9, mark, mlen);
    int rc = pdf_tag_open(c, PDF_S_P);
    pdf_text_at(c, c->ml + (c->width - w) / 2, c->y - 9, PDF_BOLD, 9, red, mark, mlen);
    pdf_tag_close(c);
    c->y -= 24;
    if (rc) {
      ar_layout_title_clear(&t);
      return -1;
    }
  }
  /* The title, the subtitle and the date line: a paragraph each. */
  pdf_style st = {PDF_REGULAR, 9.5f, {grey[0], grey[1], grey[2]}, 0, NULL, 0};
  int rc = pdf_tag_open(c, PDF_S_P) || block_text(c, t.title, PDF_BOLD, 22, black, 4);
  pdf_tag_close(c);
  rc = rc || pdf_tag_open(c, PDF_S_P) || block_text(c, t.subtitle, PDF_REGULAR, 13, grey, 8);
  pdf_tag_close(c);
  pdf_para_clear(&c->para);
  rc = rc || (t.date_text && pdf_para_add(c, &c->para, t.date_text, &st)) ||
       (t.date_text && t.byline && pdf_para_add(c, &c->para, "  ·  ", &st)) ||
       (t.byline && pdf_para_add(c, &c->para, t.byline, &st));
  if (!rc && c->para.len) {
    rc = pdf_tag_open(c, PDF_S_P) || pdf_paragraph(c, &c->para, 0, 2);
    pdf_tag_close(c);
  }
  ar_layout_title_clear(&t);
  if (rc)
    return -1;
  pdf_stroke_line(c, c->ml, c->y - 2, c->ml + c->width, c->y - 2, 1.2f, black);
  c->y -= 18;
  return 0;
}

/* Draws s in the footer line at y, at its left or right end, shortened
 * to max_w. */
static int foot_text(pdf_ctx *c, const char *s, int right, float y, float max_w) {
  pdf_style st = {PDF_REGULAR, 8, {grey[0], grey[1], grey[2]}, 0, NULL, 0};
  pdf_para p;
  memset(&p, 0, sizeof p);
  pdf_para_clear(&p);
  int more = pdf_para_add_label(c, &p, s, &st);
  if (more >= 0 && p.len) {
    int cut;
    size_t len = pdf_shorten(c, PDF_REGULAR, 8, p.s, p.len, max_w, -1, more, &cut);
    float w = pdf_width(c, PDF_REGULAR, 8, p.s, len);
    float ell = cut ? pdf_width(c, PDF_REGULAR, 8, "…", 3) : 0;
    float x = right ? c->ml + c->width - w - ell : c->ml;
    pdf_text_at(c, x, y, PDF_REGULAR, 8, grey, p.s, len);
    if (cut)
      pdf_text_at(c, x + w, y, PDF_REGULAR, 8, grey, "…", 3);
  }
  pdf_para_free(&p);
  return more < 0 ? -1 : 0;
}

/* The brief's "Page 2 of 7" at the right of the footer line at y. */
static int page_label(pdf_ctx *c, size_t page, float y, float max_w) {
  char *label = ar_layout_page_label(c->doc, page, c->npages);
  int rc = label ? foot_text(c, label, 1, y, max_w) : (c->oom = 1, pdf_fail(c, "out of memory"));
  free(label);
  return rc;
}

/* The running header (title, marking) and footer (date, marking, page
 * label) of every page after the first; the marking at the foot of the
 * first. */
static int decorate_pages(pdf_ctx *c, const ar_layout_title *t, const char *mark, size_t mlen);

/* Headers, footers and page labels are artifacts. */
static int decorate_artifacts(pdf_ctx *c, const ar_layout_title *t, const char *mark, size_t mlen) {
  pdf_artifact_begin(c);
  int rc = decorate_pages(c, t, mark, mlen);
  pdf_artifact_end(c);
  return rc;
}

static int decorate_pages(pdf_ctx *c, const ar_layout_title *t, const char *mark, size_t mlen) {
  const char *title = t->title, *date = t->date_text;
  float mw = pdf_width(c, PDF_BOLD, 8, mark, mlen);
  pdf_para_clear(&c->para);
  pdf_style st = {PDF_REGULAR, 8, {grey[0], grey[1], grey[2]}, 0, NULL, 0};
  if (title && pdf_para_add(c, &c->para, title, &st))
    return -1;
  char *clean = c->para.s ? c->para.s : "";
  size_t clen = c->para.len;
  /* Shorten the title to the width left by the marking. */
  float avail = c->width - (mlen ? mw + 20 : 0);
  int cut = pdf_width(c, PDF_REGULAR, 8, clean, clen) > avail;
  if (cut)
    avail -= pdf_width(c, PDF_REGULAR, 8, "…", 3);
  clen = pdf_fit(c, PDF_REGULAR, 8, clean, clen, 0, avail);
  if (cut) /* at a word if there is one */
    for (size_t k = clen; k > clen / 2; k--)
      if (clean[k - 1] == ' ') {
        clen = k - 1;
        break;
      }
  float ell_x = c->ml + pdf_width(c, PDF_REGULAR, 8, clean, clen);
  float bot = c->mb - 24;
  /* The date and the page label share the footer with the marking. */
  float side = (c->width - (mlen ? mw : 0)) / 2 - 6;
  /* The first page: the marking at the foot as at the head. */
  if (mlen && c->npages > 0) {
    c->page = c->pages[0];
    pdf_text_at(c, c->ml + (c->width - mw) / 2, bot, PDF_BOLD, 8, red, mark, mlen);
  }
  for (size_t i = 1; i < c->npages; i++) {
    c->page = c->pages[i];
    float top = c->st->page_h - c->mt + 16;
    pdf_text_at(c, c->ml, top, PDF_REGULAR, 8, grey, clean, clen);
    if (cut)
      pdf_text_at(c, ell_x, top, PDF_REGULAR, 8, grey, "…", 3);
    if (mlen)
      pdf_text_at(c, c->ml + c->width - mw, top, PDF_BOLD, 8, red, mark, mlen);
    pdf_stroke_line(c, c->ml, top - 4, c->ml + c->width, top - 4, 0.4f, rule);
    pdf_stroke_line(c, c->ml, bot + 10, c->ml + c->width, bot + 10, 0.4f, rule);
    if (page_label(c, i + 1, bot, side))
      return -1;
    if (date && foot_text(c, date, 0, bot, side))
      return -1;
    if (mlen)
      pdf_text_at(c, c->ml + (c->width - mw) / 2, bot, PDF_BOLD, 8, red, mark, mlen);
  }
  return c->failed ? -1 : 0;
}

/* Header and footer on every page after the first, once the count is known. */
int pdf_decorate(pdf_ctx *c) {
  char mark[256];
  ar_layout_title t;
  if (ar_layout_title_init(&t, c->doc)) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  int rc = decorate_artifacts(c, &t, mark, marking_text(c, mark, sizeof mark));
  ar_layout_title_clear(&t);
  return rc;
}
