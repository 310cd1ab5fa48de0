/* text-wrap.h: layout helpers of the text plugin.
 *
 * A small "line builder": inline text is appended run by run (text, with
 * white space collapsed and, in ASCII mode, transliterated; or markup such
 * as the "_" of emphasis), then wrapped into lines of a given display width
 * with a prefix for the first line and another for the following ones.
 * Break opportunities come from libunistring (UAX #14), display widths from
 * libunistring's uc_width (wide CJK characters count 2 columns, combining
 * marks 0). A character is never cut; a word wider than the line is broken
 * between grapheme clusters (so a combining mark stays with its letter).
 *
 * Every function returning int returns 0, or -1 when out of memory. Strings
 * are UTF-8.
 */
#ifndef AR_TEXT_WRAP_H
#define AR_TEXT_WRAP_H

#include <stddef.h>

/* ---- growable strings and line lists ---------------------------------------- */

typedef struct {
  char *data; /* NUL-terminated once anything was added; else NULL */
  size_t len, cap;
} tw_buf;

void tw_buf_init(tw_buf *b);
void tw_buf_free(tw_buf *b);
void tw_buf_clear(tw_buf *b); /* empties b, keeps its memory */
int tw_buf_add(tw_buf *b, const char *s, size_t n);
int tw_buf_puts(tw_buf *b, const char *s);
int tw_buf_repeat(tw_buf *b, const char *s, size_t times);
void tw_buf_rtrim(tw_buf *b); /* drops trailing spaces */
/* b's text, "" when empty. */
const char *tw_buf_str(const tw_buf *b);

typedef struct {
  char **line; /* each NUL-terminated, without newline; in text */
  size_t n, cap;
  size_t *at;  /* where each line is in text */
  tw_buf text; /* the lines one after another */
} tw_lines;

void tw_lines_init(tw_lines *l);
void tw_lines_free(tw_lines *l);
/* Empties l, keeping its memory for the next lines added. */
void tw_lines_clear(tw_lines *l);
/* Adds a copy of s[0..n-1] without its trailing spaces (s not in l). */
int tw_lines_add(tw_lines *l, const char *s, size_t n);

/* ---- measuring -------------------------------------------------------------- */

/* Display columns of s[0..n-1] (control characters count 0). */
size_t tw_width(const char *s, size_t n);
size_t tw_strwidth(const char *s);
/* The widest of the lines of s (split at '\n'): its width unwrapped. */
size_t tw_natural_width(const char *s, size_t n);
/* Stores in *width the widest piece of s between two break opportunities:
 * the narrowest s can be wrapped without breaking inside a word. */
int tw_min_width(const char *s, size_t n, size_t *width);

/* The break opportunities of s[0..n-1] (UAX #14), in p[0..n-1]. */
void tw_line_breaks(const char *s, size_t n, char *p);
/* tw_min_width() of s, with its break opportunities p. */
size_t tw_min_width_of(const char *s, size_t n, const char *p);

/* Memory that wrapping works in, kept from one call to the next by the
 * _with variants of the functions, so that laying out a document does not
 * allocate for each paragraph or cell. */
typedef struct {
  char *breaks;    /* break opportunities, then grapheme cluster boundaries */
  size_t room;     /* bytes allocated for breaks */
  tw_lines *cells; /* tw_grid_row_with(): the cells wrapped */
  size_t ncells;
  tw_buf line;     /* tw_grid_row_with(): the line being joined */
} tw_scratch;

void tw_scratch_init(tw_scratch *sc);
void tw_scratch_free(tw_scratch *sc);

/* ---- the line builder --------------------------------------------------------- */

/* Text runs never pass on what could act on a terminal or reorder what
 * follows them: C0 and C1 controls (ESC, U+009B) and the directional
 * embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069)
 * are dropped; noncharacters and bytes that are not UTF-8 become U+FFFD
 * ('?' in ASCII mode). */
typedef enum {
  TW_TEXT,  /* text: white space collapsed, controls dropped, ASCII mode */
  TW_OPEN,  /* markup opening a run ("_", "[1]"): follows a pending space */
  TW_CLOSE  /* markup closing a run: goes before a pending space */
} tw_run;

typedef struct {
  tw_buf text;
  int ascii; /* transliterate TW_TEXT runs to ASCII */
  int space; /* a space is pending */
  tw_buf translit;  /* ASCII mode: the run being appended, transliterated */
  char *nfkd;       /* ASCII mode: the run being appended, decomposed */
  size_t nfkd_room; /* bytes allocated for nfkd */
} tw_builder;

void tw_builder_init(tw_builder *b, int ascii);
void tw_builder_free(tw_builder *b);
/* Empties b, keeping its memory. */
void tw_builder_clear(tw_builder *b);
int tw_append(tw_builder *b, const char *s, tw_run kind);
/* A forced line break. */
int tw_append_break(tw_builder *b);
/* The text so far: runs joined, spaces collapsed, breaks as '\n'. */
const char *tw_builder_text(const tw_builder *b, size_t *len);

/* Cleans a one-line string as a TW_TEXT run would be (breaks become
 * spaces). Returns a new string to free(), or NULL when out of memory. */
char *tw_clean(const char *s, int ascii);

/* ---- wrapping and alignment -------------------------------------------------- */

/* Wraps s[0..n-1] ('\n' forces a break) into lines of at most width
 * display columns, prefix included: first before the first line, rest
 * before the others. Lines are added to out without trailing spaces. */
int tw_wrap(const char *s, size_t n, size_t width, const char *first,
            const char *rest, tw_lines *out);
int tw_wrap_with(tw_scratch *sc, const char *s, size_t n, size_t width, const char *first,
                 const char *rest, tw_lines *out);

typedef enum { TW_LEFT, TW_CENTER, TW_RIGHT } tw_align;

/* Appends s padded with spaces to field columns. */
int tw_pad(tw_buf *out, const char *s, size_t field, tw_align align);

/* Gives columns with natural widths nat[] and minimum widths min[] the
 * widths w[] that fit avail columns together (gaps not included): natural
 * widths when they fit, else the widest columns shrink first, down to their
 * minimum, then below it (words are then broken) down to their floor[]
 * (NULL: none; e.g. the width of a numeric column's numbers), then down to
 * 1 when nothing else fits. */
void tw_fit_columns(size_t ncols, const size_t *nat, const size_t *min,
                    const size_t *floor, size_t avail, size_t *w);

/* Lays out one row of a grid: wraps cell c to w[c] columns and aligns it,
 * joins the cells with gap and adds the row's lines to out. A NULL cell is
 * empty. */
int tw_grid_row(tw_lines *out, size_t ncols, const char *const *cells,
                const size_t *w, const tw_align *align, const char *gap);
/* The same, given the break opportunities of cell c in breaks[c] (breaks
 * or breaks[c] NULL: found here). */
int tw_grid_row_with(tw_scratch *sc, tw_lines *out, size_t ncols, const char *const *cells,
                     const char *const *breaks, const size_t *w, const tw_align *align,
                     const char *gap);

#endif
