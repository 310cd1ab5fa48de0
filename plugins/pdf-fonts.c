/* pdf-fonts.c: finds the regular, bold, italic and bold-italic TrueType
 * files of a family with fontconfig (in create()); loads them, cut to the
 * brief's characters (pdf-subset.c), embedded with the UTF-8 encoder (in
 * render()); and before saving, embeds every glyph of those cuts and
 * writes each font's ToUnicode CMap. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#ifdef HAVE_MEMFD_CREATE
#include <sys/mman.h>
#endif

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

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

/* ---- loading ------------------------------------------------------------------------ */

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* libharu 2.3.0 reads TrueType only from a file it opens by name, and reads
 * it again when saving: the subset goes into an anonymous memory file named
 * by /proc/self/fd, or else a temporary file removed once libharu has
 * opened it. */
static const char *load_bytes(pdf_ctx *c, int i, const char *data, size_t len) {
  char path[4096], what[4300];
  int fd = -1, named = 0;
#ifdef HAVE_MEMFD_CREATE
  fd = memfd_create("alliance-report-font", MFD_CLOEXEC);
  if (fd >= 0) {
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (write_all(fd, data, len) != 0 || access(path, R_OK) != 0) {
      close(fd);
      fd = -1;
    }
  }
#endif
  if (fd < 0) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
      dir = "/tmp";
    if ((size_t)snprintf(path, sizeof path, "%s/alliance-report-font-XXXXXX", dir) >=
        sizeof path) {
      pdf_fail(c, "TMPDIR is too long a path for the font subset's temporary file");
      return NULL;
    }
    fd = mkstemp(path);
    if (fd < 0) {
      snprintf(what, sizeof what, "cannot make a temporary file for a font subset in %s: %s",
               dir, strerror(errno));
      pdf_fail(c, what);
      return NULL;
    }
    named = 1;
    if (write_all(fd, data, len) != 0) {
      snprintf(what, sizeof what, "cannot write the font subset to %s: %s", path,
               strerror(errno));
      unlink(path);
      close(fd);
      pdf_fail(c, what);
      return NULL;
    }
  }
  const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
  if (named)
    unlink(path);
  close(fd);
  if (!name) {
    snprintf(what, sizeof what, "cannot load the subset of the font file %s", c->st->file[i]);
    pdf_fail(c, what);
  }
  return name;
}

/* Loads face i on first use: each face loaded is embedded, even unused. */
HPDF_Font pdf_face(pdf_ctx *c, int i) {
  if (c->font[i] || c->failed)
    return c->font[i];
  /* Several faces may share one file (a family without italics). */
  for (int j = 0; j < PDF_NFACES; j++)
    if (j != i && c->font[j] && strcmp(c->st->file[j], c->st->file[i]) == 0)
      return c->font[i] = c->font[j];
  hb_blob_t *sub = pdf_subset(c->st, i, c->want);
  if (!sub) {
    char what[600];
    snprintf(what, sizeof what, "cannot cut the font file %s to the brief's characters (HarfBuzz)",
             c->st->file[i]);
    pdf_fail(c, what);
    return NULL;
  }
  unsigned int len;
  const char *data = hb_blob_get_data(sub, &len);
  const char *name = load_bytes(c, i, data, len);
  hb_blob_destroy(sub);
  if (!name)
    return NULL;
  c->font[i] = HPDF_GetFont(c->pdf, name, "UTF-8");
  if (!c->font[i]) {
    char what[600];
    snprintf(what, sizeof what, "cannot load the font file %s", c->st->file[i]);
    pdf_fail(c, what);
  }
  return c->font[i];
}

int pdf_load_fonts(pdf_ctx *c) {
  return pdf_face(c, PDF_REGULAR) && pdf_face(c, PDF_BOLD) ? 0 : -1;
}

/* ---- before saving ---------------------------------------------------------------- */

/* One bfrange or bfchar section of a CMap being written: at most 100 lines. */
typedef struct {
  HPDF_Stream out;
  const char *kind; /* "bfrange" or "bfchar" */
  int ranges;
  char buf[100 * 24];
  size_t used, n;
  HPDF_STATUS s;
} cmap_section;

static void section_flush(cmap_section *w) {
  if (w->n == 0 || w->s != HPDF_OK)
    return;
  char lead[40], end[24];
  snprintf(lead, sizeof lead, "%zu begin%s\n", w->n, w->kind);
  snprintf(end, sizeof end, "end%s\n", w->kind);
  w->buf[w->used] = '\0';
  if ((w->s = HPDF_Stream_WriteStr(w->out, lead)) == HPDF_OK &&
      (w->s = HPDF_Stream_WriteStr(w->out, w->buf)) == HPDF_OK)
    w->s = HPDF_Stream_WriteStr(w->out, end);
  w->used = w->n = 0;
}

static void section_line(cmap_section *w, uint32_t first, uint32_t last) {
  if (w->ranges)
    w->used += (size_t)snprintf(w->buf + w->used, sizeof w->buf - w->used,
                                "<%04X> <%04X> <%04X>\n", (unsigned)first, (unsigned)last,
                                (unsigned)first);
  else
    w->used += (size_t)snprintf(w->buf + w->used, sizeof w->buf - w->used, "<%04X> <%04X>\n",
                                (unsigned)first, (unsigned)first);
  if (++w->n == 100)
    section_flush(w);
}

/* A ToUnicode CMap (ISO 32000-1, 9.10.3) for the codes libharu's UTF-8
 * encoder writes with Identity-H, the UTF-16 of BMP characters, of the
 * characters of set: runs of characters under one high byte as bfrange
 * lines, single characters as bfchar lines. */
static int write_tounicode(HPDF_Stream out, const uint8_t *set) {
  static const char head[] =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  static const char tail[] =
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  cmap_section range = {.out = out, .kind = "bfrange", .ranges = 1};
  cmap_section single = {.out = out, .kind = "bfchar", .ranges = 0};
  range.s = single.s = HPDF_Stream_WriteStr(out, head);
  for (int pass = 0; pass < 2; pass++) {
    cmap_section *w = pass == 0 ? &range : &single;
    for (uint32_t ch = 0; ch <= 0xFFFF && w->s == HPDF_OK; ch++) {
      if (!set[ch >> 3]) {
        ch |= 7;
        continue;
      }
      if (!pdf_charset_has(set, ch))
        continue;
      uint32_t last = ch;
      while ((last & 0xFF) != 0xFF && pdf_charset_has(set, last + 1))
        last++;
      if ((last > ch) == (pass == 0))
        section_line(w, ch, last);
      ch = last;
    }
    section_flush(w);
    if (w->s != HPDF_OK)
      return -1;
  }
  return HPDF_Stream_WriteStr(out, tail) == HPDF_OK ? 0 : -1;
}

/* libharu 2.3.0 maps all 65,535 CIDs, nearly all to glyph 0, and deflating
 * that costs more than the rest of saving: the map is cut after the last
 * code drawn with the font, the last it is asked about. */
static int cut_cid_map(HPDF_Font descendant, const uint8_t *set) {
  HPDF_Dict map = HPDF_Dict_GetItem(descendant, "CIDToGIDMap", HPDF_OCLASS_DICT);
  if (!map || !map->stream)
    return -1;
  uint32_t top = 0;
  for (size_t k = PDF_CHARSET_BYTES; k-- > 0 && !top;)
    for (int b = 7; b >= 0 && !top; b--)
      if (set[k] >> b & 1)
        top = (uint32_t)(k * 8 + (size_t)b);
  HPDF_UINT keep = (top + 1) * 2, got = keep;
  if (keep >= HPDF_Stream_Size(map->stream))
    return 0;
  HPDF_BYTE *buf = malloc(keep);
  if (!buf)
    return -1;
  int rc = HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET) == HPDF_OK &&
                   HPDF_Stream_Read(map->stream, buf, &got) == HPDF_OK && got == keep
               ? 0
               : -1;
  if (rc == 0) {
    HPDF_MemStream_FreeData(map->stream);
    rc = HPDF_Stream_Write(map->stream, buf, keep) == HPDF_OK ? 0 : -1;
  }
  free(buf);
  return rc;
}

int pdf_fonts_finish(pdf_ctx *c) {
  uint8_t set[PDF_CHARSET_BYTES];
  for (int i = 0; i < PDF_NFACES; i++) {
    int first = 1;
    for (int j = 0; j < i; j++)
      first = first && c->font[j] != c->font[i];
    if (!c->font[i] || !first)
      continue;
    /* The subset holds only what the brief needs: all of it is embedded,
     * composite glyphs with their components (libharu 2.3.0 would keep
     * only the glyphs measured, without the components of composites). */
    HPDF_FontAttr fa = (HPDF_FontAttr)c->font[i]->attr;
    HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)fa->fontdef->attr;
    if (fa->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || !ta->glyph_tbl.flgs)
      return pdf_fail(c, "a font is not the TrueType font loaded");
    memset(ta->glyph_tbl.flgs, 1, ta->num_glyphs);

    /* libharu 2.3.0 writes its encoder's CID CMap (begincidrange) as the
     * ToUnicode CMap: its contents are replaced with a real one. */
    memset(set, 0, sizeof set);
    for (int j = i; j < PDF_NFACES; j++)
      if (c->font[j] == c->font[i])
        for (size_t k = 0; k < PDF_CHARSET_BYTES; k++)
          set[k] |= c->shown[(size_t)j * PDF_CHARSET_BYTES + k];
    HPDF_Dict tu = HPDF_Dict_GetItem(c->font[i], "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream)
      return pdf_fail(c, "a font has no ToUnicode CMap to correct");
    static const char *const stale[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t k = 0; k < sizeof stale / sizeof stale[0]; k++)
      HPDF_Dict_RemoveElement(tu, stale[k]); /* or HPDF_DICT_ITEM_NOT_FOUND: not there */
    HPDF_MemStream_FreeData(tu->stream);
    if (write_tounicode(tu->stream, set))
      return pdf_fail(c, "cannot write a ToUnicode CMap");
    if (cut_cid_map(fa->descendant_font, set))
      return pdf_fail(c, "cannot cut a font's CIDToGIDMap");
  }
  return 0;
}
