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

/* Makes room in b for n more bytes and a NUL: more memory. */
static int grow(tw_buf *b, size_t n) {
  if (n > SIZE_MAX / 2 - b->len)
    return -1;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + n + 1)
    cap *= 2;
  char *grown = realloc(b->data, cap);
  if (!grown)
    return -1;
  b->data = grown;
  b->cap = cap;
  return 0;
}

/* Makes room in b for n more bytes and a NUL. */
static inline int reserve(tw_buf *b, size_t n) {
  return n < b->cap - b->len ? 0 : grow(b, n);
}

static inline int buf_add(tw_buf *b, const char *s, size_t n) {
  if (reserve(b, n))
    return -1;
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int tw_buf_add(tw_buf *b, const char *s, size_t n) { return buf_add(b, s, n); }

int tw_buf_puts(tw_buf *b, const char *s) { return buf_add(b, s, strlen(s)); }

int tw_buf_repeat(tw_buf *b, const char *s, size_t times) {
  size_t n = strlen(s);
  if (n && times > SIZE_MAX / 2 / n)
    return -1;
  if (reserve(b, n * times))
    return -1;
  if (n == 1)
    memset(b->data + b->len, s[0], times);
  else if (n)
    for (size_t i = 0; i < times; i++)
      memcpy(b->data + b->len + i * n, s, n);
  b->len += n * times;
  b->data[b->len] = '\0';
  return 0;
}

void tw_buf_rtrim(tw_buf *b) {
  while (b->len > 0 && b->data[b->len - 1] == ' ')
    b->data[--b->len] = '\0';
}

const char *tw_buf_str(const tw_buf *b) { return b->data ? b->data : ""; }

/* ---- line lists -------------------------------------------------------------- */

void tw_lines_init(tw_lines *l) { memset(l, 0, sizeof *l); }

void tw_lines_clear(tw_lines *l) {
  l->n = 0;
  tw_buf_clear(&l->text);
}

void tw_lines_free(tw_lines *l) {
  free(l->line);
  free(l->at);
  tw_buf_free(&l->text);
  tw_lines_init(l);
}

/* Adds a[0..an-1] followed by b[0..bn-1] as a line, without trailing
 * spaces; neither is in l. When l's text moves to grow, its lines follow. */
static int add_line(tw_lines *l, const char *a, size_t an, const char *b, size_t bn) {
  while (bn > 0 && b[bn - 1] == ' ')
    bn--;
  while (bn == 0 && an > 0 && a[an - 1] == ' ')
    an--;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 16;
    char **line = realloc(l->line, cap * sizeof *line);
    if (!line)
      return -1;
    l->line = line;
    size_t *at = realloc(l->at, cap * sizeof *at);
    if (!at)
      return -1;
    l->at = at;
    l->cap = cap;
  }
  tw_buf *t = &l->text;
  size_t at = t->len, cap = t->cap;
  if (an > SIZE_MAX / 4 || bn > SIZE_MAX / 4 || reserve(t, an + bn + 1))
    return -1;
  if (t->cap != cap) /* grown, perhaps moved */
    for (size_t i = 0; i < l->n; i++)
      l->line[i] = t->data + l->at[i];
  if (an)
    memcpy(t->data + at, a, an);
  if (bn)
    memcpy(t->data + at + an, b, bn);
  t->len = at + an + bn + 1;
  t->data[t->len - 1] = t->data[t->len] = '\0';
  l->at[l->n] = at;
  l->line[l->n++] = t->data + at;
  return 0;
}

int tw_lines_add(tw_lines *l, const char *s, size_t n) { return add_line(l, "", 0, s, n); }

/* ---- measuring ----------------------------------------------------------------- */

static size_t char_width(ucs4_t uc) {
  if (uc < 0x80) /* controls take no column */
    return uc >= 0x20 && uc < 0x7F;
  int w = uc_width(uc, ENCODING);
  return w > 0 ? (size_t)w : 0;
}

/* As u8_width() counts: controls take no column, a NUL ends the string. */
size_t tw_width(const char *s, size_t n) {
  const uint8_t *p = (const uint8_t *)s, *end = p + n;
  size_t width = 0;
  while (p < end) {
    if (*p < 0x80) {
      if (*p == 0)
        break;
      width += *p >= 0x20 && *p < 0x7F;
      p++;
      continue;
    }
    ucs4_t uc;
    p += u8_mbtouc_unsafe(&uc, p, (size_t)(end - p));
    width += char_width(uc);
  }
  return width;
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

void tw_scratch_init(tw_scratch *sc) { memset(sc, 0, sizeof *sc); }

void tw_scratch_free(tw_scratch *sc) {
  free(sc->breaks);
  for (size_t c = 0; c < sc->ncells; c++)
    tw_lines_free(&sc->cells[c]);
  free(sc->cells);
  tw_buf_free(&sc->line);
  tw_scratch_init(sc);
}

/* Room in sc for n bytes of break opportunities and n of grapheme cluster
 * boundaries: sc->breaks, or NULL when out of memory. */
static char *break_room(tw_scratch *sc, size_t n) {
  if (n > SIZE_MAX / 4)
    return NULL;
  if (2 * n > sc->room) {
    size_t room = 2 * n > 2 * sc->room ? 2 * n : 2 * sc->room;
    room = room < 512 ? 512 : room;
    char *fresh = malloc(room);
    if (!fresh)
      return NULL;
    free(sc->breaks);
    sc->breaks = fresh;
    sc->room = room;
  }
  return sc->breaks;
}

void tw_line_breaks(const char *s, size_t n, char *p) {
  if (n)
    u8_possible_linebreaks((const uint8_t *)s, n, ENCODING, p);
}

size_t tw_min_width_of(const char *s, size_t n, const char *p) {
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
  return widest;
}

int tw_min_width(const char *s, size_t n, size_t *width) {
  char *p = malloc(n ? n : 1);
  if (!p)
    return -1;
  tw_line_breaks(s, n, p);
  *width = tw_min_width_of(s, n, p);
  free(p);
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

/* Makes b->translit the ASCII spelling of s[0..n-1]: compatibility
 * decomposition (NFKD), combining marks dropped, a table for the rest of
 * the Latin letters and punctuation, '?' for anything else. */
static int to_ascii(tw_builder *b, const char *s, size_t n) {
  tw_buf *out = &b->translit;
  tw_buf_clear(out);
  size_t len = b->nfkd_room;
  uint8_t *nfkd =
      u8_normalize(UNINORM_NFKD, (const uint8_t *)s, n, (uint8_t *)b->nfkd, &len);
  if (nfkd && nfkd != (uint8_t *)b->nfkd) { /* a new buffer, larger: kept */
    free(b->nfkd);
    b->nfkd = (char *)nfkd;
    b->nfkd_room = len;
  }
  const uint8_t *src = nfkd ? nfkd : (const uint8_t *)s;
  len = nfkd ? len : n;
  int rc = buf_add(out, "", 0);
  for (size_t i = 0; !rc && i < len;) {
    ucs4_t uc;
    int clen = u8_mbtouc(&uc, src + i, len - i);
    const char *rep = NULL;
    char c = (char)uc;
    if (uc < 0x80)
      rc = buf_add(out, &c, 1);
    else if (uc < 0xA0 || uc_combining_class(uc) != 0 ||
             uc_is_general_category(uc, UC_CATEGORY_M) || is_bidi_control(uc))
      rc = 0; /* C1 controls, marks and directional formatting */
    else if ((rep = translit_of(uc)) != NULL)
      rc = buf_add(out, rep, strlen(rep));
    else if (uc_is_general_category(uc, UC_CATEGORY_Zs))
      rc = buf_add(out, " ", 1);
    else
      rc = buf_add(out, "?", 1);
    i += (size_t)clen;
  }
  return rc;
}

/* ---- the line builder ------------------------------------------------------- */

void tw_builder_init(tw_builder *b, int ascii) {
  memset(b, 0, sizeof *b);
  b->ascii = ascii;
}

void tw_builder_free(tw_builder *b) {
  tw_buf_free(&b->text);
  tw_buf_free(&b->translit);
  free(b->nfkd);
  b->nfkd = NULL;
  b->nfkd_room = 0;
}

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
  return buf_add(&b->text, " ", 1);
}

static int at_line_start(const tw_builder *b) {
  return b->text.len == 0 || b->text.data[b->text.len - 1] == '\n';
}

#define FSI "\xe2\x81\xa8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */

/* Tells whether a character makes its run need isolating: a right-to-left
 * letter or directional formatting, either of which could reorder the text
 * around the run where the bidirectional algorithm is applied. No ASCII
 * character does. */
static int needs_isolate(ucs4_t uc) {
  int bidi = uc_bidi_category(uc);
  return bidi == UC_BIDI_R || bidi == UC_BIDI_AL || is_bidi_control(uc);
}

/* Appends s[0..n-1] to b's text after the pending space; *first becomes
 * where the run's first character went. */
static int put(tw_builder *b, size_t *first, const char *s, size_t n) {
  if (flush_space(b))
    return -1;
  if (*first == SIZE_MAX)
    *first = b->text.len;
  return buf_add(&b->text, s, n);
}

/* Inserts s at b[at]. */
static int insert(tw_buf *b, size_t at, const char *s) {
  size_t n = strlen(s), len = b->len;
  if (buf_add(b, s, n))
    return -1;
  memmove(b->data + at + n, b->data + at, len - at);
  memcpy(b->data + at, s, n);
  return 0;
}

/* Appends a text run: white space collapsed, controls and directional
 * formatting dropped, noncharacters and bytes that are not UTF-8 as
 * U+FFFD; a run that needs it is isolated (U+2068 ... U+2069) from what
 * is around it, its white space at either end left outside. */
static int append_text(tw_builder *b, const char *s, size_t n) {
  const uint8_t *u = (const uint8_t *)s;
  size_t first = SIZE_MAX;
  int isolate = 0;
  for (size_t i = 0; i < n;) {
    if (u[i] > 0x20 && u[i] < 0x7F) { /* printable ASCII, single spaces within: as it is */
      size_t j = i + 1;
      while (j < n && ((u[j] > 0x20 && u[j] < 0x7F) ||
                       (u[j] == ' ' && j + 1 < n && u[j + 1] > 0x20 && u[j + 1] < 0x7F)))
        j++;
      if (put(b, &first, s + i, j - i))
        return -1;
      i = j;
      continue;
    }
    ucs4_t uc;
    int len = u8_mbtouc(&uc, u + i, n - i);
    if (uc >= 0x80)
      isolate |= needs_isolate(uc);
    int invalid = (uc == 0xFFFD && !(len == 3 && memcmp(s + i, REPLACEMENT, 3) == 0)) ||
                  is_noncharacter(uc);
    if (is_space(uc))
      b->space = !at_line_start(b);
    else if (!is_control(uc) && !is_bidi_control(uc) &&
             put(b, &first, invalid ? REPLACEMENT : s + i, invalid ? 3 : (size_t)len))
      return -1;
    i += (size_t)len;
  }
  if (!isolate || first == SIZE_MAX)
    return 0;
  return insert(&b->text, first, FSI) || buf_add(&b->text, PDI, strlen(PDI)) ? -1 : 0;
}

static int is_ascii(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

int tw_append(tw_builder *b, const char *s, tw_run kind) {
  if (!s)
    return 0;
  size_t n = strlen(s);
  if (kind == TW_OPEN)
    return flush_space(b) || buf_add(&b->text, s, n) ? -1 : 0;
  if (kind == TW_CLOSE)
    return buf_add(&b->text, s, n);
  if (!b->ascii || is_ascii(s, n)) /* ASCII is its own transliteration */
    return append_text(b, s, n);
  return to_ascii(b, s, n) || append_text(b, b->translit.data, b->translit.len) ? -1 : 0;
}

int tw_append_break(tw_builder *b) {
  b->space = 0;
  return buf_add(&b->text, "\n", 1);
}

const char *tw_builder_text(const tw_builder *b, size_t *len) {
  if (len)
    *len = b->text.len;
  return tw_buf_str(&b->text);
}

char *tw_clean(const char *s, int ascii) {
  tw_builder b;
  tw_builder_init(&b, ascii);
  int rc = tw_append(&b, s ? s : "", TW_TEXT) || buf_add(&b.text, "", 0);
  char *text = rc ? NULL : b.text.data; /* the builder's buffer becomes the caller's */
  if (!rc)
    tw_buf_init(&b.text);
  tw_builder_free(&b);
  return text;
}

/* ---- wrapping ---------------------------------------------------------------- */

typedef struct {
  const char *s;
  size_t n;
  const char *lb;       /* break opportunities of s */
  char *gb;             /* grapheme cluster boundaries of s, once needed */
  int have_gb;
  const char *first, *rest;      /* prefixes */
  size_t first_len, rest_len;    /* their bytes */
  size_t rest_avail;             /* columns of a line left after rest */
  tw_lines *out;
  size_t avail;         /* columns of the current line left after its prefix */
  size_t start, col;    /* the current line: its start in s, its width so far */
  size_t brk;           /* its last break opportunity */
  size_t gb_at;         /* its last grapheme cluster boundary found */
  size_t gb_next;       /* where looking for one goes on */
  size_t lines;         /* lines added */
} wrapper;

static size_t columns_left(size_t width, const char *prefix) {
  size_t pw = tw_strwidth(prefix);
  return width > pw ? width - pw : 1;
}

/* Ends the current line at s[at]; the next line starts at s[next], with
 * nothing on it yet. */
static int cut(wrapper *w, size_t at, size_t next) {
  int rc = w->lines ? add_line(w->out, w->rest, w->rest_len, w->s + w->start, at - w->start)
                    : add_line(w->out, w->first, w->first_len, w->s + w->start, at - w->start);
  if (rc)
    return -1;
  w->lines++;
  w->avail = w->rest_avail;
  w->start = next;
  w->col = w->brk = w->gb_at = w->gb_next = 0;
  return 0;
}

/* Tells whether a character of cw columns overflows the line. One of no
 * width does when it follows spaces past the width: they would no longer
 * end the line and so no longer be trimmed. Spaces may overflow: they are
 * trimmed. */
static int overflows(const wrapper *w, ucs4_t uc, size_t cw) {
  return uc != ' ' && w->col + cw > w->avail && (cw > 0 || w->col > w->avail);
}

/* The last grapheme cluster boundary of the current line up to s[i], after
 * its start; 0 when none. The boundaries of s are found the first time one
 * is needed (a word too long for a line), then those of the line looked at
 * from where the last look stopped. */
static size_t cluster_end(wrapper *w, size_t i) {
  if (!w->have_gb) {
    u8_grapheme_breaks((const uint8_t *)w->s, w->n, w->gb);
    w->have_gb = 1;
  }
  size_t j = w->gb_next > w->start ? w->gb_next : w->start;
  while (j <= i) {
    if (j > w->start && w->gb[j])
      w->gb_at = j;
    ucs4_t uc;
    j += (size_t)u8_mbtouc(&uc, (const uint8_t *)w->s + j, w->n - j);
  }
  w->gb_next = j;
  return w->gb_at;
}

/* Where a line that overflows at s[i] ends: at its last break opportunity,
 * else (a word too long for a line) at its last grapheme cluster boundary;
 * 0 when it holds a single cluster, which then stays wider than the line. */
static size_t line_end(wrapper *w, size_t i) {
  return w->brk > w->start ? w->brk : cluster_end(w, i);
}

/* After a line ends, what it left over is laid out again from the start
 * of the next: the next line's room may differ (its prefix is the rest
 * one), and each of its clusters needs to be known as a place to cut. */
static int wrap(wrapper *w) {
  const uint8_t *s = (const uint8_t *)w->s;
  size_t n = w->n;
  for (size_t i = 0; i < n;) {
    ucs4_t uc;
    int len = u8_mbtouc(&uc, s + i, n - i);
    if (uc == '\n') {
      if (cut(w, i, i + 1))
        return -1;
      i += (size_t)len;
      continue;
    }
    if (i > w->start && w->lb[i] == UC_BREAK_POSSIBLE)
      w->brk = i;
    size_t cw = char_width(uc), at;
    if (overflows(w, uc, cw) && (at = line_end(w, i)) > 0) {
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

/* Tells whether s[0..n-1] fits on one line of avail columns: it forces no
 * break and no character of it can overflow. */
static int fits(const char *s, size_t n, size_t avail) {
  const uint8_t *u = (const uint8_t *)s;
  size_t col = 0;
  for (size_t i = 0; i < n && col <= avail;) {
    if (u[i] < 0x80) {
      if (u[i] == '\n')
        return 0;
      col += u[i] >= 0x20 && u[i] < 0x7F;
      i++;
    } else {
      ucs4_t uc;
      i += (size_t)u8_mbtouc(&uc, u + i, n - i);
      col += char_width(uc);
    }
  }
  return col <= avail;
}

/* tw_wrap_with(), s's break opportunities in lb (NULL: found here). */
static int wrap_in(tw_scratch *sc, const char *s, size_t n, const char *lb, size_t width,
                   const char *first, const char *rest, tw_lines *out) {
  if (n == 0)
    return 0;
  wrapper w;
  memset(&w, 0, sizeof w);
  w.first = first ? first : "";
  w.first_len = strlen(w.first);
  w.avail = columns_left(width, w.first);
  if (fits(s, n, w.avail)) /* the one line wrap() would make */
    return add_line(out, w.first, w.first_len, s, n);
  char *room = break_room(sc, n);
  if (!room)
    return -1;
  if (!lb)
    tw_line_breaks(s, n, room);
  w.s = s;
  w.n = n;
  w.lb = lb ? lb : room;
  w.gb = room + n;
  w.rest = rest ? rest : "";
  w.rest_len = strlen(w.rest);
  w.rest_avail = columns_left(width, w.rest);
  w.out = out;
  return wrap(&w);
}

int tw_wrap_with(tw_scratch *sc, const char *s, size_t n, size_t width, const char *first,
                 const char *rest, tw_lines *out) {
  return wrap_in(sc, s, n, NULL, width, first, rest, out);
}

int tw_wrap(const char *s, size_t n, size_t width, const char *first,
            const char *rest, tw_lines *out) {
  tw_scratch sc;
  tw_scratch_init(&sc);
  int rc = tw_wrap_with(&sc, s, n, width, first, rest, out);
  tw_scratch_free(&sc);
  return rc;
}

/* ---- alignment and grids ------------------------------------------------------ */

int tw_pad(tw_buf *out, const char *s, size_t field, tw_align align) {
  size_t w = tw_strwidth(s);
  size_t pad = field > w ? field - w : 0;
  size_t before = align == TW_RIGHT ? pad : align == TW_CENTER ? pad / 2 : 0;
  return tw_buf_repeat(out, " ", before) || buf_add(out, s, strlen(s)) ||
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

int tw_grid_row_with(tw_scratch *sc, tw_lines *out, size_t ncols, const char *const *cells,
                     const char *const *breaks, const size_t *w, const tw_align *align,
                     const char *gap) {
  if (ncols > sc->ncells) {
    tw_lines *grown = realloc(sc->cells, ncols * sizeof *grown);
    if (!grown)
      return -1;
    sc->cells = grown;
    for (; sc->ncells < ncols; sc->ncells++)
      tw_lines_init(&sc->cells[sc->ncells]);
  }
  tw_lines *wrapped = sc->cells;
  size_t height = 0;
  for (size_t c = 0; c < ncols; c++) {
    const char *s = cells[c] ? cells[c] : "";
    tw_lines_clear(&wrapped[c]);
    const char *lb = cells[c] && breaks ? breaks[c] : NULL;
    if (wrap_in(sc, s, strlen(s), lb, w[c], "", "", &wrapped[c]))
      return -1;
    height = wrapped[c].n > height ? wrapped[c].n : height;
  }
  tw_buf *line = &sc->line;
  int rc = 0;
  for (size_t i = 0; !rc && i < (height ? height : 1); i++) {
    tw_buf_clear(line);
    for (size_t c = 0; !rc && c < ncols; c++)
      rc = (c > 0 && buf_add(line, gap, strlen(gap))) ||
                   tw_pad(line, i < wrapped[c].n ? wrapped[c].line[i] : "", w[c], align[c])
               ? -1
               : 0;
    rc = rc || tw_lines_add(out, tw_buf_str(line), line->len) ? -1 : 0;
  }
  return rc;
}

int tw_grid_row(tw_lines *out, size_t ncols, const char *const *cells,
                const size_t *w, const tw_align *align, const char *gap) {
  tw_scratch sc;
  tw_scratch_init(&sc);
  int rc = tw_grid_row_with(&sc, out, ncols, cells, NULL, w, align, gap);
  tw_scratch_free(&sc);
  return rc;
}
