/* The program's error and warning lines: their prefix, the --help hint of
 * a usage error, colour, and control characters from data escaped. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exit-codes.h"
#include "messages.h"

static FILE *capture;
static int saved_stderr = -1;

/* Sends stderr to a temporary file until said() reads it back. */
static void listen(void) {
  fflush(stderr);
  capture = tmpfile();
  assert_non_null(capture);
  saved_stderr = dup(STDERR_FILENO);
  assert_int_not_equal(dup2(fileno(capture), STDERR_FILENO), -1);
}

/* What was written on stderr since listen(); the caller frees it. */
static char *said(void) {
  fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  long len = ftell(capture);
  char *text = calloc(1, (size_t)len + 1);
  assert_non_null(text);
  rewind(capture);
  assert_int_equal(fread(text, 1, (size_t)len, capture), (size_t)len);
  fclose(capture);
  return text;
}

static void test_prefixes(void **unused) {
  (void)unused;
  ar_msg_set_command(NULL);
  listen();
  ar_msg_error("unknown command '%s'", "x");
  ar_msg_set_command("build");
  ar_msg_error("out of %s", "memory");
  ar_msg_warning("--max-memory is ignored");
  ar_msg_set_command(NULL);
  char *text = said();
  assert_string_equal(text, "alliance-report: unknown command 'x'\n"
                            "alliance-report build: out of memory\n"
                            "alliance-report build: warning: --max-memory is ignored\n");
  free(text);
}

static void test_usage_hint(void **unused) {
  (void)unused;
  listen();
  assert_int_equal(ar_msg_usage("unknown command '%s'", "x"), AR_EXIT_USAGE);
  ar_msg_set_command("validate");
  assert_int_equal(ar_msg_usage("--max-errors needs a whole number"), AR_EXIT_USAGE);
  ar_msg_set_command(NULL);
  char *text = said();
  assert_string_equal(text, "alliance-report: unknown command 'x'\n"
                            "Try 'alliance-report --help' for more information.\n"
                            "alliance-report validate: --max-errors needs a whole number\n"
                            "Try 'alliance-report validate --help' for more information.\n");
  free(text);
}

/* Data quoted in a message cannot end the line, move the cursor or
 * change the colour: one call, one line, the colour the helper's own. */
static void test_control_characters(void **unused) {
  (void)unused;
  ar_msg_set_command("build");
  listen();
  ar_msg_error("no member has the code '%s'", "\033[2J\nFR\r\t\x7f\x01");
  ar_msg_error_color(1, "%s failed", "a\033[0m");
  ar_msg_error_color(0, "%s failed", "b");
  ar_msg_set_command(NULL);
  char *text = said();
  assert_string_equal(text,
                      "alliance-report build: no member has the code '\\x1b[2J\\nFR\\x0d\\t\\x7f\\x01'\n"
                      "alliance-report build: \033[31ma\\x1b[0m failed\033[0m\n"
                      "alliance-report build: b failed\n");
  free(text);
}

static void test_put_escaped(void **unused) {
  (void)unused;
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  ar_put_escaped(out, "caf\xc3\xa9 \\n stays\n");
  fclose(out);
  assert_string_equal(text, "caf\xc3\xa9 \\n stays\\n");
  free(text);
}

/* C1 controls, as UTF-8 (U+009B is CSI to some terminals) or as bytes
 * that are not UTF-8 (a raw 0x9b is CSI to others), are escaped; the
 * UTF-8 around them stays readable, and the count is of bytes written. */
static void test_c1_and_bad_utf8(void **unused) {
  (void)unused;
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  size_t n = ar_put_escaped(out, "\xc2\x9b" "2J \x9b" "31m \xc2\x80\xc2\x9f\xc2\xa0 caf\xc3\xa9 "
                                 "\xe2\x80\x99 \xc3 \xc0\xaf \xed\xa0\x80 \xf0\x9f\x98\x80");
  fclose(out);
  assert_string_equal(text, "\\u009b2J \\x9b31m \\u0080\\u009f\xc2\xa0 caf\xc3\xa9 \xe2\x80\x99 "
                            "\\xc3 \\xc0\\xaf \\xed\\xa0\\x80 \xf0\x9f\x98\x80");
  assert_int_equal(n, strlen(text));
  free(text);
  /* In a message line too. */
  ar_msg_set_command("plugins");
  listen();
  ar_msg_warning("summary '%s'", "x\xc2\x9b" "1;1H\x9b" "2J");
  ar_msg_set_command(NULL);
  text = said();
  assert_string_equal(text, "alliance-report plugins: warning: summary 'x\\u009b1;1H\\x9b2J'\n");
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prefixes),
      cmocka_unit_test(test_usage_hint),
      cmocka_unit_test(test_control_characters),
      cmocka_unit_test(test_put_escaped),
      cmocka_unit_test(test_c1_and_bad_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
