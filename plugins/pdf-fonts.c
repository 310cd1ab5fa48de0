/* pdf-fonts.c: finds the regular, bold, italic and bold-italic TrueType
 * files of a family with fontconfig (in create()) and loads them embedded
 * and subset with the UTF-8 encoder (in render()). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "pdf.h"

static char *match_face(FcConfig *cfg, const char *family, int weight, int slant,
                        ar_error *err) {
  FcPattern *pat = FcPatternCreate();
  if (!pat) {
    ar_error_set(err, "out of memory");
    return NULL;
  }
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcPatternAddInteger(pat, FC_WEIGHT, weight);
  FcPatternAddInteger(pat, FC_SLANT, slant);
  FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(cfg, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *m = FcFontMatch(cfg, pat, &res);
  FcPatternDestroy(pat);
  if (!m) {
    ar_error_set(err, "font \"%s\": no match from fontconfig", family);
    return NULL;
  }
  FcChar8 *file = NULL, *fam = NULL;
  char *out = NULL;
  if (FcPatternGetString(m, FC_FAMILY, 0, &fam) != FcResultMatch ||
      strcasecmp((const char *)fam, family) != 0) {
    ar_error_set(err, "font \"%s\" not found (fontconfig offers \"%s\")", family,
                 fam ? (const char *)fam : "nothing");
  } else if (FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch) {
    ar_error_set(err, "font \"%s\": fontconfig gives no file", family);
  } else {
    size_t n = strlen((const char *)file);
    if (n < 4 || strcasecmp((const char *)file + n - 4, ".ttf") != 0)
      ar_error_set(err, "font \"%s\": %s is not a TrueType (.ttf) file", family, file);
    else if (access((const char *)file, R_OK) != 0)
      ar_error_set(err, "font \"%s\": cannot read %s", family, file);
    else if (!(out = strdup((const char *)file)))
      ar_error_set(err, "out of memory");
  }
  FcPatternDestroy(m);
  return out;
}

int pdf_find_faces(pdf_state *st, const char *family, ar_error *err) {
  static const int weight[PDF_NFACES] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD, FC_WEIGHT_REGULAR,
                                         FC_WEIGHT_BOLD};
  static const int slant[PDF_NFACES] = {FC_SLANT_ROMAN, FC_SLANT_ROMAN, FC_SLANT_ITALIC,
                                        FC_SLANT_ITALIC};
  FcConfig *cfg = FcInitLoadConfigAndFonts();
  if (!cfg) {
    ar_error_set(err, "cannot load the fontconfig configuration");
    return -1;
  }
  int rc = 0;
  for (int i = 0; i < PDF_NFACES && !rc; i++) {
    st->file[i] = match_face(cfg, family, weight[i], slant[i], err);
    if (!st->file[i])
      rc = -1;
  }
  FcConfigDestroy(cfg);
  return rc;
}

/* Loads face i on first use: each face loaded is embedded, even unused. */
HPDF_Font pdf_face(pdf_ctx *c, int i) {
  if (c->font[i] || c->failed)
    return c->font[i];
  /* Several faces may share one file (a family without italics). */
  for (int j = 0; j < PDF_NFACES; j++)
    if (j != i && c->font[j] && strcmp(c->st->file[j], c->st->file[i]) == 0)
      return c->font[i] = c->font[j];
  const char *name = HPDF_LoadTTFontFromFile(c->pdf, c->st->file[i], HPDF_TRUE);
  if (name)
    c->font[i] = HPDF_GetFont(c->pdf, name, "UTF-8");
  if (!name || !c->font[i]) {
    char what[600];
    snprintf(what, sizeof what, "cannot load the font file %s%s", c->st->file[i],
             c->herr ? "" : " (truncated or not a TrueType font)");
    pdf_fail(c, what);
    return NULL;
  }
  return c->font[i];
}

int pdf_load_fonts(pdf_ctx *c) {
  return pdf_face(c, PDF_REGULAR) && pdf_face(c, PDF_BOLD) ? 0 : -1;
}

/* libharu 2.3.0 subsets a composite glyph (ï, ї, many accented letters of
 * DejaVu) without the glyphs it is built from (fixed upstream in 2.4.0),
 * so those letters print blank. Drawing the usual components once, off the
 * page and invisible, keeps them in every face's subset. */
static const char components[] =
    "ıȷ¨´`^~¯˘˙˚˝ˇ¸˛'\",.-·"
    "\xCC\x80\xCC\x81\xCC\x82\xCC\x83\xCC\x84\xCC\x86\xCC\x87\xCC\x88\xCC\x8A\xCC\x8B"
    "\xCC\x8C\xCC\x8F\xCC\x91\xCC\xA3\xCC\xA4\xCC\xA6\xCC\xA7\xCC\xA8\xCC\xB1"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "іјиИеЕгГкКуУоОаАчЧзЗшШ";

void pdf_font_components(pdf_ctx *c) {
  if (c->dry || c->npages == 0 || !c->pages[0])
    return;
  HPDF_Page p = c->pages[0];
  HPDF_Page_BeginText(p);
  HPDF_Page_SetTextRenderingMode(p, HPDF_INVISIBLE);
  for (int i = 0; i < PDF_NFACES; i++) {
    if (!c->used[i])
      continue;
    HPDF_Page_SetFontAndSize(p, c->font[i], 1);
    HPDF_Page_TextOut(p, -2000, -2000, components);
  }
  HPDF_Page_SetTextRenderingMode(p, HPDF_FILL);
  HPDF_Page_EndText(p);
}
