/* pdf-archive.c: what PDF/A-2a (ISO 19005-2, level A) asks beyond a
 * tagged PDF: an sRGB output intent with its ICC profile, a file
 * identifier, printable annotations and the PDF/A identification in the
 * XMP metadata. The identifier is a digest of the document's information
 * and pages, so that the same brief gives the same file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <nettle/sha2.h>

#include "pdf.h"

/* ICC profiles are a few KB; a file larger than this is not one. */
#define MAX_ICC_BYTES (4u << 20)

/* The profile at path, or NULL with why it cannot be used in why. */
static unsigned char *load_icc(const char *path, size_t *len, char *why, size_t size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(why, size, "cannot read the sRGB profile %s: %s (Debian: icc-profiles-free)", path,
             strerror(errno));
    return NULL;
  }
  unsigned char *buf = malloc(MAX_ICC_BYTES);
  size_t n = buf ? fread(buf, 1, MAX_ICC_BYTES, f) : 0;
  int bad = ferror(f) || !feof(f) || n < 128 || memcmp(buf + 36, "acsp", 4) != 0 ||
            memcmp(buf + 16, "RGB ", 4) != 0;
  fclose(f);
  if (!buf || bad) {
    free(buf);
    snprintf(why, size, "%s is not an RGB ICC profile", path);
    return NULL;
  }
  *len = n;
  return buf;
}

int pdf_check_icc(const char *path, int given, ar_error *err) {
  char why[600];
  size_t len;
  unsigned char *icc = load_icc(path, &len, why, sizeof why);
  free(icc);
  if (icc)
    return 0;
  if (given)
    ar_error_set_option(err, "icc", "%s", why);
  else
    ar_error_set(err, "pdf.archive: %s", why);
  return -1;
}

static unsigned char *read_icc(pdf_ctx *c, const char *path, size_t *len) {
  char why[600];
  unsigned char *icc = load_icc(path, len, why, sizeof why);
  if (!icc) {
    ar_error_set(c->err, "pdf.archive: %s", why);
    c->failed = 1;
  }
  return icc;
}

/* The trailer's /ID: twice the first 16 bytes of a SHA-256 of the
 * document information and the page count. */
static int file_id(pdf_ctx *c) {
  struct sha256_ctx h;
  sha256_init(&h);
  static const char *const keys[] = {"Title", "Subject", "Author", "CreationDate", "ModDate"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    HPDF_String s = c->pdf->info ? HPDF_Dict_GetItem(c->pdf->info, keys[i], HPDF_OCLASS_STRING)
                                 : NULL;
    if (s)
      sha256_update(&h, s->len, s->value);
    sha256_update(&h, 1, (const uint8_t *)"");
  }
  char pages[32];
  int n = snprintf(pages, sizeof pages, "%zu", c->npages);
  sha256_update(&h, (size_t)n, (const uint8_t *)pages);
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&h, sizeof digest, digest);
  HPDF_Array id = HPDF_Array_New(c->pdf->mmgr);
  if (!id || HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, digest, 16)) != HPDF_OK ||
      HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, digest, 16)) != HPDF_OK ||
      HPDF_Dict_Add(c->pdf->trailer, "ID", id) != HPDF_OK)
    return pdf_fail(c, "cannot set the file identifier");
  return 0;
}

int pdf_archive_finish(pdf_ctx *c) {
  size_t len = 0;
  unsigned char *icc = read_icc(c, c->st->icc_path, &len);
  if (!icc)
    return -1;
  HPDF_MMgr mm = c->pdf->mmgr;
  HPDF_Dict profile = HPDF_DictStream_New(mm, c->pdf->xref);
  HPDF_Dict intent = profile ? HPDF_Dict_New(mm) : NULL;
  HPDF_Array intents = intent ? HPDF_Array_New(mm) : NULL;
  int rc = 0;
  if (!intents || HPDF_Dict_AddNumber(profile, "N", 3) != HPDF_OK ||
      HPDF_Stream_Write(profile->stream, icc, (HPDF_UINT)len) != HPDF_OK ||
      HPDF_Dict_AddName(intent, "Type", "OutputIntent") != HPDF_OK ||
      HPDF_Dict_AddName(intent, "S", "GTS_PDFA1") != HPDF_OK ||
      HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)) != HPDF_OK ||
      HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)) != HPDF_OK ||
      HPDF_Dict_Add(intent, "DestOutputProfile", profile) != HPDF_OK ||
      HPDF_Array_Add(intents, intent) != HPDF_OK ||
      HPDF_Dict_Add(c->pdf->catalog, "OutputIntents", intents) != HPDF_OK)
    rc = pdf_fail(c, "cannot add the output intent");
  else
    profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  free(icc);
  if (rc || file_id(c))
    return -1;
  /* Every annotation prints (its /F has the Print flag). */
  for (size_t i = 0; i < c->tags.nlinks; i++)
    if (HPDF_Dict_AddNumber(c->tags.links[i].annot, "F", 4) != HPDF_OK)
      return pdf_fail(c, "cannot mark a link printable");
  return 0;
}
