#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "data/dates.h"

static void test_valid_dates(void **unused) {
  ar_date d;
  assert_int_equal(ar_date_parse("2012-12-05", &d), AR_DATE_OK);
  assert_int_equal(d.year, 2012);
  assert_int_equal(d.month, 12);
  assert_int_equal(d.day, 5);
  assert_int_equal(ar_date_parse("2012-02-29", &d), AR_DATE_OK);
  assert_int_equal(ar_date_parse("2000-02-29", &d), AR_DATE_OK);
}

static void test_impossible_dates(void **unused) {
  ar_date d;
  assert_int_equal(ar_date_parse("2013-02-29", &d), AR_DATE_IMPOSSIBLE);
  assert_int_equal(ar_date_parse("1900-02-29", &d), AR_DATE_IMPOSSIBLE);
  assert_int_equal(ar_date_parse("2014-04-31", &d), AR_DATE_IMPOSSIBLE);
  assert_int_equal(ar_date_parse("2014-13-01", &d), AR_DATE_IMPOSSIBLE);
  assert_int_equal(ar_date_parse("2014-00-10", &d), AR_DATE_IMPOSSIBLE);
  assert_int_equal(ar_date_parse("2014-01-00", &d), AR_DATE_IMPOSSIBLE);
}

static void test_syntax_and_range(void **unused) {
  ar_date d;
  assert_int_equal(ar_date_parse(NULL, &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("", &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("2014-9-30", &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("30/09/2014", &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("99999-01-01", &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("2014-09-3x", &d), AR_DATE_SYNTAX);
  assert_int_equal(ar_date_parse("1899-12-31", &d), AR_DATE_RANGE);
  assert_int_equal(ar_date_parse("2101-01-01", &d), AR_DATE_RANGE);
  assert_int_equal(ar_date_parse("1900-01-01", &d), AR_DATE_OK);
  assert_int_equal(ar_date_parse("2100-12-31", &d), AR_DATE_OK);
}

static void test_compare(void **unused) {
  ar_date a = {2012, 12, 5}, b = {2014, 9, 30}, c = {2012, 12, 5};
  assert_true(ar_date_compare(&a, &b) < 0);
  assert_true(ar_date_compare(&b, &a) > 0);
  assert_int_equal(ar_date_compare(&a, &c), 0);
  ar_date d = {2012, 11, 30};
  assert_true(ar_date_compare(&d, &a) < 0);
}

static void test_years(void **unused) {
  long y;
  assert_int_equal(ar_year_parse("2014", &y), 0);
  assert_int_equal(y, 2014);
  assert_int_equal(ar_year_parse("99999", &y), 0);
  assert_int_equal(y, 99999);
  assert_int_equal(ar_year_parse("-5", &y), 0);
  assert_int_equal(y, -5);
  assert_int_equal(ar_year_parse("20x4", &y), -1);
  assert_int_equal(ar_year_parse("", &y), -1);
  assert_int_equal(ar_year_parse("-", &y), -1);
  assert_int_equal(ar_year_parse("99999999999999999999999", &y), 0);
  assert_true(y > AR_YEAR_MAX);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_dates),
      cmocka_unit_test(test_impossible_dates),
      cmocka_unit_test(test_syntax_and_range),
      cmocka_unit_test(test_compare),
      cmocka_unit_test(test_years),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
