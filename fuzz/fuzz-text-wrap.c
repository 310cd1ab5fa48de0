/* Fuzzes the text plugin's line breaker (plugins/text-wrap.c) with widths
 * from the input. The input: a width (one byte), a byte of flags (bit 0:
 * ASCII; bits 1-2: alignment; bits 3-5: columns of a grid row, less one),
 * then fields separated by NUL bytes: the first line's prefix, the other
 * lines' prefix, then runs, each starting with a byte that says what it
 * is (0 text, 1 opening markup, 2 closing markup, 3 a line break; modulo
 * 4). The runs go through the line builder, the text it makes is wrapped
 * and measured, and the runs are laid out as one row of a grid.
 *
 * Besides crashes, leaks and hangs, the breaker fails the harness when a
 * line wrapped from UTF-8 is wider than the width, unless it holds a single
 * grapheme cluster after its prefix (one too wide for the room left). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "text-wrap.h"

#define MAX_INPUT 4096
#define MAX_RUNS 64
#define MAX_COLUMNS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void oom(void) {
  fprintf(stderr, "fuzz-text-wrap: out of memory\n");
  abort();
}

/* Tells whether s holds at most one grapheme cluster. */
static int one_cluster(const char *s) {
  size_t n = strlen(s);
  char *breaks = malloc(n ? n : 1);
  if (!breaks)
    oom();
  u8_grapheme_breaks((const uint8_t *)s, n, breaks);
  int one = 1;
  for (size_t i = 1; i < n; i++)
    one &= !breaks[i];
  free(breaks);
  return one;
}

static void check_widths(const tw_lines *lines, size_t width, const char *first,
                         const char *rest) {
  for (size_t i = 0; i < lines->n; i++) {
    const char *line = lines->line[i], *prefix = i == 0 ? first : rest;
    size_t plen = strlen(prefix);
    size_t w = tw_strwidth(line);
    if (w <= width || (strncmp(line, prefix, plen) == 0 && one_cluster(line + plen)))
      continue;
    fprintf(stderr, "fuzz-text-wrap: line %zu is %zu columns wide, more than %zu: \"%s\"\n",
            i + 1, w, width, line);
    abort();
  }
}

/* Builds the runs into one text, wraps it, measures it. */
static void wrap_runs(char **runs, size_t nruns, size_t width, int ascii,
                      const char *first, const char *rest) {
  tw_builder b;
  tw_builder_init(&b, ascii);
  for (size_t i = 0; i < nruns; i++) {
    int kind = (unsigned char)runs[i][0] % 4;
    const char *s = runs[i][0] ? runs[i] + 1 : "";
    int rc = kind == 3 ? tw_append_break(&b)
                       : tw_append(&b, s, kind == 0 ? TW_TEXT : kind == 1 ? TW_OPEN : TW_CLOSE);
    if (rc)
      oom();
  }
  size_t len, min;
  const char *text = tw_builder_text(&b, &len);
  tw_lines lines;
  tw_lines_init(&lines);
  if (tw_wrap(text, len, width, first, rest, &lines) || tw_min_width(text, len, &min))
    oom();
  /* Text from a brief is always UTF-8; the breaker only promises widths for it. */
  if (!u8_check((const uint8_t *)text, len) && !u8_check((const uint8_t *)first, strlen(first)) &&
      !u8_check((const uint8_t *)rest, strlen(rest)))
    check_widths(&lines, width, first, rest);
  (void)tw_natural_width(text, len);
  tw_lines_free(&lines);
  tw_builder_free(&b);
}

/* Lays the runs out as one row of a grid `width` columns wide, as the text
 * plugin lays out a table. */
static void grid_row(char **runs, size_t nruns, size_t ncols, size_t width, int ascii,
                     tw_align align) {
  char *cells[MAX_COLUMNS] = {NULL};
  size_t nat[MAX_COLUMNS], min[MAX_COLUMNS], w[MAX_COLUMNS];
  tw_align aligns[MAX_COLUMNS];
  for (size_t c = 0; c < ncols; c++) {
    cells[c] = c < nruns ? tw_clean(runs[c], ascii) : NULL;
    if (c < nruns && !cells[c])
      oom();
    const char *s = cells[c] ? cells[c] : "";
    nat[c] = tw_natural_width(s, strlen(s));
    if (tw_min_width(s, strlen(s), &min[c]))
      oom();
    aligns[c] = align;
  }
  tw_fit_columns(ncols, nat, min, NULL, width, w);
  tw_lines lines;
  tw_lines_init(&lines);
  tw_buf pad;
  tw_buf_init(&pad);
  if (tw_grid_row(&lines, ncols, (const char *const *)cells, w, aligns, " | ") ||
      tw_pad(&pad, cells[0] ? cells[0] : "", width, align))
    oom();
  tw_buf_free(&pad);
  tw_lines_free(&lines);
  for (size_t c = 0; c < ncols; c++)
    free(cells[c]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2 || size > MAX_INPUT)
    return -1;
  size_t width = data[0];
  int ascii = data[1] & 1;
  tw_align align = (tw_align)((data[1] >> 1) & 3) % 3;
  size_t ncols = 1 + ((data[1] >> 3) & 7);
  /* The fields, each NUL-terminated in a copy. */
  char *text = malloc(size - 2 + 1);
  if (!text)
    oom();
  memcpy(text, data + 2, size - 2);
  text[size - 2] = '\0';
  char *fields[2 + MAX_RUNS];
  size_t nfields = 0;
  for (char *p = text, *end = text + (size - 2); nfields < 2 + MAX_RUNS && p <= end;
       p += strlen(p) + 1)
    fields[nfields++] = p;
  const char *first = nfields > 0 ? fields[0] : "", *rest = nfields > 1 ? fields[1] : "";
  char **runs = fields + 2;
  size_t nruns = nfields > 2 ? nfields - 2 : 0;

  wrap_runs(runs, nruns, width, ascii, first, rest);
  grid_row(runs, nruns, ncols, width, ascii, align);
  free(text);
  return 0;
}
