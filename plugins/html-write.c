/* html-write.c: the writer, escaping, and the checks on URLs and ids. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "html.h"

void hw_rawn(html_writer *w, const char *s, size_t n) {
  if (!w->failed && n > 0 && ar_sink_write(w->out, s, n) != 0)
    w->failed = 1;
}

void hw_raw(html_writer *w, const char *s) {
  if (s)
    hw_rawn(w, s, strlen(s));
}

void hw_printf(html_writer *w, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof buf)
    w->failed = 1; /* only ever used for short, program-made strings */
  else
    hw_rawn(w, buf, (size_t)n);
}

/* Characters that may not appear in an HTML document: controls other than
 * tab, newline and form feed, and noncharacters. */
static int disallowed(ucs4_t u) {
  if (u < 0x20)
    return u != '\t' && u != '\n' && u != '\f';
  if (u >= 0x7F && u <= 0x9F)
    return 1;
  if (u >= 0xFDD0 && u <= 0xFDEF)
    return 1;
  return (u & 0xFFFE) == 0xFFFE;
}

/* The directional embeddings, overrides and isolates a string leaves
 * open, innermost last: 'E' for an embedding or override (closed by
 * U+202C), 'I' for an isolate (closed by U+2069), matched as the Unicode
 * bidirectional algorithm matches them. */
#define BIDI_SMALL 16

typedef struct {
  char small[BIDI_SMALL], *open;
  size_t n, cap;
  int failed;
} bidi_stack;

static void bidi_push(bidi_stack *b, char kind) {
  if (b->n == b->cap) {
    size_t cap = 2 * b->cap;
    char *grown = b->open == b->small ? malloc(cap) : realloc(b->open, cap);
    if (!grown) {
      b->failed = 1;
      return;
    }
    if (b->open == b->small)
      memcpy(grown, b->small, b->n);
    b->open = grown;
    b->cap = cap;
  }
  b->open[b->n++] = kind;
}

static void bidi_track(bidi_stack *b, ucs4_t u) {
  if (u >= 0x202A && u <= 0x202E && u != 0x202C) {
    bidi_push(b, 'E');
  } else if (u >= 0x2066 && u <= 0x2068) {
    bidi_push(b, 'I');
  } else if (u == 0x202C) { /* closes an embedding opened after the last isolate */
    if (b->n > 0 && b->open[b->n - 1] == 'E')
      b->n--;
  } else if (u == 0x2069) { /* closes the last isolate and what it holds */
    size_t k = b->n;
    while (k > 0 && b->open[k - 1] != 'I')
      k--;
    if (k > 0)
      b->n = k - 1;
  }
}

/* Closes what the string left open, so that it reorders nothing after it. */
static void bidi_close(html_writer *w, bidi_stack *b) {
  while (b->n > 0) /* U+202C, U+2069 */
    hw_raw(w, b->open[--b->n] == 'E' ? "\xE2\x80\xAC" : "\xE2\x81\xA9");
  if (b->open != b->small)
    free(b->open);
  if (b->failed)
    w->failed = 1;
}

static void escaped(html_writer *w, const char *s, int in_attribute) {
  if (!s)
    return;
  bidi_stack bidi = {.n = 0, .cap = BIDI_SMALL};
  bidi.open = bidi.small;
  const uint8_t *p = (const uint8_t *)s, *run = p;
  size_t left = strlen(s);
  while (left > 0) {
    const char *rep = NULL;
    size_t len = 1;
    switch (*p) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = in_attribute ? "&quot;" : NULL; break;
    case '\'': rep = in_attribute ? "&#39;" : NULL; break;
    default:
      if (*p < 0x20 || *p >= 0x7F) {
        ucs4_t u;
        int n = u8_mbtoucr(&u, p, left);
        if (n < 0) {
          rep = "\xEF\xBF\xBD";
          len = n == -2 ? left : 1;
        } else {
          len = (size_t)n;
          if (disallowed(u))
            rep = "\xEF\xBF\xBD";
          else
            bidi_track(&bidi, u);
        }
      }
    }
    if (rep) {
      hw_rawn(w, (const char *)run, (size_t)(p - run));
      hw_raw(w, rep);
      run = p + len;
    }
    p += len;
    left -= len;
  }
  hw_rawn(w, (const char *)run, (size_t)(p - run));
  bidi_close(w, &bidi);
}

void hw_text(html_writer *w, const char *s) { escaped(w, s, 0); }

void hw_attr(html_writer *w, const char *name, const char *value) {
  if (!value)
    return;
  hw_raw(w, " ");
  hw_raw(w, name);
  hw_raw(w, "=\"");
  escaped(w, value, 1);
  hw_raw(w, "\"");
}

void hw_wrap(html_writer *w, const char *open, const char *text, const char *close) {
  if (!text)
    return;
  hw_raw(w, open);
  escaped(w, text, 0);
  hw_raw(w, close);
}

static int starts_with_nocase(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != *prefix)
      return 0;
  }
  return 1;
}

int html_url_allowed(const char *url) {
  if (!url)
    return 0;
  for (const unsigned char *p = (const unsigned char *)url; *p; p++)
    if (*p <= 0x20 || *p == 0x7F || *p == '\\')
      return 0;
  if (starts_with_nocase(url, "https://"))
    return url[8] != '\0' && url[8] != '/';
  if (starts_with_nocase(url, "http://"))
    return url[7] != '\0' && url[7] != '/';
  if (starts_with_nocase(url, "mailto:"))
    return url[7] != '\0';
  return 0;
}

int html_id_ok(const char *id) {
  if (!id || !((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z')))
    return 0;
  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '-' || *p == '_' || *p == '.' || *p == ':'))
      return 0;
  return 1;
}
