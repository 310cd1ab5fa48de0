#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "exit-codes.h"

/* The allocations diag.c makes go through these (the test is linked with
 * -Wl,--wrap for each), so that a test can make them fail. */
int __real_vasprintf(char **s, const char *fmt, va_list ap);
char *__real_strdup(const char *s);
void *__real_realloc(void *p, size_t n);
int __wrap_vasprintf(char **s, const char *fmt, va_list ap);
char *__wrap_strdup(const char *s);
void *__wrap_realloc(void *p, size_t n);

static enum { FAIL_NONE, FAIL_VASPRINTF, FAIL_STRDUP, FAIL_REALLOC } failing;

int __wrap_vasprintf(char **s, const char *fmt, va_list ap) {
  return failing == FAIL_VASPRINTF ? -1 : __real_vasprintf(s, fmt, ap);
}
char *__wrap_strdup(const char *s) { return failing == FAIL_STRDUP ? NULL : __real_strdup(s); }
void *__wrap_realloc(void *p, size_t n) {
  return failing == FAIL_REALLOC ? NULL : __real_realloc(p, n);
}

/* Prints diag into a string; the caller frees it. */
static char *printed(const ar_diag *diag) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  ar_diag_print(diag, out);
  fclose(out);
  return text;
}

static void test_sorted_by_position(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, "b.xml", 3, 1, "third");
  ar_diag_add(d, AR_ERROR, "a.xml", 9, 2, "second");
  ar_diag_add(d, AR_WARNING, "a.xml", 2, 7, "first %d", 1);
  assert_int_equal(ar_diag_count(d), 3);
  assert_int_equal(ar_diag_errors(d), 2);
  char *text = printed(d);
  assert_string_equal(text, "a.xml:2:7: warning: first 1\n"
                            "a.xml:9:2: error: second\n"
                            "b.xml:3:1: error: third\n");
  free(text);
  ar_diag_free(d);
}

static void test_file_level_and_unknown_column(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, "x.xml", 0, 0, "is a folder");
  ar_diag_add(d, AR_ERROR, "x.xml", 4, 0, "no column\n");
  char *text = printed(d);
  assert_string_equal(text, "x.xml: error: is a folder\n"
                            "x.xml:4:1: error: no column\n");
  free(text);
  ar_diag_free(d);
}

static void test_duplicates_recorded_once(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "same");
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "same");
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 2, "same");
  assert_int_equal(ar_diag_count(d), 2);
  assert_int_equal(ar_diag_errors(d), 2);
  ar_diag_free(d);
}

static void test_cap(void **unused) {
  ar_diag *d = ar_diag_new(2);
  for (int i = 1; i <= 5; i++)
    ar_diag_add(d, AR_ERROR, "x.xml", i, 1, "problem %d", i);
  char *text = printed(d);
  assert_non_null(strstr(text, "x.xml:1:1: error: problem 1\n"));
  assert_non_null(strstr(text, "x.xml:2:1: error: problem 2\n"));
  assert_null(strstr(text, "problem 3"));
  assert_non_null(strstr(text, "3 more problems not shown"));
  free(text);
  ar_diag_free(d);
}

static void test_more_hint(void **unused) {
  ar_diag *d = ar_diag_new(1);
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "one");
  ar_diag_add(d, AR_ERROR, "x.xml", 2, 1, "two");
  char *text = printed(d);
  assert_non_null(strstr(text, "x.xml: note: 1 more problems not shown\n"));
  free(text);
  ar_diag_set_more_hint(d, "raise --max-errors to see them");
  text = printed(d);
  assert_non_null(
      strstr(text, "x.xml: note: 1 more problems not shown (raise --max-errors to see them)\n"));
  free(text);
  ar_diag_free(d);
}

/* Past 100,000 problems the rest are counted, and the note says that no
 * option shows them. */
static void test_past_what_is_kept(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_set_more_hint(d, "raise --max-errors to see them");
  for (long i = 1; i <= 100003; i++)
    ar_diag_add(d, AR_ERROR, "x.xml", i, 1, "p");
  assert_int_equal(ar_diag_count(d), 100000);
  assert_int_equal(ar_diag_errors(d), 100003);
  char *text = printed(d);
  assert_non_null(strstr(text, "x.xml:100000:1: error: p\n"));
  assert_null(strstr(text, "x.xml:100001:1"));
  assert_non_null(strstr(text, "x.xml: note: 3 more problems not shown; past 100000 problems the "
                               "rest are only counted\n"));
  assert_null(strstr(text, "--max-errors"));
  free(text);
  assert_int_equal(ar_diag_input_status(d), AR_EXIT_DATA);
  ar_diag_free(d);
}

/* A problem whose message, file name or slot cannot be allocated is
 * counted and said to be lost, never printed half-made. */
static void test_out_of_memory(void **unused) {
  static const int ways[] = {FAIL_VASPRINTF, FAIL_STRDUP, FAIL_REALLOC};
  for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
    ar_diag *d = ar_diag_new(0);
    ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "kept");
    for (int i = 0; i < 15; i++) /* the 17th entry needs a larger array */
      ar_diag_add(d, AR_WARNING, "x.xml", 2, i + 1, "filler");
    failing = ways[w];
    ar_diag_add(d, AR_ERROR, "x.xml", 3, 1, "lost");
    failing = FAIL_NONE;
    assert_int_equal(ar_diag_input_status(d), AR_EXIT_FAILURE);
    assert_int_equal(ar_diag_errors(d), 2);
    assert_int_equal(ar_diag_count(d), 16);
    char *text = printed(d);
    assert_non_null(strstr(text, "x.xml:1:1: error: kept\n"));
    assert_null(strstr(text, "lost"));
    assert_non_null(strstr(text, "alliance-report: error: out of memory: 1 problems could not be "
                                 "recorded\n"));
    free(text);
    ar_diag_add(d, AR_ERROR, "x.xml", 4, 1, "after");
    assert_int_equal(ar_diag_count(d), 17);
    ar_diag_free(d);
  }
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "fine");
  assert_int_equal(ar_diag_input_status(d), AR_EXIT_DATA);
  ar_diag_free(d);
}

static void test_has_error_at(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_WARNING, "x.xml", 5, 1, "only a warning");
  ar_diag_add(d, AR_ERROR, "x.xml", 7, 3, "an error");
  assert_false(ar_diag_has_error_at(d, "x.xml", 5));
  assert_true(ar_diag_has_error_at(d, "x.xml", 7));
  assert_false(ar_diag_has_error_at(d, "y.xml", 7));
  ar_diag_free(d);
}

/* Nothing in a file name or a message reaches the terminal as a control
 * character: each entry stays one line. */
static void test_control_characters_escaped(void **unused) {
  ar_diag *d = ar_diag_new(1);
  ar_diag_add(d, AR_ERROR, "a\nb.xml", 2, 3, "code \"%s\" is unknown", "\033[2J\tX\x7f");
  ar_diag_add(d, AR_ERROR, "z.xml", 1, 1, "second");
  char *text = printed(d);
  assert_string_equal(text, "a\\nb.xml:2:3: error: code \"\\x1b[2J\\tX\\x7f\" is unknown\n"
                            "a\\nb.xml: note: 1 more problems not shown\n");
  free(text);
  ar_diag_free(d);
  d = ar_diag_new(0);
  ar_diag_add(d, AR_WARNING, "", 0, 0, "no\rfile");
  text = printed(d);
  assert_string_equal(text, "alliance-report: warning: no\\x0dfile\n");
  free(text);
  ar_diag_free(d);
}

/* C1 controls (a CSI is U+009B) and bytes that are not UTF-8 are escaped
 * too; other text, in any script, is printed as it is. */
static void test_c1_and_bad_bytes_escaped(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, "x.xml", 1, 1, "code \"%s\"", "\xc2\x9b" "2J\xc2\x85");
  ar_diag_add(d, AR_ERROR, "x.xml", 2, 1, "lone \"%s\"", "\x9b" "31m\xff\xc3");
  ar_diag_add(d, AR_ERROR, "x.xml", 3, 1, "%s", "C\xc3\xb4te d\xe2\x80\x99Ivoire, "
              "\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0, \xc2\xa0nbsp");
  ar_diag_add(d, AR_ERROR, "x.xml", 4, 1, "code \"%s\"", "a\u202Eb\u202Ac\u2066d\u2069e\u2028f");
  char *text = printed(d);
  assert_string_equal(text, "x.xml:1:1: error: code \"\\u009b2J\\u0085\"\n"
                            "x.xml:2:1: error: lone \"\\x9b31m\\xff\\xc3\"\n"
                            "x.xml:3:1: error: C\xc3\xb4te d\xe2\x80\x99Ivoire, "
                            "\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0, \xc2\xa0nbsp\n"
                            "x.xml:4:1: error: code \"a\\u202eb\\u202ac\\u2066d\\u2069e\\u2028f\"\n");
  free(text);
  ar_diag_free(d);
}

/* A problem is placed in a file or nowhere: a line without a file is
 * dropped, and looking one up with no file name does not crash. */
static void test_no_file(void **unused) {
  ar_diag *d = ar_diag_new(0);
  ar_diag_add(d, AR_ERROR, NULL, 7, 3, "no file");
  const ar_diag_entry *e = ar_diag_get(d, 0);
  assert_string_equal(e->file, "");
  assert_int_equal(e->line, 0);
  assert_int_equal(e->col, 0);
  assert_false(ar_diag_has_error_at(d, NULL, 7));
  assert_true(ar_diag_has_error_at(d, NULL, 0));
  assert_false(ar_diag_has_error_at(d, "x.xml", 0));
  char *text = printed(d);
  assert_string_equal(text, "alliance-report: error: no file\n");
  free(text);
  ar_diag_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sorted_by_position),
      cmocka_unit_test(test_file_level_and_unknown_column),
      cmocka_unit_test(test_duplicates_recorded_once),
      cmocka_unit_test(test_cap),
      cmocka_unit_test(test_more_hint),
      cmocka_unit_test(test_past_what_is_kept),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_has_error_at),
      cmocka_unit_test(test_control_characters_escaped),
      cmocka_unit_test(test_c1_and_bad_bytes_escaped),
      cmocka_unit_test(test_no_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
