#include "config.h"

#include "messages.h"

#include <stdarg.h>
#include <stdlib.h>

#include "exit-codes.h"
#include "json.h"

static const char *command;

void ar_msg_set_command(const char *name) { command = name; }

/* U+2028 and U+2029, line and paragraph separators that an editor may
 * show as a new line, and U+202A to U+202E and U+2066 to U+2069, the
 * directional embeddings, overrides and isolates, which could make a
 * message line read in another order than it is written. */
static int moves_text(const unsigned char *p, size_t n) {
  return n == 3 && p[0] == 0xe2 &&
         ((p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae) ||
          (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9));
}

size_t ar_put_escaped(FILE *out, const char *text) {
  size_t written = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p;) {
    size_t n = ar_utf8_length(p);
    if (*p == '\n' || *p == '\t')
      written += (size_t)fprintf(out, "\\%c", *p == '\n' ? 'n' : 't');
    else if (n == 0 || *p < 0x20 || *p == 0x7f)
      written += (size_t)fprintf(out, "\\x%02x", *p);
    else if (p[0] == 0xc2 && p[1] < 0xa0)
      written += (size_t)fprintf(out, "\\u%04x", p[1]);
    else if (moves_text(p, n)) /* U+20xx */
      written += (size_t)fprintf(out, "\\u20%02x", (p[1] & 0x3f) << 6 | (p[2] & 0x3f));
    else
      written += fwrite(p, 1, n, out);
    p += n ? n : 1;
  }
  return written;
}

/* Prints one message line; kind ("warning: ") and color (an SGR code) may
 * be NULL. The line is put together first and written at once. */
static void say(const char *kind, const char *color, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static void say(const char *kind, const char *color, const char *fmt, va_list ap) {
  char *text = NULL, *line = NULL;
  size_t len = 0;
  if (vasprintf(&text, fmt, ap) < 0)
    text = NULL;
  FILE *out = open_memstream(&line, &len);
  if (!out) {
    free(text);
    return;
  }
  fprintf(out, "%s%s%s: %s", PACKAGE_NAME, command ? " " : "", command ? command : "",
          kind ? kind : "");
  if (color)
    fprintf(out, "\033[%sm", color);
  ar_put_escaped(out, text ? text : "out of memory");
  fputs(color ? "\033[0m\n" : "\n", out);
  if (fclose(out) == 0)
    fwrite(line, 1, len, stderr);
  free(line);
  free(text);
}

void ar_msg_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say(NULL, NULL, fmt, ap);
  va_end(ap);
}

void ar_msg_error_color(int color, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say(NULL, color ? "31" : NULL, fmt, ap);
  va_end(ap);
}

void ar_msg_warning(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say("warning: ", NULL, fmt, ap);
  va_end(ap);
}

int ar_msg_usage(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say(NULL, NULL, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try '%s%s%s --help' for more information.\n", PACKAGE_NAME, command ? " " : "",
          command ? command : "");
  return AR_EXIT_USAGE;
}
