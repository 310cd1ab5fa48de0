/* pdf-subset.c: the characters a brief can show, and the faces cut to
 * them with HarfBuzz's subsetter before libharu reads them.
 *
 * libharu 2.3.0 builds each font's CIDToGIDMap and /W array by looking up
 * every BMP code point in the face's cmap, and embeds whole tables of the
 * faces it subsets: a face cut to a brief's characters first makes both
 * small. The set is gathered from the tree before layout; a character
 * measured later that is not in it is caught by pdf_units(), and the
 * brief is then laid out again with it added (see render() in pdf.c). */
#include "config.h"

#include <string.h>

#include <hb-subset.h>
#include <unistr.h>

#include "pdf.h"

void pdf_charset_add_text(uint8_t *set, const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s, *end = u + len;
  while (u < end) {
    if (*u < 0x80) {
      uint32_t shown = pdf_shown_as(*u++);
      if (shown)
        pdf_charset_add(set, shown);
      continue;
    }
    ucs4_t ch;
    int n = u8_mbtoucr(&ch, u, (size_t)(end - u));
    if (n < 0) {
      ch = 0xFFFD;
      n = 1;
    }
    u += n;
    uint32_t shown = pdf_shown_as(ch);
    if (shown)
      pdf_charset_add(set, shown);
  }
}

static void add(uint8_t *set, const char *s) {
  if (s)
    pdf_charset_add_text(set, s, strlen(s));
}

int pdf_charset_of(const ar_node *doc, uint8_t *set) {
  /* The printable ASCII (numbers, note marks, libharu's own look-ups of
   * 'H' and 'x'), and the marks the plugin draws itself. */
  for (uint32_t ch = 0x20; ch < 0x7F; ch++)
    pdf_charset_add(set, ch);
  add(set, "\xE2\x80\x93\xE2\x80\xA2\xE2\x80\x94\xE2\x80\xA6\xC2\xB7"); /* – • — … · */

  static const ar_word words[] = {AR_WORD_CONTENTS, AR_WORD_NOTES,  AR_WORD_PAGE,
                                  AR_WORD_NO_DATA,  AR_WORD_MONTHS, AR_WORD_LONG_DATE};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    add(set, ar_document_word(doc, words[i]));
  add(set, ar_document_title(doc));
  add(set, ar_document_subtitle(doc));
  add(set, ar_document_date(doc));
  add(set, ar_document_author(doc));
  add(set, ar_document_publisher(doc));
  add(set, ar_document_marking(doc));
  for (size_t i = 0, n = ar_document_reference_count(doc); i < n; i++) {
    add(set, ar_document_reference_text(doc, i));
    add(set, ar_document_reference_url(doc, i));
  }

  ar_iter *it = ar_iter_new(doc);
  if (!it)
    return -1;
  for (ar_event e; (e = ar_iter_next(it)) != AR_EVENT_DONE && e != AR_EVENT_NONE;) {
    if (e != AR_EVENT_ENTER)
      continue;
    const ar_node *n = ar_iter_node(it);
    switch (ar_node_get_type(n)) {
    case AR_NODE_SECTION:
      add(set, ar_section_title(n));
      add(set, ar_section_number(n));
      break;
    case AR_NODE_TABLE:
      add(set, ar_table_caption(n));
      break;
    case AR_NODE_FIGURE:
      add(set, ar_figure_label(n));
      add(set, ar_figure_value(n));
      add(set, ar_figure_change(n));
      break;
    case AR_NODE_CHART:
      add(set, ar_chart_title(n));
      add(set, ar_chart_unit(n));
      for (size_t i = 0, k = ar_chart_category_count(n); i < k; i++)
        add(set, ar_chart_category(n, i));
      for (size_t s = 0, k = ar_chart_series_count(n); s < k; s++)
        add(set, ar_chart_series_name(n, s));
      break;
    case AR_NODE_NOTE:
      add(set, ar_note_title(n));
      break;
    case AR_NODE_QUOTE:
      add(set, ar_quote_attribution(n));
      break;
    case AR_NODE_TEXT:
      add(set, ar_text_literal(n));
      break;
    default:
      break;
    }
  }
  ar_iter_free(it);
  return 0;
}

/* ---- faces -------------------------------------------------------------------------- */

int pdf_open_faces(pdf_state *st, ar_error *err) {
  for (int i = 0; i < PDF_NFACES; i++) {
    for (int j = 0; j < i && !st->face[i]; j++)
      if (strcmp(st->file[j], st->file[i]) == 0)
        st->face[i] = hb_face_reference(st->face[j]);
    if (st->face[i])
      continue;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(st->file[i]);
    if (!blob) {
      ar_error_set(err, "font \"%s\": cannot read %s", st->family, st->file[i]);
      return -1;
    }
    st->face[i] = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(st->face[i]) == 0) {
      ar_error_set(err, "font \"%s\": %s is not a usable TrueType font", st->family,
                   st->file[i]);
      return -1;
    }
    hb_face_make_immutable(st->face[i]);
  }
  return 0;
}

void pdf_close_faces(pdf_state *st) {
  for (int i = 0; i < PDF_NFACES; i++) {
    hb_face_destroy(st->face[i]);
    st->face[i] = NULL;
  }
}

/* The tables libharu 2.3.0 reads and embeds; it writes only these. */
static int libharu_reads(hb_tag_t tag) {
  static const char keep[][5] = {"OS/2", "cmap", "glyf", "head", "hhea", "hmtx",
                                 "loca", "maxp", "name", "post"};
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
    if (tag == HB_TAG(keep[i][0], keep[i][1], keep[i][2], keep[i][3]))
      return 1;
  return 0;
}

hb_blob_t *pdf_subset(const pdf_state *st, int face, const uint8_t *set) {
  hb_face_t *src = st->face[face];
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in)
    return NULL;
  hb_set_t *u = hb_subset_input_unicode_set(in);
  for (uint32_t ch = 0; ch <= 0xFFFF; ch++) {
    if (!set[ch >> 3]) {
      ch |= 7;
      continue;
    }
    if (!pdf_charset_has(set, ch))
      continue;
    uint32_t last = ch;
    while (last < 0xFFFF && pdf_charset_has(set, last + 1))
      last++;
    hb_set_add_range(u, ch, last);
    ch = last;
  }
  /* Layout, hinting, bitmaps, colour...: nothing a PDF viewer reads from an
   * embedded TrueType font, and libharu drops them anyway. */
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_tag_t tags[32];
  unsigned int start = 0, count;
  do {
    count = sizeof tags / sizeof tags[0];
    hb_face_get_table_tags(src, start, &count, tags);
    for (unsigned int i = 0; i < count; i++)
      if (!libharu_reads(tags[i]))
        hb_set_add(drop, tags[i]);
    start += count;
  } while (count == sizeof tags / sizeof tags[0]);
  /* The .notdef box stays, for characters the face lacks. */
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
  hb_blob_t *out = NULL;
  if (!hb_set_allocation_successful(u) || !hb_set_allocation_successful(drop)) {
    hb_subset_input_destroy(in);
    return NULL;
  }
  hb_face_t *sub = hb_subset_or_fail(src, in);
  hb_subset_input_destroy(in);
  if (!sub)
    return NULL;
  out = hb_face_reference_blob(sub);
  hb_face_destroy(sub);
  if (hb_blob_get_length(out) == 0) {
    hb_blob_destroy(out);
    return NULL;
  }
  return out;
}
