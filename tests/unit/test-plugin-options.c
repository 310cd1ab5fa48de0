/* The option getters, option failures and warnings of the plugin API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "lib/plugin-runtime.h"

static const char *const papers[] = {"a4", "letter", NULL};

typedef struct {
  const char *value; /* given for "paper", or NULL */
  int rc, index;     /* what ar_options_get_choice gives */
  const char *message;
} choice_case;

static void test_choice(void **unused) {
  (void)unused;
  static const choice_case cases[] = {
      {NULL, 0, 7, NULL},
      {"a4", 0, 0, NULL},
      {"letter", 0, 1, NULL},
      {"LETTER", 0, 1, NULL},
      {"a5", -1, 7, "expected a4 or letter"},
      {"", -1, 7, "expected a4 or letter"},
      {"a4 ", -1, 7, "expected a4 or letter"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ar_options *o = ar_options_new();
    ar_error *err = ar_error_new();
    if (cases[i].value)
      assert_int_equal(ar_options_set(o, "paper", cases[i].value), 0);
    int index = 7;
    assert_int_equal(ar_options_get_choice(o, "paper", papers, &index, err), cases[i].rc);
    assert_int_equal(index, cases[i].index);
    if (cases[i].message) {
      assert_string_equal(ar_error_message(err), cases[i].message);
      assert_string_equal(ar_error_option(err), "paper");
    } else {
      assert_null(ar_error_message(err));
      assert_null(ar_error_option(err));
    }
    ar_error_free(err);
    ar_options_free(o);
  }
}

static void test_choice_lists_all(void **unused) {
  (void)unused;
  static const char *const one[] = {"only", NULL}, *const three[] = {"x", "y", "z", NULL};
  ar_options *o = ar_options_new();
  ar_options_set(o, "k", "w");
  ar_error *err = ar_error_new();
  int index = 0;
  assert_int_equal(ar_options_get_choice(o, "k", one, &index, err), -1);
  assert_string_equal(ar_error_message(err), "expected only");
  ar_error_clear(err);
  assert_int_equal(ar_options_get_choice(o, "k", three, &index, err), -1);
  assert_string_equal(ar_error_message(err), "expected x, y or z");
  ar_error_free(err);
  ar_options_free(o);
}

/* The getters' failures are option failures; ar_error_set's are not. */
static void test_option_failures(void **unused) {
  (void)unused;
  ar_options *o = ar_options_new();
  ar_options_set(o, "flag", "maybe");
  ar_options_set(o, "n", "99");
  ar_error *err = ar_error_new();
  int flag = 1;
  long n = 5;
  assert_int_equal(ar_options_get_bool(o, "flag", &flag, err), -1);
  assert_int_equal(flag, 1);
  assert_string_equal(ar_error_option(err), "flag");
  assert_string_equal(ar_error_message(err), "expected true or false");
  ar_error_clear(err);
  assert_int_equal(ar_options_get_long(o, "n", 1, 10, &n, err), -1);
  assert_int_equal(n, 5);
  assert_string_equal(ar_error_option(err), "n");
  assert_string_equal(ar_error_message(err), "expected a whole number from 1 to 10");
  ar_error_clear(err);
  ar_error_set(err, "no font");
  assert_null(ar_error_option(err));
  /* Only the first failure is kept, with its option. */
  ar_error_set_option(err, "flag", "ignored");
  assert_string_equal(ar_error_message(err), "no font");
  assert_null(ar_error_option(err));
  ar_error_free(err);
  ar_options_free(o);
}

static void test_warnings(void **unused) {
  (void)unused;
  ar_error *err = ar_error_new();
  for (int i = 0; i < AR_MAX_WARNINGS + 5; i++)
    ar_warn(err, "warning %d", i);
  assert_int_equal(ar_error_warning_count(err), AR_MAX_WARNINGS);
  assert_int_equal(ar_error_warnings_dropped(err), 5);
  assert_string_equal(ar_error_warning(err, 0), "warning 0");
  assert_string_equal(ar_error_warning(err, AR_MAX_WARNINGS - 1), "warning 15");
  assert_null(ar_error_warning(err, AR_MAX_WARNINGS));
  assert_false(ar_error_is_set(err)); /* warnings are not failures */
  ar_error_clear(err);
  assert_int_equal(ar_error_warning_count(err), 0);
  assert_int_equal(ar_error_warnings_dropped(err), 0);
  ar_warn(NULL, "nowhere"); /* no error object: nothing happens */
  ar_error_free(err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_choice),
      cmocka_unit_test(test_choice_lists_all),
      cmocka_unit_test(test_option_failures),
      cmocka_unit_test(test_warnings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
