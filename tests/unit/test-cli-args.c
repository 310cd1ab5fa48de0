/* The command line's value parsers: sizes (--max-memory), counts (-j,
 * --job-timeout) and empty values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>

#include "cli/cli-args.h"
#include "exit-codes.h"

typedef struct {
  const char *text;
  int ok;
  uint64_t bytes;
} size_case;

static const size_case sizes[] = {
    {"1", 1, 1},
    {"100000", 1, 100000},
    {"007", 1, 7},
    {"1K", 1, 1024},
    {"1k", 1, 1024},
    {"512M", 1, 512ull << 20},
    {"512m", 1, 512ull << 20},
    {"2G", 1, 2ull << 30},
    {"1KiB", 1, 1024},
    {"1kB", 1, 1024},
    {"1kb", 1, 1024},
    {"512MiB", 1, 512ull << 20},
    {"512MB", 1, 512ull << 20},
    {"2Gi", 1, 2ull << 30},
    {"18446744073709551615", 1, UINT64_MAX},
    {"17179869183G", 1, 17179869183ull << 30},
    /* refused */
    {"", 0, 0},
    {"0", 0, 0},
    {"0M", 0, 0},
    {"-1", 0, 0},
    {"-0", 0, 0},
    {" -5", 0, 0}, /* strtoull would negate it into a huge size */
    {" 5", 0, 0},
    {"+5", 0, 0},
    {"5 ", 0, 0},
    {"1k ", 0, 0},
    {"M", 0, 0},
    {"1.5G", 0, 0},
    {"1e3", 0, 0},
    {"0x10", 0, 0},
    {"16T", 0, 0},
    {"1GG", 0, 0},
    {"1KiBB", 0, 0},
    {"17179869184G", 0, 0},          /* 2^64 bytes */
    {"18446744073709551616", 0, 0},  /* one more than UINT64_MAX */
    {"99999999999999999999999", 0, 0},
};

static void test_sizes(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    uint64_t got = 42;
    int rc = ar_parse_size(sizes[i].text, &got);
    if ((rc == 0) != sizes[i].ok)
      fail_msg("ar_parse_size(\"%s\") returned %d", sizes[i].text, rc);
    if (sizes[i].ok && got != sizes[i].bytes)
      fail_msg("ar_parse_size(\"%s\") gave %llu, not %llu", sizes[i].text,
               (unsigned long long)got, (unsigned long long)sizes[i].bytes);
    if (!sizes[i].ok && got != 42)
      fail_msg("ar_parse_size(\"%s\") changed its output on failure", sizes[i].text);
  }
}

typedef struct {
  const char *text;
  long min, max;
  int ok;
  long value;
} count_case;

static const count_case counts[] = {
    {"1", 1, 1024, 1, 1},
    {"1024", 1, 1024, 1, 1024},
    {"0", 0, 604800, 1, 0},
    {"604800", 0, 604800, 1, 604800},
    {"-3", -5, 5, 1, -3},
    {"0", 1, 1024, 0, 0},
    {"1025", 1, 1024, 0, 0},
    {"-1", 0, 10, 0, 0},
    {"", 0, 10, 0, 0},
    {"5x", 0, 10, 0, 0},
    {"x5", 0, 10, 0, 0},
    {"2.0", 0, 10, 0, 0},
    {"99999999999999999999", 0, 10, 0, 0},
    {" 5", 0, 10, 0, 0}, /* strtol would skip the space and take a sign */
    {"+5", 0, 10, 0, 0},
    {"- 5", -10, 10, 0, 0},
    {"--5", -10, 10, 0, 0},
    {"5 ", 0, 10, 0, 0},
    {"-", -10, 10, 0, 0},
    {"-99999999999999999999", -10, 10, 0, 0},
};

static void test_counts(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
    long got = 42;
    int rc = ar_parse_count(counts[i].text, counts[i].min, counts[i].max, &got);
    if ((rc == 0) != counts[i].ok)
      fail_msg("ar_parse_count(\"%s\", %ld, %ld) returned %d", counts[i].text, counts[i].min,
               counts[i].max, rc);
    if (counts[i].ok && got != counts[i].value)
      fail_msg("ar_parse_count(\"%s\") gave %ld", counts[i].text, got);
    if (!counts[i].ok && got != 42)
      fail_msg("ar_parse_count(\"%s\") changed its output on failure", counts[i].text);
  }
}

/* An empty value is a usage error, named by the option's long name. */
static void test_empty_values(void **unused) {
  (void)unused;
  static const struct option longopts[] = {
      {"output-dir", required_argument, NULL, 'o'},
      {"manifest", required_argument, NULL, 300},
      {NULL, 0, NULL, 0},
  };
  assert_int_equal(ar_check_value(longopts, 'o', "out"), AR_EXIT_OK);
  assert_int_equal(ar_check_value(longopts, 'o', NULL), AR_EXIT_OK);
  assert_int_equal(ar_check_value(longopts, 'o', ""), AR_EXIT_USAGE);
  assert_int_equal(ar_check_value(longopts, 300, ""), AR_EXIT_USAGE);
  assert_int_equal(ar_check_value(longopts, 'x', ""), AR_EXIT_USAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sizes),
      cmocka_unit_test(test_counts),
      cmocka_unit_test(test_empty_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
