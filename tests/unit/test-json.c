/* JSON strings: whatever the bytes, the result is valid JSON. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* s as ar_json_string() writes it; the caller frees it. */
static char *json(const char *s) {
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  ar_json_string(out, s);
  fclose(out);
  return text;
}

typedef struct {
  const char *in, *out;
} json_case;

static const json_case cases[] = {
    {NULL, "null"},
    {"", "\"\""},
    {"member-fr.pdf", "\"member-fr.pdf\""},
    {"say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\""},
    {"a\nb\tc", "\"a\\nb\\tc\""},
    {"\x01\x1f\x7f\r", "\"\\u0001\\u001f\\u007f\\u000d\""},
    {"\033[31mred", "\"\\u001b[31mred\""},
    /* UTF-8 passes through: 2, 3 and 4 bytes, the first and last of each. */
    {"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80\""},
    {"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
     "\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\""},
    /* Not UTF-8: each byte that does not fit is one U+FFFD. */
    {"\xff", "\"\\ufffd\""},
    {"a\x80z", "\"a\\ufffdz\""},
    {"\xc3", "\"\\ufffd\""},                       /* cut at the end */
    {"\xc3(", "\"\\ufffd(\""},                     /* bad second byte */
    {"\xe2\x80", "\"\\ufffd\\ufffd\""},            /* cut short */
    {"\xc0\xaf", "\"\\ufffd\\ufffd\""},            /* overlong '/' */
    {"\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\""}, /* overlong '/' */
    {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""}, /* a surrogate */
    {"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""}, /* past U+10FFFF */
    {"\xf5\x80", "\"\\ufffd\\ufffd\""},
    {"\xf0\x9f\x98\"", "\"\\ufffd\\ufffd\\ufffd\\\"\""}, /* a quote ends it */
};

static void test_strings(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *got = json(cases[i].in);
    if (strcmp(got, cases[i].out) != 0)
      fail_msg("case %zu: got %s, expected %s", i, got, cases[i].out);
    free(got);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strings),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
