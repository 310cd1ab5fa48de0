/* hpdf-floor: the least libharu 2.3.0 work for a PDF like a brief, as a
 * floor to measure the pdf plugin against.
 *
 * Usage: hpdf-floor [-n COUNT] [-p PAGES] [-o FILE] TEXT REGULAR BOLD ITALIC
 *
 * Writes COUNT PDFs one after the other in one process (the last one stays
 * in FILE, by default /dev/null). Each is made as the pdf plugin makes a
 * brief: a new document with the UTF-8 encoder and full compression, the
 * three TrueType files loaded embedded (HPDF_LoadTTFontFromFile) and taken
 * as UTF-8 fonts, the UTF-8 text of the file TEXT (such as what pdftotext
 * finds in a brief) wrapped with HPDF_Page_MeasureText over PAGES A4 pages,
 * each paragraph in one of the three faces, then saved to libharu's memory
 * stream and read back. Nothing else: no second layout pass, no outline,
 * no charts, no tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#define PAGE_W 595.276f
#define PAGE_H 841.89f
#define MARGIN (2.2f * 72.0f / 2.54f)
#define SIZE 10.0f
#define LEADING 13.0f

enum { REGULAR, BOLD, ITALIC, NFACES };

typedef struct {
  size_t start, len;
  int face;
} line;

static HPDF_STATUS failure;

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data) {
  (void)detail;
  (void)data;
  if (!failure)
    failure = code;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap + 1);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap)
      break;
    char *grown = realloc(buf, cap * 2 + 1);
    if (!grown) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = grown;
    cap *= 2;
  }
  if (buf && ferror(f)) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) {
    /* Form feeds (page breaks in pdftotext's output) and other control
     * characters but the newline become spaces. */
    for (size_t i = 0; i < n; i++)
      if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n')
        buf[i] = ' ';
    buf[n] = '\0';
    *len = n;
  }
  return buf;
}

/* The face of paragraph k: short paragraphs (headings) bold, every fifth
 * of the others italic. */
static int face_of(const char *p, size_t len, size_t k) {
  if (len < 48 && (len == 0 || p[len - 1] != '.'))
    return BOLD;
  return k % 5 == 4 ? ITALIC : REGULAR;
}

/* Breaks text into lines that fit width; returns the number of lines, or
 * -1 (out of memory, or libharu failed). */
static long break_lines(HPDF_Page page, HPDF_Font font[NFACES], const char *text, size_t len,
                        float width, line **lines, size_t *cap) {
  size_t n = 0, k = 0;
  char *buf = malloc(len + 1);
  if (!buf)
    return -1;
  for (size_t p = 0; p < len;) {
    const char *nl = memchr(text + p, '\n', len - p);
    size_t end = nl ? (size_t)(nl - text) : len;
    int face = face_of(text + p, end - p, k++);
    HPDF_Page_SetFontAndSize(page, font[face], SIZE);
    size_t at = p;
    while (at < end) {
      while (at < end && text[at] == ' ')
        at++;
      if (at == end)
        break;
      memcpy(buf, text + at, end - at);
      buf[end - at] = '\0';
      HPDF_REAL used;
      HPDF_UINT fit = HPDF_Page_MeasureText(page, buf, width, HPDF_TRUE, &used);
      if (fit == 0)
        fit = HPDF_Page_MeasureText(page, buf, width, HPDF_FALSE, &used);
      if (fit == 0 || failure) {
        free(buf);
        return -1;
      }
      if (n == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        line *grown = realloc(*lines, c * sizeof *grown);
        if (!grown) {
          free(buf);
          return -1;
        }
        *lines = grown;
        *cap = c;
      }
      (*lines)[n++] = (line){at, fit, face};
      at += fit;
    }
    p = end + 1;
  }
  free(buf);
  return (long)n;
}

/* Makes one PDF into *out (resized as needed); returns its size, or 0. */
static size_t make_pdf(const char *text, size_t len, int pages, char *const fonts[NFACES],
                       unsigned char **out, size_t *outcap, line **lines, size_t *cap) {
  size_t size = 0;
  failure = 0;
  HPDF_Doc pdf = HPDF_New(on_error, NULL);
  if (!pdf)
    return 0;
  HPDF_Font font[NFACES];
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  for (int i = 0; i < NFACES && !failure; i++) {
    const char *name = HPDF_LoadTTFontFromFile(pdf, fonts[i], HPDF_TRUE);
    font[i] = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
  }
  HPDF_Page page[64];
  if (pages > (int)(sizeof page / sizeof *page))
    pages = (int)(sizeof page / sizeof *page);
  for (int i = 0; i < pages && !failure; i++) {
    page[i] = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page[i], PAGE_W);
    HPDF_Page_SetHeight(page[i], PAGE_H);
  }
  long n = failure ? -1 : break_lines(page[0], font, text, len, PAGE_W - 2 * MARGIN, lines, cap);
  if (n < 0)
    goto done;
  /* The lines spread evenly over the pages, closer if they must. */
  long per_page = (n + pages - 1) / pages;
  float leading = LEADING;
  if (per_page > 0 && per_page * leading > PAGE_H - 2 * MARGIN)
    leading = (PAGE_H - 2 * MARGIN) / (float)per_page;
  char buf[4096];
  for (long i = 0; i < n && !failure; i++) {
    HPDF_Page pg = page[i / (per_page ? per_page : 1)];
    long row = i % (per_page ? per_page : 1);
    if (row == 0)
      HPDF_Page_BeginText(pg);
    const line *ln = &(*lines)[i];
    size_t l = ln->len < sizeof buf ? ln->len : sizeof buf - 1;
    memcpy(buf, text + ln->start, l);
    buf[l] = '\0';
    HPDF_Page_SetFontAndSize(pg, font[ln->face], SIZE);
    HPDF_Page_TextOut(pg, MARGIN, PAGE_H - MARGIN - SIZE - (float)row * leading, buf);
    if (row == per_page - 1 || i == n - 1)
      HPDF_Page_EndText(pg);
  }
  if (failure || HPDF_SaveToStream(pdf) != HPDF_OK || HPDF_ResetStream(pdf) != HPDF_OK)
    goto done;
  HPDF_UINT32 total = HPDF_GetStreamSize(pdf);
  if (total > *outcap) {
    unsigned char *grown = realloc(*out, total);
    if (!grown)
      goto done;
    *out = grown;
    *outcap = total;
  }
  HPDF_UINT32 done = 0;
  while (done < total) {
    HPDF_UINT32 chunk = total - done;
    HPDF_STATUS s = HPDF_ReadFromStream(pdf, *out + done, &chunk);
    if ((s != HPDF_OK && s != HPDF_STREAM_EOF) || chunk == 0)
      break;
    done += chunk;
  }
  if (done == total)
    size = total;
done:
  HPDF_Free(pdf);
  return size;
}

static int usage(void) {
  fprintf(stderr, "Usage: hpdf-floor [-n COUNT] [-p PAGES] [-o FILE] TEXT REGULAR BOLD ITALIC\n"
                  "Writes COUNT PDFs of TEXT over PAGES pages with three embedded TrueType\n"
                  "faces, as the pdf plugin writes a brief, and keeps the last one in FILE.\n");
  return 2;
}

int main(int argc, char **argv) {
  long count = 1, pages = 1;
  const char *path = "/dev/null";
  int opt;
  char *end;
  while ((opt = getopt(argc, argv, "n:p:o:")) != -1) {
    switch (opt) {
    case 'n':
      count = strtol(optarg, &end, 10);
      if (*end || count < 1 || count > 100000)
        return usage();
      break;
    case 'p':
      pages = strtol(optarg, &end, 10);
      if (*end || pages < 1 || pages > 64)
        return usage();
      break;
    case 'o': path = optarg; break;
    default: return usage();
    }
  }
  if (argc - optind != 1 + NFACES)
    return usage();
  size_t len;
  char *text = read_file(argv[optind], &len);
  if (!text) {
    fprintf(stderr, "hpdf-floor: cannot read %s: %s\n", argv[optind], strerror(errno));
    return 1;
  }
  unsigned char *pdf = NULL;
  size_t cap = 0, size = 0, lcap = 0;
  line *lines = NULL;
  for (long i = 0; i < count; i++) {
    size = make_pdf(text, len, (int)pages, argv + optind + 1, &pdf, &cap, &lines, &lcap);
    if (!size) {
      fprintf(stderr, "hpdf-floor: libharu failed (error 0x%04lX)\n", (unsigned long)failure);
      return 1;
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(pdf, 1, size, f) != size || fclose(f) != 0) {
      fprintf(stderr, "hpdf-floor: cannot write %s: %s\n", path, strerror(errno));
      return 1;
    }
  }
  free(lines);
  free(pdf);
  free(text);
  return 0;
}
