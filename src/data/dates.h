/* Calendar dates as the data format writes them: YYYY-MM-DD. */
#ifndef AR_DATES_H
#define AR_DATES_H

/* Years outside this range are refused as typing mistakes. */
#define AR_YEAR_MIN 1900
#define AR_YEAR_MAX 2100

typedef struct {
  int year, month, day;
} ar_date;

typedef enum {
  AR_DATE_OK,
  AR_DATE_SYNTAX,    /* not YYYY-MM-DD */
  AR_DATE_IMPOSSIBLE, /* no such day, such as 2013-02-30 */
  AR_DATE_RANGE      /* year outside AR_YEAR_MIN..AR_YEAR_MAX */
} ar_date_status;

/* Parses text (which may be NULL) into *out. */
ar_date_status ar_date_parse(const char *text, ar_date *out);

/* Negative, zero or positive as a is before, on or after b. */
int ar_date_compare(const ar_date *a, const ar_date *b);

/* Parses a year written as digits, with an optional minus sign. Returns 0
 * and sets *year on success; -1 for text that is not an integer. */
int ar_year_parse(const char *text, long *year);

/* A sentence fragment describing a status other than AR_DATE_OK. */
const char *ar_date_problem(ar_date_status status);

#endif
