/* The text plugin's line wrapping and display widths
 * (plugins/text-wrap.c, compiled into this test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text-wrap.h"

#define MAX_LINES 8

typedef struct {
  const char *in;
  size_t width;
  const char *first, *rest;
  const char *lines[MAX_LINES]; /* ends with NULL */
} wrap_case;

static const wrap_case wraps[] = {
    {"the quick brown fox", 10, "", "", {"the quick", "brown fox"}},
    {"the quick brown fox", 19, "", "", {"the quick brown fox"}},
    {"the quick brown fox", 18, "", "", {"the quick brown", "fox"}},
    {"the quick brown fox", 10, "- ", "  ", {"- the", "  quick", "  brown", "  fox"}},
    {"one two", 20, "[1] ", "    ", {"[1] one two"}},
    {"a\nb", 10, "", "", {"a", "b"}},
    {"first line\nsecond", 40, "> ", "> ", {"> first line", "> second"}},
    /* a word wider than the line is cut between characters */
    {"abcdefghij", 4, "", "", {"abcd", "efgh", "ij"}},
    {"ab abcdefghij", 4, "", "", {"ab", "abcd", "efgh", "ij"}},
    /* wide characters take two columns; CJK may break between characters */
    {"日本語日本語", 6, "", "", {"日本語", "日本語"}},
    {"日本語日本語", 7, "", "", {"日本語", "日本語"}},
    {"日本語日本語", 12, "", "", {"日本語日本語"}},
    /* a combining mark stays with its letter and takes no column */
    {"e\xCC\x81"
     "e\xCC\x81"
     "e\xCC\x81",
     2,
     "",
     "",
     {"e\xCC\x81"
      "e\xCC\x81",
      "e\xCC\x81"}},
    {"Côte d’Ivoire Україна", 13, "", "", {"Côte d’Ivoire", "Україна"}},
    /* hyphens are break opportunities */
    {"well-known words", 6, "", "", {"well-", "known", "words"}},
    /* a line never ends in spaces */
    {"spaced   out   words", 7, "", "", {"spaced", "out", "words"}},
};

static void test_wrap(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof wraps / sizeof *wraps; i++) {
    const wrap_case *c = &wraps[i];
    tw_lines out;
    tw_lines_init(&out);
    assert_int_equal(tw_wrap(c->in, strlen(c->in), c->width, c->first, c->rest, &out), 0);
    size_t want = 0;
    while (want < MAX_LINES && c->lines[want])
      want++;
    if (out.n != want)
      fail_msg("\"%s\" at %zu columns: %zu lines, not %zu (first: \"%s\")", c->in, c->width,
               out.n, want, out.n ? out.line[0] : "");
    for (size_t k = 0; k < want; k++) {
      if (strcmp(out.line[k], c->lines[k]) != 0)
        fail_msg("\"%s\" at %zu columns: line %zu is \"%s\", not \"%s\"", c->in, c->width, k + 1,
                 out.line[k], c->lines[k]);
      if (tw_strwidth(out.line[k]) > c->width)
        fail_msg("\"%s\": line %zu is wider than %zu", c->in, k + 1, c->width);
    }
    tw_lines_free(&out);
  }
}

/* Every width from 1 up: no line too wide (but for a prefix alone), no
 * character lost or cut. */
static void test_every_width(void **unused) {
  (void)unused;
  const char *text = "Türkiye, Côte d’Ivoire and Україна joined; 日本 did too — a "
                     "supercalifragilisticexpialidocious word.";
  for (size_t width = 1; width <= 60; width++) {
    tw_lines out;
    tw_lines_init(&out);
    assert_int_equal(tw_wrap(text, strlen(text), width, "", "", &out), 0);
    size_t kept = 0;
    for (size_t k = 0; k < out.n; k++) {
      size_t w = tw_strwidth(out.line[k]);
      if (w > width && !(width == 1 && w == 2)) /* a wide character alone may not fit */
        fail_msg("at %zu columns line %zu is %zu wide: \"%s\"", width, k + 1, w, out.line[k]);
      for (const char *p = out.line[k]; *p; p++)
        kept += *p != ' ';
    }
    size_t all = 0;
    for (const char *p = text; *p; p++)
      all += *p != ' ';
    if (kept != all)
      fail_msg("at %zu columns %zu of %zu bytes are left", width, kept, all);
    tw_lines_free(&out);
  }
}

typedef struct {
  const char *s;
  size_t width;
} width_case;

static const width_case widths[] = {
    {"", 0},       {"abc", 3},       {"日本", 4},      {"e\xCC\x81", 1},
    {"Україна", 7}, {"\t", 0},        {"a\x01" "b", 2}, {"\xF0\x9F\x98\x80", 2},
    {"ｶ", 1},      {"Ｆｕｌｌ", 8},
};

static void test_widths(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof widths / sizeof *widths; i++)
    if (tw_strwidth(widths[i].s) != widths[i].width)
      fail_msg("tw_strwidth(\"%s\") is %zu, not %zu", widths[i].s, tw_strwidth(widths[i].s),
               widths[i].width);
}

static void test_pad(void **unused) {
  (void)unused;
  const struct {
    const char *s;
    size_t field;
    tw_align align;
    const char *out;
  } pads[] = {
      {"ab", 5, TW_LEFT, "ab   "},   {"ab", 5, TW_RIGHT, "   ab"},
      {"1,234", 5, TW_RIGHT, "1,234"}, {"日本", 6, TW_RIGHT, "  日本"},
      {"é", 3, TW_LEFT, "é  "},      {"toolong", 3, TW_LEFT, "toolong"},
  };
  for (size_t i = 0; i < sizeof pads / sizeof *pads; i++) {
    tw_buf b;
    tw_buf_init(&b);
    assert_int_equal(tw_pad(&b, pads[i].s, pads[i].field, pads[i].align), 0);
    if (strcmp(tw_buf_str(&b), pads[i].out) != 0)
      fail_msg("tw_pad(\"%s\", %zu) gave \"%s\", not \"%s\"", pads[i].s, pads[i].field,
               tw_buf_str(&b), pads[i].out);
    tw_buf_free(&b);
  }
  tw_buf b;
  tw_buf_init(&b);
  assert_int_equal(tw_pad(&b, "ab", 6, TW_CENTER), 0);
  assert_int_equal(tw_strwidth(tw_buf_str(&b)), 6);
  assert_non_null(strstr(tw_buf_str(&b), " ab "));
  tw_buf_free(&b);
}

/* Columns that fit keep their natural widths; others shrink, widest first,
 * and the total never passes what is available. */
static void test_fit_columns(void **unused) {
  (void)unused;
  size_t nat[] = {10, 30, 8}, min[] = {4, 6, 8}, w[3];
  tw_fit_columns(3, nat, min, NULL, 60, w);
  assert_int_equal(w[0], 10);
  assert_int_equal(w[1], 30);
  assert_int_equal(w[2], 8);
  tw_fit_columns(3, nat, min, NULL, 40, w);
  assert_int_equal(w[0] + w[1] + w[2], 40);
  assert_int_equal(w[2], 8);
  assert_true(w[1] >= min[1] && w[0] >= min[0]);
  tw_fit_columns(3, nat, min, NULL, 12, w);
  assert_true(w[0] + w[1] + w[2] <= 12 || (w[0] == 1 && w[1] == 1 && w[2] == 1));
  for (size_t c = 0; c < 3; c++)
    assert_true(w[c] >= 1);
  size_t floor[] = {0, 0, 8};
  tw_fit_columns(3, nat, min, floor, 14, w);
  assert_int_equal(w[2], 8);
}

/* The widest column shrinks first, the leftmost of the widest, one column
 * at a time: whole levels at once give the same widths. */
static void test_fit_columns_order(void **unused) {
  (void)unused;
  size_t nat[] = {10, 10, 10}, min[] = {1, 1, 1}, w[3];
  tw_fit_columns(3, nat, min, NULL, 25, w);
  assert_true(w[0] == 8 && w[1] == 8 && w[2] == 9);
  size_t nat2[] = {20, 10}, min2[] = {1, 1};
  tw_fit_columns(2, nat2, min2, NULL, 20, w);
  assert_true(w[0] == 10 && w[1] == 10);
  tw_fit_columns(2, nat2, min2, NULL, 19, w);
  assert_true(w[0] == 9 && w[1] == 10);
  size_t nat3[] = {30, 30, 5}, min3[] = {20, 4, 1};
  tw_fit_columns(3, nat3, min3, NULL, 40, w); /* the first stops at its minimum */
  assert_true(w[0] == 20 && w[1] == 15 && w[2] == 5);
  tw_fit_columns(3, nat3, min3, NULL, 22, w); /* all to their minimums, then below */
  assert_true(w[0] == 17 && w[1] == 4 && w[2] == 1);

  /* Many wide columns: the work does not grow with the widths. */
  enum { N = 200 };
  static size_t big[N], ones[N], out[N];
  for (size_t c = 0; c < N; c++) {
    big[c] = 100000 + c;
    ones[c] = 1;
  }
  tw_fit_columns(N, big, ones, NULL, 72, out);
  for (size_t c = 0; c < N; c++)
    assert_int_equal(out[c], 1);
  tw_fit_columns(N, big, ones, NULL, 1000, out);
  size_t total = 0;
  for (size_t c = 0; c < N; c++) {
    total += out[c];
    assert_true(out[c] == 5 || out[c] == 6);
  }
  assert_int_equal(total, 1000);
}

/* A line filling the width, then a space and a character of no width:
 * the space does not stay at the end of the line, past the width. */
static void test_space_then_no_width(void **unused) {
  (void)unused;
  static const char *const zero[] = {"\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x80\x8E",
                                     "\xCC\x81", "\xE2\x80\x8D"};
  for (size_t z = 0; z < sizeof zero / sizeof *zero; z++) {
    char s[64];
    snprintf(s, sizeof s, "abcdefghi %sxyz and more", zero[z]);
    tw_lines lines;
    tw_lines_init(&lines);
    assert_int_equal(tw_wrap(s, strlen(s), 9, "", "", &lines), 0);
    assert_true(lines.n >= 2);
    assert_string_equal(lines.line[0], "abcdefghi");
    for (size_t i = 0; i < lines.n; i++)
      if (tw_strwidth(lines.line[i]) > 9)
        fail_msg("zero-width character %zu: line %zu is \"%s\"", z, i, lines.line[i]);
    tw_lines_free(&lines);
  }
}

/* Text runs pass on no control, no directional formatting and no
 * noncharacter; a run that held directional formatting or holds
 * right-to-left letters is isolated, its spaces at the ends outside. */
static void test_clean_controls(void **unused) {
  (void)unused;
  static const struct {
    const char *in, *utf8, *ascii;
  } cases[] = {
      {"a\u202Eb\u2066c\u2069d\u202C", "\u2068abcd\u2069", "abcd"},
      {"x\u202A\u202B\u202D\u2067\u2068y", "\u2068xy\u2069", "xy"},
      {" \u202E \u202C ", "", ""},
      {"  in \u05E2\u05D1\u05E8\u05D9\u05EA  ", "\u2068in \u05E2\u05D1\u05E8\u05D9\u05EA\u2069",
       "in ?????"},
      {"\u0627\u0644", "\u2068\u0627\u0644\u2069", "??"},
      {"plain caf\u00E9", "plain caf\u00E9", "plain cafe"},
      {"n\uFDD0m\U0001FFFFo\uFFFE", "n\uFFFDm\uFFFDo\uFFFD", "n?m?o?"},
      {"\x1b[31mred\xC2\x9B" "0m", "[31mred0m", "[31mred0m"},
      {"right\u200Fmark", "\u2068right\u200Fmark\u2069", "right?mark"}, /* U+200F is R */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *u = tw_clean(cases[i].in, 0), *a = tw_clean(cases[i].in, 1);
    assert_non_null(u);
    assert_non_null(a);
    if (strcmp(u, cases[i].utf8) != 0 || strcmp(a, cases[i].ascii) != 0)
      fail_msg("case %zu: \"%s\" and \"%s\"", i, u, a);
    free(u);
    free(a);
  }
}

/* Wrapping with memory kept from call to call gives the lines a fresh
 * wrap gives, into a list cleared and filled again, for texts long and
 * short in any order. */
static void test_scratch_reuse(void **unused) {
  (void)unused;
  tw_scratch sc;
  tw_scratch_init(&sc);
  tw_lines kept;
  tw_lines_init(&kept);
  char long_word[3000];
  memset(long_word, 'x', sizeof long_word - 1);
  long_word[sizeof long_word - 1] = '\0';
  const char *texts[] = {"Türkiye, Côte d’Ivoire and Україна joined; 日本 did too — a "
                         "supercalifragilisticexpialidocious word.",
                         long_word, "a\nb c", "", "spaced   out   words"};
  for (int round = 0; round < 2; round++)
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
      for (size_t width = 1; width <= 30; width += 7) {
        const char *s = texts[t];
        tw_lines fresh;
        tw_lines_init(&fresh);
        tw_lines_clear(&kept);
        assert_int_equal(tw_wrap(s, strlen(s), width, "> ", "  ", &fresh), 0);
        assert_int_equal(tw_wrap_with(&sc, s, strlen(s), width, "> ", "  ", &kept), 0);
        assert_int_equal(kept.n, fresh.n);
        for (size_t k = 0; k < fresh.n; k++)
          assert_string_equal(kept.line[k], fresh.line[k]);
        size_t a;
        char *breaks = malloc(strlen(s) + 1);
        assert_non_null(breaks);
        tw_line_breaks(s, strlen(s), breaks);
        assert_int_equal(tw_min_width(s, strlen(s), &a), 0);
        assert_int_equal(tw_min_width_of(s, strlen(s), breaks), a);
        free(breaks);
        tw_lines_free(&fresh);
      }

  /* grid rows alike, with more columns than before and fewer, their
   * cells' break opportunities found before or not */
  const char *cells[] = {"one two three", NULL, "日本語日本語", "x"};
  char b0[13], b2[18], b3[1];
  const char *breaks[] = {b0, NULL, b2, b3};
  for (size_t c = 0; c < 4; c++)
    if (cells[c])
      tw_line_breaks(cells[c], strlen(cells[c]), (char *)breaks[c]);
  size_t w[] = {5, 3, 6, 1};
  tw_align align[] = {TW_LEFT, TW_RIGHT, TW_CENTER, TW_RIGHT};
  for (size_t ncols = 1; ncols <= 4; ncols += 3)
    for (int round = 0; round < 4; round++) {
      tw_lines fresh;
      tw_lines_init(&fresh);
      tw_lines_clear(&kept);
      assert_int_equal(tw_grid_row(&fresh, ncols, cells, w, align, " | "), 0);
      assert_int_equal(tw_grid_row_with(&sc, &kept, ncols, cells, round % 2 ? breaks : NULL, w,
                                        align, " | "),
                       0);
      assert_int_equal(kept.n, fresh.n);
      for (size_t k = 0; k < fresh.n; k++)
        assert_string_equal(kept.line[k], fresh.line[k]);
      tw_lines_free(&fresh);
    }
  tw_lines_free(&kept);
  tw_scratch_free(&sc);
}

/* A list cleared keeps its memory for the next lines, short or long; the
 * lines added before stay whole as it grows. */
static void test_lines_reuse(void **unused) {
  (void)unused;
  tw_lines l;
  tw_lines_init(&l);
  char big[200];
  memset(big, 'b', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  for (int round = 0; round < 3; round++) {
    tw_lines_clear(&l);
    assert_int_equal(l.n, 0);
    for (size_t i = 0; i < 40; i++) {
      const char *s = (i + (size_t)round) % 3 == 0 ? big : (i % 2 ? "short  " : "");
      assert_int_equal(tw_lines_add(&l, s, strlen(s)), 0);
    }
    assert_int_equal(l.n, 40);
    for (size_t i = 0; i < 40; i++) {
      const char *want = (i + (size_t)round) % 3 == 0 ? big : (i % 2 ? "short" : "");
      assert_string_equal(l.line[i], want);
    }
  }
  tw_lines_free(&l);
}

/* A cluster wider than the line, then many marks: each takes no column,
 * and the breaker does not look back over them for each one. */
static void test_long_cluster(void **unused) {
  (void)unused;
  enum { MARKS = 200000 };
  size_t n = 3 + 2 * MARKS + 1;
  char *s = malloc(n + 1);
  assert_non_null(s);
  memcpy(s, "日", 3);
  for (size_t i = 0; i < MARKS; i++)
    memcpy(s + 3 + 2 * i, "\xCC\x81", 2);
  s[n - 1] = 'a';
  s[n] = '\0';
  tw_lines out;
  tw_lines_init(&out);
  assert_int_equal(tw_wrap(s, n, 1, "", "", &out), 0);
  assert_int_equal(out.n, 2);
  assert_int_equal(strlen(out.line[0]), n - 1);
  assert_string_equal(out.line[1], "a");
  tw_lines_free(&out);
  free(s);
}

/* Isolating a run puts U+2068 before its first character, after the space
 * that came before it, and U+2069 after its last. */
static void test_isolate_runs(void **unused) {
  (void)unused;
  tw_builder b;
  tw_builder_init(&b, 0);
  assert_int_equal(tw_append(&b, "left ", TW_TEXT), 0);
  assert_int_equal(tw_append(&b, "\x1b \u05D0\u05D1 and more ", TW_TEXT), 0);
  assert_int_equal(tw_append(&b, "_", TW_OPEN), 0);
  assert_int_equal(tw_append(&b, "right", TW_TEXT), 0);
  assert_int_equal(tw_append(&b, "_", TW_CLOSE), 0);
  assert_string_equal(tw_builder_text(&b, NULL),
                      "left \u2068\u05D0\u05D1 and more\u2069 _right_");
  tw_builder_clear(&b);
  assert_int_equal(tw_append(&b, "  plain  ", TW_TEXT), 0);
  assert_int_equal(tw_append(&b, "text", TW_TEXT), 0);
  assert_string_equal(tw_builder_text(&b, NULL), "plain text");
  tw_builder_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wrap),   cmocka_unit_test(test_every_width),
      cmocka_unit_test(test_widths), cmocka_unit_test(test_pad),
      cmocka_unit_test(test_fit_columns), cmocka_unit_test(test_fit_columns_order),
      cmocka_unit_test(test_clean_controls), cmocka_unit_test(test_space_then_no_width),
      cmocka_unit_test(test_scratch_reuse),  cmocka_unit_test(test_lines_reuse),
      cmocka_unit_test(test_long_cluster),   cmocka_unit_test(test_isolate_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
