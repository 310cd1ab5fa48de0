/* The html plugin's escaping and its checks on URLs and ids
 * (plugins/html-write.c, compiled into this test), and the sinks it
 * writes to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "lib/plugin-runtime.h"

/* What hw_text (attr 0) or hw_attr (attr 1) writes for in. */
static char *written(const char *in, int attr) {
  ar_sink *sink = ar_sink_new_memory();
  assert_non_null(sink);
  html_writer w = {.out = sink};
  if (attr)
    hw_attr(&w, "title", in);
  else
    hw_text(&w, in);
  assert_false(w.failed);
  size_t n = ar_sink_bytes(sink);
  char *s = malloc(n + 1);
  assert_non_null(s);
  if (n)
    memcpy(s, ar_sink_data(sink), n);
  s[n] = '\0';
  ar_sink_free(sink);
  return s;
}

typedef struct {
  const char *in, *text, *attr;
} escape_case;

#define FFFD "\xEF\xBF\xBD"
#define RLE "\xE2\x80\xAB" /* U+202B */
#define PDF "\xE2\x80\xAC" /* U+202C */
#define RLO "\xE2\x80\xAE" /* U+202E */
#define LRI "\xE2\x81\xA6" /* U+2066 */
#define RLI "\xE2\x81\xA7" /* U+2067 */
#define PDI "\xE2\x81\xA9" /* U+2069 */

static const escape_case escapes[] = {
    {"", "", " title=\"\""},
    {"plain words", "plain words", " title=\"plain words\""},
    {"a & b", "a &amp; b", " title=\"a &amp; b\""},
    {"<script>", "&lt;script&gt;", " title=\"&lt;script&gt;\""},
    {"\" onmouseover=\"x", "\" onmouseover=\"x", " title=\"&quot; onmouseover=&quot;x\""},
    {"it's", "it's", " title=\"it&#39;s\""},
    {"&amp;", "&amp;amp;", " title=\"&amp;amp;\""},
    {"</p></section>", "&lt;/p&gt;&lt;/section&gt;", NULL},
    {"<!--", "&lt;!--", NULL},
    {"Côte d’Ivoire, Україна, Türkiye", "Côte d’Ivoire, Україна, Türkiye", NULL},
    {"tab\there\nnew line", "tab\there\nnew line", NULL},
    {"bell\a", "bell" FFFD, " title=\"bell" FFFD "\""},
    {"del\x7f", "del" FFFD, NULL},
    {"c1 \xC2\x85", "c1 " FFFD, NULL},            /* U+0085, a C1 control */
    {"non \xEF\xB7\x90", "non " FFFD, NULL},      /* U+FDD0, a noncharacter */
    {"nc \xEF\xBF\xBE", "nc " FFFD, NULL},        /* U+FFFE */
    {"bad \xFF byte", "bad " FFFD " byte", NULL}, /* not UTF-8 */
    {"cut \xE2\x82", "cut " FFFD, NULL},          /* a sequence cut short at the end */
    {"over \xC0\xAF long", "over " FFFD FFFD " long", NULL}, /* overlong '/' */
    {"sur \xED\xA0\x80", "sur " FFFD FFFD FFFD, NULL},       /* a UTF-16 surrogate */
    {"emoji \xF0\x9F\x98\x80", "emoji \xF0\x9F\x98\x80", NULL},
    /* What a string opens of the directional formatting, it closes: an
     * override (U+202E) by U+202C, an isolate (U+2066) by U+2069. */
    {"x" RLO "evil", "x" RLO "evil" PDF, " title=\"x" RLO "evil" PDF "\""},
    {LRI "a" RLE "b", LRI "a" RLE "b" PDF PDI, NULL},
    {RLO "a" PDF "b", RLO "a" PDF "b", NULL},            /* closed already */
    {LRI RLO "a" PDI "b", LRI RLO "a" PDI "b", NULL},     /* PDI closes both */
    {RLI "a" PDF "b", RLI "a" PDF "b" PDI, NULL},        /* PDF closes no isolate */
    {"a" PDF PDI "b", "a" PDF PDI "b", NULL},            /* nothing to close */
    {RLO RLO RLO, RLO RLO RLO PDF PDF PDF, NULL},
    {RLO "\xFF", RLO FFFD PDF, NULL},
};

static void test_escaping(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof escapes / sizeof *escapes; i++) {
    char *text = written(escapes[i].in, 0);
    if (strcmp(text, escapes[i].text) != 0)
      fail_msg("hw_text(\"%s\") wrote \"%s\", not \"%s\"", escapes[i].in, text, escapes[i].text);
    free(text);
    if (!escapes[i].attr)
      continue;
    char *attr = written(escapes[i].in, 1);
    if (strcmp(attr, escapes[i].attr) != 0)
      fail_msg("hw_attr(\"%s\") wrote '%s', not '%s'", escapes[i].in, attr, escapes[i].attr);
    free(attr);
  }
}

/* No attribute at all for a NULL value; nothing for NULL text. */
static void test_null(void **unused) {
  (void)unused;
  char *s = written(NULL, 1);
  assert_string_equal(s, "");
  free(s);
  s = written(NULL, 0);
  assert_string_equal(s, "");
  free(s);
}

typedef struct {
  const char *url;
  int allowed;
} url_case;

static const url_case urls[] = {
    {"https://ec.europa.eu/home-affairs/", 1},
    {"HTTPS://EXAMPLE.ORG", 1},
    {"http://example.org/a?b=c&d=e#f", 1},
    {"mailto:someone@example.org", 1},
    {"https://example.org/\"quoted\"", 1},
    {NULL, 0},
    {"", 0},
    {"javascript:alert(1)", 0},
    {"JavaScript:alert(1)", 0},
    {"data:text/html,<script>alert(1)</script>", 0},
    {"vbscript:msgbox", 0},
    {"file:///etc/passwd", 0},
    {"ftp://example.org/", 0},
    {"//example.org/", 0},
    {"/relative/path", 0},
    {"https://", 0},
    {"https:///host", 0},
    {"http://", 0},
    {"mailto:", 0},
    {" https://example.org", 0},
    {"https://exa mple.org", 0},
    {"https://example.org/\ttab", 0},
    {"https://example.org/\nline", 0},
    {"java\nscript:alert(1)", 0},
    {"https:\\\\example.org", 0},
    {"https://example.org\x7f", 0},
};

static void test_urls(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof urls / sizeof *urls; i++)
    if (html_url_allowed(urls[i].url) != urls[i].allowed)
      fail_msg("html_url_allowed(\"%s\") should be %d", urls[i].url ? urls[i].url : "(null)",
               urls[i].allowed);
}

typedef struct {
  const char *id;
  int ok;
} id_case;

static const id_case ids[] = {
    {"sources", 1},      {"key-messages", 1}, {"a1_b.c:d", 1}, {"Z", 1},
    {NULL, 0},           {"", 0},             {"1st", 0},      {"-x", 0},
    {"has space", 0},    {"quo\"te", 0},      {"lt<", 0},      {"caf\xc3\xa9", 0},
    {"ar-section-1", 1}, {"#frag", 0},
};

static void test_ids(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
    if (html_id_ok(ids[i].id) != ids[i].ok)
      fail_msg("html_id_ok(\"%s\") should be %d", ids[i].id ? ids[i].id : "(null)", ids[i].ok);
}

/* A failed write stops the writer and is remembered. The file sink
 * gathers small writes, so the failure shows when it writes them. */
static void test_failure_sticks(void **unused) {
  (void)unused;
  int fd = open("/dev/null", O_RDONLY); /* writes fail with EBADF */
  assert_true(fd >= 0);
  ar_sink *sink = ar_sink_new_fd(fd);
  assert_non_null(sink);
  html_writer w = {.out = sink};
  hw_text(&w, "x");
  assert_int_equal(ar_sink_flush(sink), -1);
  assert_int_equal(ar_sink_errno(sink), EBADF);
  hw_raw(&w, "y");
  assert_true(w.failed);
  assert_int_equal(ar_sink_bytes(sink), 1);
  ar_sink_free(sink);
  close(fd);
}

/* A file sink writes small and large pieces in order, each byte once:
 * pieces around the size of its buffer, and one larger than it. */
static void test_file_sink_order(void **unused) {
  (void)unused;
  char path[] = "/tmp/test-sink-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  unlink(path);
  ar_sink *sink = ar_sink_new_fd(fd);
  assert_non_null(sink);
  size_t sizes[] = {1, 7, 65535, 2, 65536, 65537, 3, 200000, 5};
  size_t total = 0;
  unsigned char next = 0;
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    unsigned char *piece = malloc(sizes[i]);
    assert_non_null(piece);
    for (size_t k = 0; k < sizes[i]; k++)
      piece[k] = next++;
    assert_int_equal(ar_sink_write(sink, piece, sizes[i]), 0);
    total += sizes[i];
    free(piece);
  }
  assert_int_equal(ar_sink_printf(sink, "%d", 42), 0);
  total += 2;
  assert_int_equal(ar_sink_flush(sink), 0);
  assert_int_equal(ar_sink_bytes(sink), total);
  assert_int_equal(lseek(fd, 0, SEEK_END), (off_t)total);
  unsigned char *back = malloc(total);
  assert_non_null(back);
  assert_int_equal(pread(fd, back, total, 0), (ssize_t)total);
  for (size_t k = 0; k < total - 2; k++)
    if (back[k] != (unsigned char)k)
      fail_msg("byte %zu is %u, not %u", k, back[k], (unsigned)(unsigned char)k);
  assert_memory_equal(back + total - 2, "42", 2);
  free(back);
  ar_sink_free(sink);
  close(fd);
}

/* More open than a small stack holds: each one closed, innermost first. */
static void test_bidi_deep(void **unused) {
  (void)unused;
  char in[40 * 3 * 2 + 1] = "", want[40 * 3 * 4 + 1] = "", close[40 * 3 * 2 + 1] = "";
  for (int i = 0; i < 40; i++) {
    strcat(in, i % 2 ? RLO : LRI);
    strcat(in, "x");
  }
  for (int i = 39; i >= 0; i--)
    strcat(close, i % 2 ? PDF : PDI);
  strcat(want, in);
  strcat(want, close);
  char *text = written(in, 0);
  assert_string_equal(text, want);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escaping),   cmocka_unit_test(test_null),
      cmocka_unit_test(test_urls),       cmocka_unit_test(test_ids),
      cmocka_unit_test(test_failure_sticks), cmocka_unit_test(test_bidi_deep),
      cmocka_unit_test(test_file_sink_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
