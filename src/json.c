#include "config.h"

#include "json.h"

size_t ar_utf8_length(const unsigned char *s) {
  unsigned char lo = 0x80, hi = 0xbf;
  size_t n;
  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) {
    n = 2;
  } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
    n = 3;
    lo = s[0] == 0xe0 ? 0xa0 : lo;
    hi = s[0] == 0xed ? 0x9f : hi;
  } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
    n = 4;
    lo = s[0] == 0xf0 ? 0x90 : lo;
    hi = s[0] == 0xf4 ? 0x8f : hi;
  } else {
    return 0;
  }
  if (s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < n; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

void ar_json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  putc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    size_t n = ar_utf8_length(p);
    if (n == 0)
      fputs("\\ufffd", out);
    else if (*p == '"' || *p == '\\')
      fprintf(out, "\\%c", *p);
    else if (*p == '\n')
      fputs("\\n", out);
    else if (*p == '\t')
      fputs("\\t", out);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(out, "\\u%04x", *p);
    else
      fwrite(p, 1, n, out);
    p += n ? n : 1;
  }
  putc('"', out);
}
