/* Fuzzes the text plugin's line breaker (plugins/text-wrap.c) with widths
 * from the input, on runs as the text plugin makes them: text from the
 * brief, markup of its own, forced breaks. The input: a width (one byte);
 * a byte of flags (bit 0: ASCII; bits 1-2: alignment; bits 3-5: columns of
 * a grid row, less one); a byte choosing the prefix of the first line (low
 * 4 bits) and of the others (high 4 bits); then runs separated by NUL
 * bytes, each starting with a byte that says what it is: modulo 4, 0 text
 * (the rest of the run), 1 opening and 2 closing markup (the marker the
 * byte divided by 4 picks), 3 a line break. The runs go through the line
 * builder, the text it makes is wrapped and measured, and the text runs are
 * laid out as one row of a grid.
 *
 * Besides crashes, leaks and hangs, the breaker fails the harness when a
 * line wrapped from UTF-8 is wider than the width, unless it holds a single
 * grapheme cluster that takes room after its prefix (one too wide for the
 * room left). */
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

/* What the text plugin puts around and before text (plugins/text.c). */
static const char *const markers[] = {"_", "*", "[1]", "[12345]"};
static const char *const prefixes[] = {
    "",     "  * ",   "    ",  "1. ", "10. ", "│ ", "  │ ", "| ",
    "  | ", "      ", "-- ",   "— ",  "│ │ ", "123456. ", "                    ", "  "};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void oom(void) {
  fprintf(stderr, "fuzz-text-wrap: out of memory\n");
  abort();
}

/* Tells whether s holds at most one grapheme cluster that takes room
 * (zero-width ones, such as a mark of direction, may come with it). */
static int one_cluster(const char *s) {
  size_t n = strlen(s);
  char *breaks = malloc(n ? n : 1);
  if (!breaks)
    oom();
  u8_grapheme_breaks((const uint8_t *)s, n, breaks);
  int wide = 0;
  for (size_t start = 0, i = 1; i <= n; i++)
    if (i == n || breaks[i]) {
      wide += tw_width(s + start, i - start) > 0;
      start = i;
    }
  free(breaks);
  return wide <= 1;
}

static void check_widths(const tw_lines *lines, size_t width, const char *first,
                         const char *rest) {
  if (width == 0)
    width = 1; /* the breaker's least room for text */
  for (size_t i = 0; i < lines->n; i++) {
    const char *line = lines->line[i], *prefix = i == 0 ? first : rest;
    size_t plen = strlen(prefix), len = strlen(line);
    size_t w = tw_strwidth(line);
    if (w <= width || (len <= plen && strncmp(line, prefix, len) == 0) ||
        (len > plen && strncmp(line, prefix, plen) == 0 && one_cluster(line + plen)))
      continue; /* narrow, or a prefix too wide with at most one cluster after it */
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
    unsigned char tag = (unsigned char)runs[i][0];
    const char *marker = markers[(tag / 4) % (sizeof markers / sizeof *markers)];
    int rc = tag % 4 == 0   ? tw_append(&b, tag ? runs[i] + 1 : "", TW_TEXT)
             : tag % 4 == 1 ? tw_append(&b, marker, TW_OPEN)
             : tag % 4 == 2 ? tw_append(&b, marker, TW_CLOSE)
                            : tw_append_break(&b);
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
  if (!u8_check((const uint8_t *)text, len))
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
    cells[c] = c < nruns ? tw_clean(runs[c][0] ? runs[c] + 1 : "", ascii) : NULL;
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
  if (size < 3 || size > MAX_INPUT)
    return -1;
  size_t width = data[0];
  int ascii = data[1] & 1;
  tw_align align = (tw_align)((data[1] >> 1) & 3) % 3;
  size_t ncols = 1 + ((data[1] >> 3) & 7);
  const char *first = prefixes[data[2] & 15], *rest = prefixes[data[2] >> 4];
  /* The runs, each NUL-terminated in a copy. */
  size_t len = size - 3;
  char *text = malloc(len + 1);
  if (!text)
    oom();
  memcpy(text, data + 3, len);
  text[len] = '\0';
  char *runs[MAX_RUNS];
  size_t nruns = 0;
  for (char *p = text, *end = text + len; nruns < MAX_RUNS && p < end; p += strlen(p) + 1)
    runs[nruns++] = p;

  wrap_runs(runs, nruns, width, ascii, first, rest);
  grid_row(runs, nruns, ncols, width, ascii, align);
  free(text);
  return 0;
}
