#include "config.h"

#include "dates.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

ar_date_status ar_date_parse(const char *t, ar_date *out) {
  if (!t || strlen(t) != 10 || t[4] != '-' || t[7] != '-')
    return AR_DATE_SYNTAX;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !is_digit(t[i]))
      return AR_DATE_SYNTAX;
  int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  int m = (t[5] - '0') * 10 + (t[6] - '0');
  int d = (t[8] - '0') * 10 + (t[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return AR_DATE_IMPOSSIBLE;
  if (y < AR_YEAR_MIN || y > AR_YEAR_MAX)
    return AR_DATE_RANGE;
  if (out)
    *out = (ar_date){y, m, d};
  return AR_DATE_OK;
}

int ar_date_compare(const ar_date *a, const ar_date *b) {
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  return a->day < b->day ? -1 : a->day > b->day;
}

int ar_year_parse(const char *text, long *year) {
  if (!text || !*text)
    return -1;
  const char *p = text;
  if (*p == '-' || *p == '+')
    p++;
  if (!*p)
    return -1;
  for (const char *q = p; *q; q++)
    if (!is_digit(*q))
      return -1;
  errno = 0;
  long v = strtol(text, NULL, 10);
  if (errno == ERANGE)
    v = *text == '-' ? -2147483647L : 2147483647L;
  *year = v;
  return 0;
}

const char *ar_date_problem(ar_date_status status) {
  switch (status) {
  case AR_DATE_SYNTAX:
    return "is not a date written as YYYY-MM-DD";
  case AR_DATE_IMPOSSIBLE:
    return "is not a real calendar day";
  case AR_DATE_RANGE:
    return "has a year outside 1900 to 2100";
  default:
    return "is a valid date";
  }
}
