/* The pdf output plugin: a brief as an A4 or Letter PDF made with libharu
 * 2.3.0, with embedded subset TrueType fonts found with fontconfig.
 *
 * This file holds the descriptor, the options and the render driver: the
 * characters the brief shows, two layout passes (a dry one that counts
 * pages, then the drawing one), the document information, and the bytes
 * handed to the sink. See pdf.h for the other files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <hpdf_doc.h>

#include "alliance-report/layout.h"
#include "pdf.h"
#include "pdf-pack.h"

#define MARGIN (2.2f * 72.0f / 2.54f)

/* Debian: icc-profiles-free. */
#ifndef PDF_SRGB_PROFILE
#define PDF_SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"
#endif

/* ---- document ----------------------------------------------------------------------- */

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data) {
  pdf_ctx *c = data;
  if (!c->herr) {
    c->herr = code;
    c->hdetail = detail;
  }
}

static int set_dates(pdf_ctx *c) {
  HPDF_Date d;
  memset(&d, 0, sizeof d);
  d.ind = 'Z';
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  int have = 0;
  if (sde && *sde) {
    char *end;
    long long t = strtoll(sde, &end, 10);
    struct tm tm;
    time_t tt = (time_t)t;
    if (*end == '\0' && t >= 0 && gmtime_r(&tt, &tm) && tm.tm_year + 1900 <= 9999) {
      d.year = tm.tm_year + 1900;
      d.month = tm.tm_mon + 1;
      d.day = tm.tm_mday;
      d.hour = tm.tm_hour;
      d.minutes = tm.tm_min;
      d.seconds = tm.tm_sec;
      have = 1;
    }
  }
  const char *date = ar_document_date(c->doc);
  if (!have && ar_layout_is_date(date) &&
      sscanf(date, "%4d-%2d-%2d", &d.year, &d.month, &d.day) == 3)
    have = 1;
  if (!have)
    return 0;
  if (HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d) != HPDF_OK ||
      HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d) != HPDF_OK)
    return pdf_fail(c, "cannot set the document dates");
  return 0;
}

static int set_info(pdf_ctx *c) {
  const ar_node *d = c->doc;
  struct {
    HPDF_InfoType type;
    const char *value;
  } info[] = {{HPDF_INFO_TITLE, ar_document_title(d)},
              {HPDF_INFO_AUTHOR, ar_document_author(d) ? ar_document_author(d)
                                                        : ar_document_publisher(d)},
              {HPDF_INFO_SUBJECT, ar_document_subtitle(d)},
              {HPDF_INFO_KEYWORDS, ar_document_word(d, AR_WORD_KEYWORDS)},
              {HPDF_INFO_CREATOR, "alliance-report " PACKAGE_VERSION},
              {HPDF_INFO_PRODUCER, NULL}};
  for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
    if (!info[i].value)
      continue;
    pdf_para_clear(&c->para);
    pdf_style st = {0, 10, {0, 0, 0}, 0, NULL, 0};
    if (pdf_para_add(c, &c->para, info[i].value, &st))
      return -1;
    char entry[PDF_MAX_ENTRY + 4];
    const char *value = c->para.s ? pdf_entry(entry, c->para.s, c->para.len) : "";
    /* libharu writes the entry with the document's current encoder. */
    c->pdf->cur_encoder = pdf_string_encoder(c, value);
    HPDF_STATUS set = HPDF_SetInfoAttr(c->pdf, info[i].type, value);
    c->pdf->cur_encoder = c->utf8;
    if (set != HPDF_OK)
      return pdf_fail(c, "cannot set the document information");
  }
  return set_dates(c);
}

/* The file libharu wrote, read back into one buffer (*data, malloc'd). */
static int read_back(pdf_ctx *c, HPDF_BYTE **data, HPDF_UINT32 *len) {
  *data = NULL;
  if (HPDF_SaveToStream(c->pdf) != HPDF_OK)
    return pdf_fail(c, "cannot write the document");
  if (HPDF_ResetStream(c->pdf) != HPDF_OK)
    return pdf_fail(c, "cannot read the document back");
  HPDF_UINT32 total = HPDF_GetStreamSize(c->pdf), done = 0;
  HPDF_BYTE *buf = malloc(total ? total : 1);
  if (!buf) {
    c->oom = 1;
    return pdf_fail(c, "out of memory");
  }
  while (done < total) {
    HPDF_UINT32 n = total - done;
    HPDF_STATUS s = HPDF_ReadFromStream(c->pdf, buf + done, &n);
    if (s != HPDF_OK && s != HPDF_STREAM_EOF) {
      if (!c->herr)
        c->herr = s;
      free(buf);
      return pdf_fail(c, "cannot read the document back");
    }
    done += n;
    if (s == HPDF_STREAM_EOF || n == 0)
      break;
  }
  if (done != total) {
    free(buf);
    return pdf_fail(c, "the document was read back short");
  }
  *data = buf;
  *len = total;
  return 0;
}

/* Writes the document. A tagged one has its many small objects packed into
 * object streams (pdf-pack.c), or is written as it is if that fails. */
static int save(pdf_ctx *c, ar_sink *out) {
  HPDF_BYTE *data = NULL;
  HPDF_UINT32 len = 0;
  if (read_back(c, &data, &len))
    return -1;
  unsigned char *packed = NULL;
  size_t packed_len = 0;
  if (c->tags.on)
    pdf_pack(data, len, &packed, &packed_len);
  int rc = packed ? ar_sink_write(out, packed, packed_len) : ar_sink_write(out, data, len);
  free(packed);
  free(data);
  return rc ? -1 : 0;
}

/* One rendering of doc with the faces cut to want: 0, -1 on failure, or 1
 * when a character outside want was measured (now added to want) and
 * retry allows another rendering, nothing written then. */
static int render_with(const pdf_state *st, const ar_node *doc, uint8_t *want, int retry,
                       ar_sink *out, ar_error *err) {
  pdf_ctx ctx, *c = &ctx;
  memset(c, 0, sizeof *c);
  c->st = st;
  c->doc = doc;
  c->err = err;
  c->want = want;
  c->tags.on = st->tagged;
  c->tags.lang = ar_document_language(doc);
  c->ml = c->mr = MARGIN;
  c->mt = MARGIN;
  c->mb = MARGIN + 6;
  int rc = -1;
  if (!(c->shown = calloc(PDF_NFACES, PDF_CHARSET_BYTES))) {
    ar_error_set(err, "out of memory");
    return -1;
  }
  c->pdf = HPDF_New(on_error, c);
  if (!c->pdf) {
    free(c->shown);
    ar_error_set(err, "libharu: cannot create a document (out of memory)");
    return -1;
  }
  if (HPDF_UseUTFEncodings(c->pdf) != HPDF_OK ||
      !(c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8")) ||
      HPDF_SetCurrentEncoder(c->pdf, "UTF-8") != HPDF_OK) {
    pdf_fail(c, "cannot enable the UTF-8 encoder");
    goto done;
  }
  if (HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL) != HPDF_OK ||
      HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE) != HPDF_OK) {
    pdf_fail(c, "cannot set up the document");
    goto done;
  }
  if (pdf_load_fonts(c))
    goto done;
  /* Dry pass: how many pages without contents? */
  c->dry = 1;
  if (pdf_layout(c))
    goto done;
  c->dry = 0;
  c->want_toc = c->npages > 2 && c->nsec > 0;
  if (pdf_layout(c) || (c->want_toc && pdf_draw_toc(c)) || pdf_decorate(c) || set_info(c) ||
      pdf_tags_finish(c))
    goto done;
  if (c->missed && retry) {
    rc = 1;
    goto done;
  }
  if (pdf_fonts_finish(c))
    goto done;
  if (c->herr) {
    pdf_fail(c, "drawing failed");
    goto done;
  }
  if (save(c, out))
    goto done;
  rc = 0;
done:
  if (rc < 0 && !ar_error_is_set(err))
    pdf_fail(c, "failed");
  pdf_tags_free(&c->tags);
  pdf_widths_free(c);
  HPDF_Free(c->pdf);
  pdf_uri_actions_free(c);
  free(c->shown);
  free(c->pages);
  free(c->sec);
  free(c->toc);
  pdf_para_free(&c->para);
  pdf_lines_free(&c->lines);
  return rc;
}

static int render(void *state, const ar_node *doc, ar_sink *out, ar_error *err) {
  uint8_t *want = calloc(1, PDF_CHARSET_BYTES);
  if (!want || pdf_charset_of(doc, want)) {
    free(want);
    ar_error_set(err, "out of memory");
    return -1;
  }
  int rc = render_with(state, doc, want, 1, out, err);
  if (rc > 0)
    rc = render_with(state, doc, want, 0, out, err);
  free(want);
  return rc;
}

/* ---- options, descriptor ------------------------------------------------------------ */

static void destroy(void *state) {
  pdf_state *st = state;
  if (!st)
    return;
  pdf_close_faces(st);
  for (int i = 0; i < PDF_NFACES; i++)
    free(st->file[i]);
  free(st->family);
  free(st->icc_path);
  free(st);
}

static void *create(const ar_options *opts, ar_error *err) {
  pdf_state *st = calloc(1, sizeof *st);
  if (!st) {
    ar_error_set(err, "out of memory");
    return NULL;
  }
  static const char *const papers[] = {"a4", "letter", NULL};
  static const float sizes[][2] = {{595.276f, 841.89f}, {612, 792}};
  int paper = 0;
  if (ar_options_get_choice(opts, "paper", papers, &paper, err)) {
    destroy(st);
    return NULL;
  }
  st->page_w = sizes[paper][0];
  st->page_h = sizes[paper][1];
  st->justify = 0;
  st->tagged = 1;
  if (ar_options_get_bool(opts, "justify", &st->justify, err) ||
      ar_options_get_bool(opts, "tagged", &st->tagged, err) ||
      ar_options_get_bool(opts, "archive", &st->archive, err)) {
    destroy(st);
    return NULL;
  }
  if (st->archive && !st->tagged) {
    ar_error_set_option(err, "archive", "PDF/A-2a is a tagged PDF; pdf.tagged=false cannot be archival");
    destroy(st);
    return NULL;
  }
  const char *icc = ar_options_get(opts, "icc");
  if (!(st->icc_path = strdup(icc && *icc ? icc : PDF_SRGB_PROFILE))) {
    ar_error_set(err, "out of memory");
    destroy(st);
    return NULL;
  }
  if (st->archive && pdf_check_icc(st->icc_path, icc && *icc, err)) {
    destroy(st);
    return NULL;
  }
  const char *font = ar_options_get(opts, "font");
  if (!font || !*font)
    font = "DejaVu Sans";
  if (!(st->family = strdup(font)) || pdf_find_faces(st, font, err) ||
      pdf_open_faces(st, err)) {
    if (!st->family)
      ar_error_set(err, "out of memory");
    destroy(st);
    return NULL;
  }
  return st;
}

static const ar_plugin_option options[] = {
    {"paper", "a4|letter", "paper size (default a4)"},
    {"font", "FAMILY", "fontconfig family with TrueType files (default DejaVu Sans)"},
    {"justify", "true|false", "justify paragraphs (default false)"},
    {"tagged", "true|false",
     "a tagged PDF: structure tree, reading order, alternative text (default true)"},
    {"archive", "true|false", "PDF/A-2a for archiving (default false)"},
    {"icc", "PATH", "sRGB ICC profile of PDF/A's output intent (default " PDF_SRGB_PROFILE ")"},
    {NULL, NULL, NULL},
};

static const ar_plugin descriptor = {
    .abi_major = AR_PLUGIN_ABI_MAJOR,
    .abi_minor = AR_PLUGIN_ABI_MINOR,
    .struct_size = sizeof(ar_plugin),
    .name = "pdf",
    .version = PACKAGE_VERSION,
    .summary = "PDF for print, A4 or Letter, embedded fonts, outline and contents",
    .extension = "pdf",
    .media_type = "application/pdf",
    .binary = 1,
    .library = "libharu " HPDF_VERSION_TEXT,
    .options = options,
    .create = create,
    .render = render,
    .destroy = destroy,
};

AR_PLUGIN_DEFINE { return &descriptor; }
