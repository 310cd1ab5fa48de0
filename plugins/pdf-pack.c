/* pdf-pack.c: object streams for the file libharu wrote.
 *
 * libharu 2.3.0 writes every object on its own, uncompressed, with a
 * classic cross-reference table. A tagged brief has hundreds of small
 * structure elements (the summary of the bundled data: 422, 31 KB of
 * dictionaries), which would make the file half as large again. This
 * rewrites the file with every object that is not a stream packed into
 * compressed object streams, found through a compressed cross-reference
 * stream (ISO 32000-1, 7.5.7 and 7.5.8; PDF 1.5, allowed by PDF/A-2).
 * Streams are copied as they are; object numbers do not change.
 *
 * The input is libharu's own output, but it is read as if it were not:
 * every offset and length is checked, and anything unexpected makes
 * pdf_pack() return -1, the caller then keeping the file as it was. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf-pack.h"

/* Objects per object stream: a reader inflates a whole stream to read one
 * of its objects. */
#define PER_STREAM 400

typedef struct {
  size_t off, end; /* the object's bytes in the input: [off, end) */
  size_t body, body_end; /* its value, between "N 0 obj" and "endobj" */
  int used, is_stream;
  uint32_t stm, index; /* packed: its object stream and place there */
} obj;

typedef struct {
  unsigned char *p;
  size_t len, cap;
  int failed;
} buf;

static void put(buf *b, const void *data, size_t n) {
  if (b->failed)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + n)
      cap *= 2;
    unsigned char *p = realloc(b->p, cap);
    if (!p) {
      b->failed = 1;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void putf(buf *b, const char *fmt, unsigned long long a, unsigned long long c)
    __attribute__((format(printf, 2, 0)));
/* fmt is one of this file's literals, with two numbers (the second may be
 * printed as nothing with "%.0llu"). */
static void putf(buf *b, const char *fmt, unsigned long long a, unsigned long long c) {
  char s[160];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  int n = snprintf(s, sizeof s, fmt, a, c);
#pragma GCC diagnostic pop
  if (n > 0 && (size_t)n < sizeof s)
    put(b, s, (size_t)n);
  else
    b->failed = 1;
}

static const unsigned char *find(const unsigned char *from, const unsigned char *to,
                                 const char *what) {
  size_t n = strlen(what);
  for (const unsigned char *p = from; p + n <= to; p++)
    if (memcmp(p, what, n) == 0)
      return p;
  return NULL;
}

static const unsigned char *find_last(const unsigned char *from, const unsigned char *to,
                                      const char *what) {
  size_t n = strlen(what);
  if ((size_t)(to - from) < n)
    return NULL;
  for (const unsigned char *p = to - n + 1; p-- > from;)
    if (memcmp(p, what, n) == 0)
      return p;
  return NULL;
}

/* An unsigned decimal at *p (after blanks), advancing *p; -1 if none. */
static long long number(const unsigned char **p, const unsigned char *end) {
  while (*p < end && (**p == ' ' || **p == '\r' || **p == '\n'))
    (*p)++;
  long long v = 0;
  int digits = 0;
  while (*p < end && **p >= '0' && **p <= '9' && digits < 12) {
    v = v * 10 + (**p - '0');
    (*p)++;
    digits++;
  }
  return digits ? v : -1;
}

static int deflate_into(buf *out, const unsigned char *data, size_t len) {
  uLongf n = compressBound((uLong)len);
  unsigned char *z = malloc(n);
  if (!z || compress2(z, &n, data, (uLong)len, Z_BEST_SPEED) != Z_OK) {
    free(z);
    return -1;
  }
  put(out, z, n);
  free(z);
  return 0;
}

/* The trailer's entries other than /Size, as written: [*a, *b). */
static int trailer_rest(const unsigned char *t, const unsigned char *end, const unsigned char **a,
                        const unsigned char **b) {
  const unsigned char *open = find(t, end, "<<"), *close = open ? find_last(open, end, ">>") : NULL;
  if (!open || !close)
    return -1;
  *a = open + 2;
  *b = close;
  return 0;
}

int pdf_pack(const unsigned char *in, size_t len, unsigned char **out, size_t *out_len) {
  *out = NULL;
  *out_len = 0;
  const unsigned char *end = in + len;
  const unsigned char *sx = find_last(len > 64 ? end - 64 : in, end, "startxref");
  if (!sx)
    return -1;
  const unsigned char *p = sx + 9;
  long long xref_at = number(&p, end);
  if (xref_at <= 0 || (size_t)xref_at >= len || memcmp(in + xref_at, "xref", 4) != 0)
    return -1;
  p = in + xref_at + 4;
  long long first = number(&p, end), count = number(&p, end);
  /* One subsection from object 0, as libharu writes it. */
  if (first != 0 || count < 1 || count > 8000000 || (size_t)(end - p) / 20 < (size_t)count)
    return -1;
  while (p < end && (*p == '\r' || *p == '\n' || *p == ' '))
    p++;
  const unsigned char *table = p, *trailer = p + 20 * count;
  if (trailer + 7 > end || memcmp(trailer, "trailer", 7) != 0)
    return -1;
  size_t n = (size_t)count;
  obj *o = calloc(n, sizeof *o);
  if (!o)
    return -1;
  int rc = -1;
  buf b = {0}, stm = {0}, xr = {0};
  size_t header_end = (size_t)xref_at;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *e = table + 20 * i, *q = e;
    long long off = number(&q, e + 10), gen = number(&q, e + 17);
    if (off < 0 || gen < 0 || (e[17] != 'n' && e[17] != 'f'))
      goto done;
    if (e[17] != 'n')
      continue;
    if (gen != 0 || (size_t)off >= (size_t)xref_at)
      goto done;
    o[i].used = 1;
    o[i].off = (size_t)off;
    if ((size_t)off < header_end)
      header_end = (size_t)off;
  }
  /* Each object runs to the next one's start (or the table). */
  size_t *order = malloc(n * sizeof *order), k = 0;
  if (!order)
    goto done;
  for (size_t i = 0; i < n; i++)
    if (o[i].used)
      order[k++] = i;
  for (size_t a = 1; a < k; a++) { /* insertion sort: libharu writes in order */
    size_t v = order[a], j = a;
    while (j > 0 && o[order[j - 1]].off > o[v].off) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = v;
  }
  for (size_t a = 0; a < k; a++) {
    obj *x = &o[order[a]];
    x->end = a + 1 < k ? o[order[a + 1]].off : (size_t)xref_at;
    const unsigned char *s = in + x->off, *t = in + x->end;
    char head[32];
    int hn = snprintf(head, sizeof head, "%zu 0 obj", order[a]);
    if (hn <= 0 || (size_t)(t - s) < (size_t)hn || memcmp(s, head, (size_t)hn) != 0) {
      free(order);
      goto done;
    }
    const unsigned char *st = find(s, t, "stream\r\n");
    if (!st)
      st = find(s, t, "stream\n");
    x->is_stream = st && st > s && (st[-1] == '\n' || st[-1] == '\r' || st[-1] == '>');
    const unsigned char *eo = find_last(s, t, "endobj");
    if (!eo) {
      free(order);
      goto done;
    }
    x->body = x->off + (size_t)hn;
    x->body_end = (size_t)(eo - in);
  }
  free(order);

  /* Object streams, numbered after the objects, then the xref stream. */
  size_t packed = 0;
  for (size_t i = 1; i < n; i++)
    packed += o[i].used && !o[i].is_stream;
  size_t nstm = (packed + PER_STREAM - 1) / PER_STREAM, xref_num = n + nstm, size = xref_num + 1;
  size_t *stm_off = calloc(nstm + 1, sizeof *stm_off);
  if (!stm_off)
    goto done;
  put(&b, in, header_end);
  for (size_t i = 1; i < n; i++)
    if (o[i].used && o[i].is_stream) {
      size_t at = b.len;
      put(&b, in + o[i].off, o[i].end - o[i].off);
      o[i].off = at;
    }
  size_t i = 1;
  for (size_t s = 0; s < nstm; s++) {
    buf head = {0}, body = {0};
    uint32_t idx = 0;
    for (; i < n && idx < PER_STREAM; i++) {
      if (!o[i].used || o[i].is_stream)
        continue;
      putf(&head, "%llu %llu ", i, body.len);
      put(&body, in + o[i].body, o[i].body_end - o[i].body);
      put(&body, "\n", 1);
      o[i].stm = (uint32_t)(n + s);
      o[i].index = idx++;
    }
    put(&head, "\n", 1);
    stm.len = 0;
    put(&stm, head.p, head.len);
    put(&stm, body.p, body.len);
    int bad = head.failed || body.failed || stm.failed;
    size_t first_off = head.len;
    free(head.p);
    free(body.p);
    buf z = {0};
    if (bad || deflate_into(&z, stm.p, stm.len) || z.failed) {
      free(z.p);
      free(stm_off);
      goto done;
    }
    stm_off[s] = b.len;
    putf(&b, "%llu 0 obj\n<< /Type /ObjStm /N %llu", n + s, idx);
    putf(&b, " /First %llu /Filter /FlateDecode /Length %llu >>\nstream\r\n", first_off, z.len);
    put(&b, z.p, z.len);
    put(&b, "\r\nendstream\nendobj\n", 19);
    free(z.p);
  }
  /* The cross-reference stream: type, offset or object stream, index. */
  for (size_t j = 0; j < size; j++) {
    unsigned char e[7] = {0};
    uint64_t f2 = 0, f3 = 0;
    if (j == 0) {
      e[0] = 0;
      f3 = 0xFFFF;
    } else if (j < n && o[j].used && !o[j].is_stream) {
      e[0] = 2;
      f2 = o[j].stm;
      f3 = o[j].index;
    } else if (j < n && o[j].used) {
      e[0] = 1;
      f2 = o[j].off;
    } else if (j >= n && j < xref_num) {
      e[0] = 1;
      f2 = stm_off[j - n];
    } else if (j == xref_num) {
      e[0] = 1;
      f2 = b.len;
    } /* else a free object: type 0 */
    if (f2 > 0xFFFFFFFFu) {
      free(stm_off);
      goto done;
    }
    e[1] = (unsigned char)(f2 >> 24), e[2] = (unsigned char)(f2 >> 16);
    e[3] = (unsigned char)(f2 >> 8), e[4] = (unsigned char)f2;
    e[5] = (unsigned char)(f3 >> 8), e[6] = (unsigned char)f3;
    put(&xr, e, sizeof e);
  }
  free(stm_off);
  buf z = {0};
  const unsigned char *ta, *tb;
  if (xr.failed || deflate_into(&z, xr.p, xr.len) || z.failed ||
      trailer_rest(trailer, end, &ta, &tb)) {
    free(z.p);
    goto done;
  }
  size_t xref_off = b.len;
  putf(&b, "%llu 0 obj\n<< /Type /XRef /Size %llu /W [ 1 4 2 ] /Filter /FlateDecode", xref_num, size);
  putf(&b, " /Length %llu%.0llu", z.len, 0);
  /* The trailer's entries but /Size (Root, Info, ID). */
  const unsigned char *r = ta;
  while (r < tb) {
    const unsigned char *sz = find(r, tb, "/Size");
    const unsigned char *stop = sz ? sz : tb;
    put(&b, r, (size_t)(stop - r));
    if (!sz)
      break;
    r = sz + 5;
    if (number(&r, tb) < 0) {
      free(z.p);
      goto done;
    }
  }
  put(&b, " >>\nstream\r\n", 12);
  put(&b, z.p, z.len);
  put(&b, "\r\nendstream\nendobj\n", 19);
  free(z.p);
  putf(&b, "startxref\n%llu\n%%%%EOF\n%.0llu", xref_off, 0);
  if (b.failed)
    goto done;
  *out = b.p;
  *out_len = b.len;
  b.p = NULL;
  rc = 0;
done:
  free(o);
  free(b.p);
  free(stm.p);
  free(xr.p);
  return rc;
}
