/* text-wrap.c: the layout helpers of the text plugin (see text-wrap.h). */
#include "config.h"

#include "text-wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#define ENCODING "UTF-8"
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD, for invalid UTF-8 */

/* ---- growable strings ------------------------------------------------------ */

void tw_buf_init(tw_buf *b) { memset(b, 0, sizeof *b); }

void tw_buf_free(tw_buf *b) {
  free(b->data);
  tw_buf_init(b);
}

void tw_buf_clear(tw_buf *b) {
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

int tw_buf_add(tw_buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown)
      return -1;
    b->data = grown;
    b->cap = cap;
  }
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int tw_buf_puts(tw_buf *b, const char *s) { return tw_buf_add(b, s, strlen(s)); }

int tw_buf_repeat(tw_buf *b, const char *s, size_t times) {
  size_t n = strlen(s);
  for (size_t i = 0; i < times; i++)
    if (tw_buf_add(b, s, n))
      return -1;
  return tw_buf_add(b, "", 0);
}

void tw_buf_rtrim(tw_buf *b) {
  while (b->len > 0 && b->data[b->len - 1] == ' ')
    b->data[--b->len] = '\0';
}

const char *tw_buf_str(const tw_buf *b) { return b->data ? b->data : ""; }

/* ---- line lists -------------------------------------------------------------- */

void tw_lines_init(tw_lines *l) { memset(l, 0, sizeof *l); }

void tw_lines_clear(tw_lines *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->line[i]);
  l->n = 0;
}

void tw_lines_free(tw_lines *l) {
  tw_lines_clear(l);
  free(l->line);
  tw_lines_init(l);
}

int tw_lines_add(tw_lines *l, const char *s, size_t n) {
  while (n > 0 && s[n - 1] == ' ')
    n--;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    char **grown = realloc(l->line, cap * sizeof *grown);
    if (!grown)
      return -1;
    l->line = grown;
    l->cap = cap;
  }
  char *copy = malloc(n + 1);
  if (!copy)
    return -1;
  memcpy(copy, s, n);
  copy[n] = '\0';
  l->line[l->n++] = copy;
  return 0;
}

/* ---- measuring ----------------------------------------------------------------- */

static size_t char_width(ucs4_t uc) {
  int w = uc_width(uc, ENCODING);
  return w > 0 ? (size_t)w : 0;
}

size_t tw_width(const char *s, size_t n) {
  int w = u8_width((const uint8_t *)s, n, ENCODING);
  return w > 0 ? (size_t)w : 0;
}

size_t tw_strwidth(const char *s) { return tw_width(s, strlen(s)); }

size_t tw_natural_width(const char *s, size_t n) {
  size_t widest = 0, start = 0;
  for (size_t i = 0; i <= n; i++)
    if (i == n || s[i] == '\n') {
      size_t w = tw_width(s + start, i - start);
      widest = w > widest ? w : widest;
      start = i + 1;
    }
  return widest;
}

/* Break opportunities of s (UAX #14): a new array to free(), or NULL. */
static char *breaks(const char *s, size_t n) {
  char *p = malloc(n ? n : 1);
  if (p && n)
    u8_possible_linebreaks((const uint8_t *)s, n, ENCODING, p);
  return p;
}

int tw_min_width(const char *s, size_t n, size_t *width) {
  char *p = breaks(s, n);
  if (!p)
    return -1;
  size_t widest = 0, piece = 0; /* piece: width up to its last non-space */
  size_t col = 0;
  for (size_t i = 0; i < n;) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
    if (uc == '\n' || p[i] == UC_BREAK_POSSIBLE || p[i] == UC_BREAK_MANDATORY)
      col = piece = 0;
    if (uc != '\n') {
      col += char_width(uc);
      if (uc != ' ')
        piece = col;
    }
    widest = piece > widest ? piece : widest;
    i += (size_t)len;
  }
  free(p);
  *width = widest;
  return 0;
}

/* ---- ASCII transliteration ------------------------------------------------------ */
/* The explicit directional embeddings, overrides and isolates: a data
 * string holding one could reorder the text after it on a terminal, so
 * they are dropped and the string isolated instead (append_text()). */
static int is_bidi_control(ucs4_t uc) {
  return (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069);
}

static int is_noncharacter(ucs4_t uc) {
  return (uc >= 0xFDD0 && uc <= 0xFDEF) || (uc & 0xFFFE) == 0xFFFE;
}


/* Characters NFKD leaves non-ASCII that have an ASCII spelling. Sorted. */
static const struct {
  ucs4_t uc;
  const char *ascii;
} translit[] = {
    {0x00A1, "!"},     {0x00A2, "c"},     {0x00A3, "GBP"},   {0x00A5, "JPY"},
    {0x00A6, "|"},     {0x00A7, "S"},     {0x00A9, "(C)"},   {0x00AB, "<<"},
    {0x00AC, "!"},     {0x00AE, "(R)"},   {0x00B0, "o"},     {0x00B1, "+/-"},
    {0x00B6, "P"},     {0x00B7, "."},     {0x00BB, ">>"},    {0x00BF, "?"},
    {0x00C6, "AE"},    {0x00D0, "D"},     {0x00D7, "x"},     {0x00D8, "O"},
    {0x00DE, "Th"},    {0x00DF, "ss"},    {0x00E6, "ae"},    {0x00F0, "d"},
    {0x00F7, "/"},     {0x00F8, "o"},     {0x00FE, "th"},    {0x0110, "D"},
    {0x0111, "d"},     {0x0126, "H"},     {0x0127, "h"},     {0x0131, "i"},
    {0x0138, "q"},     {0x0141, "L"},     {0x0142, "l"},     {0x014A, "N"},
    {0x014B, "n"},     {0x0152, "OE"},    {0x0153, "oe"},    {0x0166, "T"},
    {0x0167, "t"},     {0x0180, "b"},     {0x0189, "D"},     {0x018F, "E"},
    {0x0192, "f"},     {0x01B5, "Z"},     {0x01B6, "z"},     {0x0259, "e"},
    {0x02B9, "'"},     {0x02BA, "\""},    {0x02BB, "'"},     {0x02BC, "'"},
    {0x02C6, "^"},     {0x02C8, "'"},     {0x02DC, "~"},     {0x2010, "-"},
    {0x2011, "-"},     {0x2012, "-"},     {0x2013, "-"},     {0x2014, "--"},
    {0x2015, "--"},    {0x2016, "||"},    {0x2018, "'"},     {0x2019, "'"},
    {0x201A, ","},     {0x201B, "'"},     {0x201C, "\""},    {0x201D, "\""},
    {0x201E, "\""},    {0x201F, "\""},    {0x2020, "+"},     {0x2022, "*"},
    {0x2030, "o/oo"},  {0x2032, "'"},     {0x2033, "\""},    {0x2039, "<"},
    {0x203A, ">"},     {0x2044, "/"},     {0x2052, "%"},     {0x20A4, "L"},
    {0x20AC, "EUR"},   {0x20B9, "INR"},   {0x20BA, "TRY"},   {0x2190, "<-"},
    {0x2191, "^"},     {0x2192, "->"},    {0x2193, "v"},     {0x2194, "<->"},
    {0x21D2, "=>"},    {0x2212, "-"},     {0x2215, "/"},     {0x2248, "~"},
    {0x2260, "!="},    {0x2264, "<="},    {0x2265, ">="},    {0x2500, "-"},
    {0x2502, "|"},     {0x25CF, "*"},     {0x2713, "v"},     {0x2717, "x"},
    {0x3000, " "},
};

static const char *translit_of(ucs4_t uc) {
  size_t lo = 0, hi = sizeof translit / sizeof *translit;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (translit[mid].uc == uc)
      return translit[mid].ascii;
    if (translit[mid].uc < uc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* Appends the ASCII spelling of s[0..n-1] to out: compatibility
 * decomposition (NFKD), combining marks dropped, a table for the rest of
 * the Latin letters and punctuation, '?' for anything else. */
static int to_ascii(tw_buf *out, const char *s, size_t n) {
  size_t len = 0;
  uint8_t *nfkd = u8_normalize(UNINORM_NFKD, (const uint8_t *)s, n, NULL, &len);
  const uint8_t *src = nfkd ? nfkd : (const uint8_t *)s;
  len = nfkd ? len : n;
  int rc = 0;
  for (size_t i = 0; !rc && i < len;) {
    ucs4_t uc;
    int clen = u8_mbtouc(&uc, src + i, len - i);
    const char *rep = NULL;
    char c = (char)uc;
    if (uc < 0x80)
      rc = tw_buf_add(out, &c, 1);
    else if (uc < 0xA0 || uc_combining_class(uc) != 0 ||
             uc_is_general_category(uc, UC_CATEGORY_M) || is_bidi_control(uc))
      rc = 0; /* C1 controls, marks and directional formatting */
    else if ((rep = translit_of(uc)) != NULL)
      rc = tw_buf_puts(out, rep);
    else if (uc_is_general_category(uc, UC_CATEGORY_Zs))
      rc = tw_buf_add(out, " ", 1);
    else
      rc = tw_buf_add(out, "?", 1);
    i += (size_t)clen;
  }
  free(nfkd);
  return rc;
}

/* ---- the line builder ------------------------------------------------------- */

void tw_builder_init(tw_builder *b, int ascii) {
  tw_buf_init(&b->text);
  b->ascii = ascii;
  b->space = 0;
}

void tw_builder_free(tw_builder *b) { tw_buf_free(&b->text); }

void tw_builder_clear(tw_builder *b) {
  tw_buf_clear(&b->text);
  b->space = 0;
}

static int is_space(ucs4_t uc) {
  return uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' || uc == '\f' || uc == '\v';
}

static int is_control(ucs4_t uc) { return uc < 0x20 || (uc >= 0x7F && uc < 0xA0); }

static int flush_space(tw_builder *b) {
  if (!b->space)
    return 0;
  b->space = 0;
  return tw_buf_add(&b->text, " ", 1);
}

static int at_line_start(const tw_builder *b) {
  return b->text.len == 0 || b->text.data[b->text.len - 1] == '\n';
}

#define FSI "\xe2\x81\xa8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */

/* Tells whether a run needs isolating: it holds right-to-left letters or
 * held directional formatting, either of which could reorder the text
 * around it where the bidirectional algorithm is applied. */
static int needs_isolate(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
    int bidi = uc_bidi_category(uc);
    if (bidi == UC_BIDI_R || bidi == UC_BIDI_AL || is_bidi_control(uc))
      return 1;
    i += (size_t)len;
  }
  return 0;
}

/* Appends a text run: white space collapsed, controls and directional
 * formatting dropped, noncharacters and bytes that are not UTF-8 as
 * U+FFFD; a run that needs it is isolated (U+2068 ... U+2069) from what
 * is around it, its white space at either end left outside. */
static int append_text(tw_builder *b, const char *s, size_t n) {
  int isolate = needs_isolate(s, n), opened = 0;
  for (size_t i = 0; i < n;) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
    int invalid = (uc == 0xFFFD && !(len == 3 && memcmp(s + i, REPLACEMENT, 3) == 0)) ||
                  is_noncharacter(uc);
    if (is_space(uc))
      b->space = !at_line_start(b);
    else if (!is_control(uc) && !is_bidi_control(uc) &&
             (flush_space(b) || (isolate && !opened++ && tw_buf_puts(&b->text, FSI)) ||
              tw_buf_add(&b->text, invalid ? REPLACEMENT : s + i, invalid ? 3 : (size_t)len)))
      return -1;
    i += (size_t)len;
  }
  return opened ? tw_buf_puts(&b->text, PDI) : 0;
}

int tw_append(tw_builder *b, const char *s, tw_run kind) {
  if (!s)
    return 0;
  size_t n = strlen(s);
  if (kind == TW_OPEN)
    return flush_space(b) || tw_buf_add(&b->text, s, n) ? -1 : 0;
  if (kind == TW_CLOSE)
    return tw_buf_add(&b->text, s, n);
  if (!b->ascii)
    return append_text(b, s, n);
  tw_buf ascii;
  tw_buf_init(&ascii);
  int rc = to_ascii(&ascii, s, n) || append_text(b, tw_buf_str(&ascii), ascii.len) ? -1 : 0;
  tw_buf_free(&ascii);
  return rc;
}

int tw_append_break(tw_builder *b) {
  b->space = 0;
  return tw_buf_add(&b->text, "\n", 1);
}

const char *tw_builder_text(const tw_builder *b, size_t *len) {
  if (len)
    *len = b->text.len;
  return tw_buf_str(&b->text);
}

char *tw_clean(const char *s, int ascii) {
  tw_builder b;
  tw_builder_init(&b, ascii);
  if (tw_append(&b, s ? s : "", TW_TEXT) || tw_buf_add(&b.text, "", 0)) {
    tw_builder_free(&b);
    return NULL;
  }
  return b.text.data; /* the builder's buffer becomes the caller's */
}

/* ---- wrapping ---------------------------------------------------------------- */

typedef struct {
  const char *s;
  const char *first, *rest; /* prefixes */
  tw_lines *out;
  tw_buf line;          /* scratch */
  size_t width, avail;  /* columns of a line; left after its prefix */
  size_t start, col;    /* the current line: its start in s, its width so far */
  size_t brk;           /* its last break opportunity */
  size_t gb;            /* its last grapheme cluster boundary */
  size_t lines;         /* lines added */
} wrapper;

static size_t columns_left(size_t width, const char *prefix) {
  size_t pw = tw_strwidth(prefix);
  return width > pw ? width - pw : 1;
}

/* Ends the current line at s[at]; the next line starts at s[next], with
 * nothing on it yet. */
static int cut(wrapper *w, size_t at, size_t next) {
  tw_buf_clear(&w->line);
  if (tw_buf_puts(&w->line, w->lines ? w->rest : w->first) ||
      tw_buf_add(&w->line, w->s + w->start, at - w->start) ||
      tw_lines_add(w->out, tw_buf_str(&w->line), w->line.len))
    return -1;
  w->lines++;
  w->avail = columns_left(w->width, w->rest);
  w->start = next;
  w->col = w->brk = w->gb = 0;
  return 0;
}

/* Tells whether a character of cw columns overflows the line. One of no
 * width does when it follows spaces past the width: they would no longer
 * end the line and so no longer be trimmed. Spaces may overflow: they are
 * trimmed. */
static int overflows(const wrapper *w, ucs4_t uc, size_t cw) {
  return uc != ' ' && w->col + cw > w->avail && (cw > 0 || w->col > w->avail);
}

/* Where a line that overflows ends: at its last break opportunity, else
 * (a word too long for a line) at its last grapheme cluster boundary;
 * 0 when it holds a single cluster, which then stays wider than the line. */
static size_t line_end(const wrapper *w) {
  return w->brk > w->start ? w->brk : w->gb > w->start ? w->gb : 0;
}

/* After a line ends, what it left over is laid out again from the start
 * of the next: the next line's room may differ (its prefix is the rest
 * one), and each of its clusters needs to be known as a place to cut. */
static int wrap(wrapper *w, size_t n, const char *lb, const char *gb) {
  for (size_t i = 0; i < n;) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, (const uint8_t *)w->s + i, n - i);
    if (uc == '\n') {
      if (cut(w, i, i + 1))
        return -1;
      i += (size_t)len;
      continue;
    }
    if (i > w->start && lb[i] == UC_BREAK_POSSIBLE)
      w->brk = i;
    if (i > w->start && gb[i])
      w->gb = i;
    size_t cw = char_width(uc), at;
    if (overflows(w, uc, cw) && (at = line_end(w)) > 0) {
      if (cut(w, at, at))
        return -1;
      i = at;
      continue;
    }
    w->col += cw;
    i += (size_t)len;
  }
  return w->start < n ? cut(w, n, n) : 0;
}

int tw_wrap(const char *s, size_t n, size_t width, const char *first,
            const char *rest, tw_lines *out) {
  wrapper w;
  memset(&w, 0, sizeof w);
  w.s = s;
  w.first = first ? first : "";
  w.rest = rest ? rest : "";
  w.out = out;
  w.width = width;
  w.avail = columns_left(width, w.first);
  char *lb = breaks(s, n), *gb = malloc(n ? n : 1);
  if (gb && n)
    u8_grapheme_breaks((const uint8_t *)s, n, gb);
  int rc = lb && gb ? wrap(&w, n, lb, gb) : -1;
  free(lb);
  free(gb);
  tw_buf_free(&w.line);
  return rc;
}

/* ---- alignment and grids ------------------------------------------------------ */

int tw_pad(tw_buf *out, const char *s, size_t field, tw_align align) {
  size_t w = tw_strwidth(s);
  size_t pad = field > w ? field - w : 0;
  size_t before = align == TW_RIGHT ? pad : align == TW_CENTER ? pad / 2 : 0;
  return tw_buf_repeat(out, " ", before) || tw_buf_puts(out, s) ||
                 tw_buf_repeat(out, " ", pad - before)
             ? -1
             : 0;
}

/* The width column c may shrink to in pass 0 (its minimum), 1 (its
 * floor) and 2 (one column). */
static size_t least(size_t c, int pass, const size_t *min, const size_t *floor) {
  size_t l = pass == 0 ? min[c] : pass == 1 && floor ? floor[c] : 1;
  return l > 1 ? l : 1;
}

/* Shrinking takes one column off the widest column that can shrink, the
 * leftmost of the widest, until the columns fit. It is done a level at a
 * time: the k columns of the widest width shrink together, a column each
 * in turn, down to the next width or the first limit among them. */
void tw_fit_columns(size_t ncols, const size_t *nat, const size_t *min,
                    const size_t *floor, size_t avail, size_t *w) {
  size_t total = 0;
  for (size_t c = 0; c < ncols; c++) {
    w[c] = nat[c] ? nat[c] : 1;
    total += w[c];
  }
  for (int pass = 0; pass < 3; pass++)
    while (total > avail) {
      size_t top = 0, k = 0, below = 0, limit = 0;
      for (size_t c = 0; c < ncols; c++)
        if (w[c] > least(c, pass, min, floor) && w[c] > top)
          top = w[c];
      if (top == 0)
        break; /* none can shrink in this pass */
      for (size_t c = 0; c < ncols; c++) {
        size_t l = least(c, pass, min, floor);
        if (w[c] == top && top > l) {
          k++;
          limit = l > limit ? l : limit;
        } else if (w[c] > l && w[c] > below) {
          below = w[c];
        }
      }
      size_t floor_level = below > limit ? below : limit, excess = total - avail;
      size_t rounds = top - floor_level < excess / k ? top - floor_level : excess / k;
      size_t each = rounds ? rounds : 1, turns = rounds ? k : excess; /* excess < k */
      for (size_t c = 0; c < ncols && turns > 0; c++)
        if (w[c] == top && top > least(c, pass, min, floor)) {
          w[c] -= each;
          total -= each;
          turns--;
        }
    }
}

/* Wraps each cell into its own line list. */
static int wrap_cells(tw_lines *wrapped, size_t ncols, const char *const *cells,
                      const size_t *w) {
  for (size_t c = 0; c < ncols; c++) {
    const char *s = cells[c] ? cells[c] : "";
    if (tw_wrap(s, strlen(s), w[c], "", "", &wrapped[c]))
      return -1;
  }
  return 0;
}

int tw_grid_row(tw_lines *out, size_t ncols, const char *const *cells,
                const size_t *w, const tw_align *align, const char *gap) {
  tw_lines *wrapped = calloc(ncols ? ncols : 1, sizeof *wrapped);
  if (!wrapped)
    return -1;
  int rc = wrap_cells(wrapped, ncols, cells, w);
  size_t height = 0;
  for (size_t c = 0; c < ncols; c++)
    height = wrapped[c].n > height ? wrapped[c].n : height;
  tw_buf line;
  tw_buf_init(&line);
  for (size_t i = 0; !rc && i < (height ? height : 1); i++) {
    tw_buf_clear(&line);
    for (size_t c = 0; !rc && c < ncols; c++)
      rc = (c > 0 && tw_buf_puts(&line, gap)) ||
                   tw_pad(&line, i < wrapped[c].n ? wrapped[c].line[i] : "", w[c], align[c])
               ? -1
               : 0;
    rc = rc || tw_lines_add(out, tw_buf_str(&line), line.len) ? -1 : 0;
  }
  tw_buf_free(&line);
  for (size_t c = 0; c < ncols; c++)
    tw_lines_free(&wrapped[c]);
  free(wrapped);
  return rc;
}
