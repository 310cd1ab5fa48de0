/* pdf.h: the shared state of the pdf output plugin (libharu 2.3.0).
 *
 * pdf.c        descriptor, options, render driver, document info, saving
 * pdf-blocks.c the walk over the blocks: paragraphs, lists, notes, quotes
 * pdf-toc.c    headings, outline, table of contents
 * pdf-fonts.c  fontconfig look-up of the four faces, loading them, ToUnicode
 * pdf-subset.c the characters a brief shows; faces cut to them (HarfBuzz)
 * pdf-page.c   pages, drawing primitives, title block, header and footer
 * pdf-text.c   inline runs, UAX #14 line breaking, paragraph drawing
 * pdf-table.c  tables
 * pdf-chart.c  key figures and charts
 * pdf-tags.c   the structure tree of a tagged PDF, marked content
 *
 * Layout runs twice: a dry pass (nothing drawn, pages only counted) tells
 * whether a table of contents is due; notes are also measured dry first.
 */
#ifndef AR_PDF_H
#define AR_PDF_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>
#include <hb.h>

#include "alliance-report/plugin.h"
#include "pdf-tags.h"

/* Internal to the module: only the descriptor function is exported. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

enum { PDF_REGULAR, PDF_BOLD, PDF_ITALIC, PDF_BOLD_ITALIC, PDF_NFACES };

/* A set of BMP code points: one bit each. */
#define PDF_CHARSET_BYTES 8192

/* What create() makes. */
typedef struct {
  float page_w, page_h;
  int justify;
  int tagged;  /* a tagged PDF (structure tree, marked content) */
  int archive; /* PDF/A-2a (pdf-archive.c) */
  char *icc_path; /* its sRGB output intent's profile */
  char *file[PDF_NFACES]; /* TrueType files of the four faces */
  hb_face_t *face[PDF_NFACES]; /* the files read by HarfBuzz, shared by faces of one file */
  char *family;
} pdf_state;

typedef struct {
  int face;
  float size;
  float rgb[3];
  float rise;
  const char *url; /* link target or NULL (borrowed from the tree) */
  int cite;        /* a citation marker: its number, else 0 */
} pdf_style;

/* A run of text in one style: bytes [off, off + len) of the paragraph. */
typedef struct {
  size_t off, len;
  pdf_style st;
} pdf_span;

/* A paragraph's text and its styled spans; '\n' is a forced break. */
typedef struct {
  char *s;
  size_t len, cap;
  pdf_span *sp;
  size_t nsp, capsp;
  int space; /* the last byte added is a (collapsible) space */
} pdf_para;

typedef struct {
  size_t start, end; /* bytes, trailing spaces excluded */
  float width;
  int last; /* last line of the paragraph or before a forced break */
} pdf_line;

typedef struct {
  pdf_line *v;
  size_t n, cap;
} pdf_lines;

typedef struct {
  const ar_node *node;
  HPDF_Page page;
  size_t page_no; /* 1-based */
  float y;
  HPDF_Destination dst;
} pdf_section;

typedef struct {
  HPDF_Page page;
  float y;
  size_t section; /* index into sections */
  HPDF_Dict tag; /* its TOCI element */
} pdf_toc_slot;

/* A URL and the one action dictionary (an indirect object) its links share. */
typedef struct {
  char *url;
  HPDF_Dict action;
} pdf_uri_action;

/* Links share actions for at most this many URLs of a document. */
#define PDF_MAX_SHARED_URIS 256

typedef struct pdf_ctx {
  const pdf_state *st;
  const ar_node *doc;
  ar_error *err;
  HPDF_Doc pdf;
  HPDF_Font font[PDF_NFACES];
  HPDF_Encoder utf8;
  /* The characters the faces are cut to (want), the ones measured that
   * are not among them (added to want, and missed set), and the ones drawn
   * in each face (shown, PDF_NFACES sets). */
  uint8_t *want, *shown;
  int missed;
  int dry; /* > 0: measure only, draw nothing */
  int failed; /* an error was recorded */
  HPDF_STATUS herr, hdetail;
  int oom;
  size_t nonbmp; /* characters outside the BMP replaced with U+FFFD */
  int notes; /* notes being laid out, one inside another */

  /* Geometry. */
  float ml, mr, mt, mb; /* margins */
  float x0, width;      /* current content box (lists and notes indent) */
  float y;              /* top of the free space on the current page */

  /* Pages. */
  HPDF_Page page;
  HPDF_Page *pages;
  size_t npages, pages_cap;

  /* Sections, outline. */
  pdf_section *sec;
  size_t nsec, sec_cap;
  HPDF_Outline outline[8];
  int want_toc;
  pdf_toc_slot *toc;
  size_t ntoc;

  /* The body style: base face (italic in quotes), size, colour. */
  int justify_now; /* the paragraph being laid out may be justified */
  int base_face;
  float base_size;
  float base_rgb[3];

  /* A list marker waiting for the first line of its item. */
  char marker[32];
  float marker_x;
  HPDF_Dict marker_tag; /* its item's Lbl element, or NULL */
  int has_marker;

  pdf_para para; /* scratch for paragraphs */
  pdf_lines lines;

  pdf_tags tags;
  /* Widths of the BMP characters measured so far, per face, in font
   * units (0xFFFF: not yet): libharu looks a character up in the face's
   * cmap every time it measures it. */
  uint16_t *widths[PDF_NFACES];

  /* The action of each URL linked to so far (pdf_uri_link). */
  pdf_uri_action *uris;
  size_t nuris, uris_cap;
} pdf_ctx;

/* Sizes. */
#define PDF_BODY 10.5f
#define PDF_LEADING 1.35f
#define PDF_GAP 6.0f /* after a block */
/* Lists, notes and quotes indent their content only while this much width
 * is left. */
#define PDF_MIN_WIDTH 150.0f

/* The most bytes of text handed to libharu in one call (it refuses strings
 * of more than 65535): longer text is measured and drawn in pieces. */
#define PDF_MAX_STRING 16384
/* The most bytes of a document information entry or an outline entry. */
#define PDF_MAX_ENTRY 1024
/* The most bytes of a one-line label (a chart's, the footer's) laid out:
 * more would not fit a line, and every page or category would measure it. */
#define PDF_MAX_LABEL 1024

/* pdf-fonts.c */
int pdf_find_faces(pdf_state *st, const char *family, ar_error *err);
int pdf_load_fonts(pdf_ctx *c);
/* Loads face i, cut to c->want, on first use; NULL after a failure. */
HPDF_Font pdf_face(pdf_ctx *c, int face);
/* Before saving: every glyph of the loaded subsets embedded, and each
 * font's ToUnicode CMap written anew and its CIDToGIDMap cut, from the
 * characters drawn with it. */
int pdf_fonts_finish(pdf_ctx *c);

/* pdf-subset.c */
static inline int pdf_charset_has(const uint8_t *set, uint32_t ch) {
  return ch <= 0xFFFF && (set[ch >> 3] >> (ch & 7) & 1);
}
static inline void pdf_charset_add(uint8_t *set, uint32_t ch) {
  if (ch <= 0xFFFF)
    set[ch >> 3] = (uint8_t)(set[ch >> 3] | 1u << (ch & 7));
}
/* The characters of UTF-8 s[0, len) as drawn, after the cleaning of
 * pdf_para_add, added to set. */
void pdf_charset_add_text(uint8_t *set, const char *s, size_t len);
/* Fills set with what the brief doc can show: its texts and words, the
 * plugin's own marks and the printable ASCII. Returns 0, or -1 when out of
 * memory. */
int pdf_charset_of(const ar_node *doc, uint8_t *set);
/* Reads the faces' files (create()). Returns 0, or -1 with err set. */
int pdf_open_faces(pdf_state *st, ar_error *err);
void pdf_close_faces(pdf_state *st);
/* Face i cut to the characters of set: a TrueType font with only the
 * tables libharu embeds, no hinting, and the glyphs of those characters
 * with their components. NULL when HarfBuzz fails. */
hb_blob_t *pdf_subset(const pdf_state *st, int face, const uint8_t *set);

/* pdf-page.c */
int pdf_fail(pdf_ctx *c, const char *what);
/* Makes room for one more element in the array *v of *cap elements of
 * size bytes, n of them used, doubling it when full. Returns 0, or -1
 * with "out of memory" recorded. */
int pdf_grow(pdf_ctx *c, void **v, size_t *cap, size_t n, size_t size);
int pdf_new_page(pdf_ctx *c);
/* Makes sure h points fit below y, starting a new page if not. */
int pdf_ensure(pdf_ctx *c, float h);
float pdf_bottom(const pdf_ctx *c);
int pdf_drawing(const pdf_ctx *c);
void pdf_text_at(pdf_ctx *c, float x, float y, int face, float size, const float rgb[3],
                 const char *s, size_t len);
void pdf_fill_rect(pdf_ctx *c, float x, float y, float w, float h, const float rgb[3]);
void pdf_stroke_line(pdf_ctx *c, float x1, float y1, float x2, float y2, float lw,
                     const float rgb[3]);
void pdf_uri_link(pdf_ctx *c, float x, float y, float w, float h, const char *url);
/* Forgets the document's shared link actions. */
void pdf_uri_actions_free(pdf_ctx *c);
/* The encoder libharu should write s with: none (a plain string) when s is
 * printable ASCII, which PDFDocEncoding writes as it is, else UTF-8
 * (UTF-16 in the file, four hex digits a character). */
HPDF_Encoder pdf_string_encoder(const pdf_ctx *c, const char *s);
/* The width of s[0, len) in the face's units (a thousandth of the size). */
void pdf_widths_free(pdf_ctx *c);
/* PDF/A-2a's output intent, file identifier and printable links
 * (pdf-archive.c); after pdf_tags_finish(). */
int pdf_archive_finish(pdf_ctx *c);
/* Whether the ICC profile at path can be PDF/A's output intent: 0, or -1
 * with err set (a usage error when the path was given, -O pdf.icc). */
int pdf_check_icc(const char *path, int given, ar_error *err);
uint64_t pdf_units(pdf_ctx *c, int face, const char *s, size_t len);
float pdf_width(pdf_ctx *c, int face, float size, const char *s, size_t len);
/* The length of the longest start of s[0, len) of at most max bytes that
 * ends between characters. */
size_t pdf_clip(const char *s, size_t len, size_t max);
/* s cut to at most PDF_MAX_ENTRY bytes, "…" marking a cut, in buf (of
 * PDF_MAX_ENTRY + 4 bytes): for libharu's outline and information
 * strings. Returns buf. */
const char *pdf_entry(char *buf, const char *s, size_t len);
/* The longest start of s[0, len), ending between characters, whose width
 * plus extra is at most max_w: len when the whole fits, 0 when nothing
 * does. Measures O(log len) times. */
size_t pdf_fit(pdf_ctx *c, int face, float size, const char *s, size_t len, float extra,
               float max_w);
/* How much of s[0, len) to draw within max_w: len when it fits, else a
 * start leaving room for "…" (ell points wide; a negative ell: measured
 * then) after it, *cut then set; more: the text goes on past len, so that
 * it is cut anyway. */
size_t pdf_shorten(pdf_ctx *c, int face, float size, const char *s, size_t len, float max_w,
                   float ell, int more, int *cut);
float pdf_ascent(pdf_ctx *c, int face, float size);
int pdf_title_block(pdf_ctx *c);
int pdf_decorate(pdf_ctx *c);
void pdf_flush_marker(pdf_ctx *c);

/* pdf-text.c */
/* What character ch shows as: ' ' for whitespace, U+FFFD for a character
 * libharu cannot show, 0 for one dropped, else ch itself. */
uint32_t pdf_shown_as(uint32_t ch);
void pdf_para_clear(pdf_para *p);
void pdf_para_free(pdf_para *p);
void pdf_lines_free(pdf_lines *l);
/* Appends UTF-8 text in style st: whitespace collapsed, controls and
 * directional formatting dropped, invalid bytes, noncharacters and
 * characters outside the BMP replaced with U+FFFD. */
int pdf_para_add(pdf_ctx *c, pdf_para *p, const char *s, const pdf_style *st);
/* The same for the first PDF_MAX_LABEL bytes of s at most, for text shown
 * on one line: returns 1 when s is longer, else 0, or -1. */
int pdf_para_add_label(pdf_ctx *c, pdf_para *p, const char *s, const pdf_style *st);
int pdf_para_add_break(pdf_ctx *c, pdf_para *p, const pdf_style *st);
/* Adds the inlines below node (a PARAGRAPH, CELL...) in style base. */
int pdf_para_inlines(pdf_ctx *c, pdf_para *p, const ar_node *node, const pdf_style *base);
int pdf_break_lines(pdf_ctx *c, const pdf_para *p, float width, pdf_lines *out);
/* Widest unbreakable piece and the whole width on one line. */
void pdf_para_widths(pdf_ctx *c, const pdf_para *p, float *minw, float *natw);
float pdf_para_line_height(const pdf_para *p, float fallback);
void pdf_draw_line(pdf_ctx *c, const pdf_para *p, const pdf_line *ln, float x, float base,
                   float width, int align, int justify);
/* Lays out and draws a paragraph in the content box, over pages. */
int pdf_paragraph(pdf_ctx *c, pdf_para *p, int align, float space_after);
pdf_style pdf_base_style(const pdf_ctx *c);

/* pdf-toc.c */
int pdf_heading(pdf_ctx *c, const ar_node *sec, int level, const char *number,
                const char *title);
int pdf_reserve_toc(pdf_ctx *c);
int pdf_draw_toc(pdf_ctx *c);

/* pdf-blocks.c: one layout pass over the whole brief. */
int pdf_layout(pdf_ctx *c);

/* pdf-table.c */
int pdf_table(pdf_ctx *c, const ar_node *table);

/* pdf-chart.c */
int pdf_figures(pdf_ctx *c, const ar_node *figures);
int pdf_chart(pdf_ctx *c, const ar_node *chart);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
