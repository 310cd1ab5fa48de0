/* layout.c: see alliance-report/layout.h. */
#include "config.h"

#include "alliance-report/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ------------------------------------------------------------------ */

/* The shortest "%g" form of v that reads back as v. */
static void shortest(char *buf, size_t n, double v) {
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, n, "%.*g", prec, v);
    if (strtod(buf, NULL) == v)
      return;
  }
}

/* Makes the decimal point of a number printed in any locale a '.'. */
static void c_point(char *s) {
  char *o = s;
  int seen = 0;
  for (const char *p = s; *p; p++) {
    int digit = *p >= '0' && *p <= '9';
    if (digit || *p == '-' || *p == '+' || *p == 'e') {
      *o++ = *p;
    } else if (!seen) {
      *o++ = '.';
      seen = 1;
      while (p[1] && !(p[1] >= '0' && p[1] <= '9')) /* a point of several bytes */
        p++;
    }
  }
  *o = '\0';
}

void ar_layout_number(char *buf, size_t n, double v, int decimals) {
  if (!buf || n == 0)
    return;
  if (isnan(v)) {
    snprintf(buf, n, "nan");
    return;
  }
  if (isinf(v)) {
    snprintf(buf, n, "%s", v < 0 ? "-inf" : "inf");
    return;
  }
  char raw[48];
  if (fabs(v) >= 1e15) {
    shortest(raw, sizeof raw, v);
    c_point(raw);
    snprintf(buf, n, "%s", raw);
    return;
  }
  decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
  snprintf(raw, sizeof raw, "%.*f", decimals, v);
  c_point(raw);
  const char *digits = raw[0] == '-' ? raw + 1 : raw;
  int negative = digits != raw && strspn(digits, "0.") != strlen(digits);
  size_t intlen = strcspn(digits, "."), o = 0;
  char out[64];
  if (negative)
    out[o++] = '-';
  for (size_t i = 0; i < intlen; i++) {
    if (i > 0 && (intlen - i) % 3 == 0)
      out[o++] = ',';
    out[o++] = digits[i];
  }
  snprintf(out + o, sizeof out - o, "%s", digits + intlen);
  snprintf(buf, n, "%s", out);
}

int ar_layout_chart_decimals(const ar_node *ch) {
  int d = 0;
  for (size_t s = 0; s < ar_chart_series_count(ch); s++)
    for (size_t i = 0; i < ar_chart_category_count(ch); i++) {
      double v;
      if (ar_chart_value(ch, s, i, &v)) {
        double r = fabs(v - round(v));
        if (r > 1e-9 && d < 1)
          d = 1;
        if (fabs(v * 10 - round(v * 10)) > 1e-6)
          d = 2;
      }
    }
  return d;
}

/* ---- dates -------------------------------------------------------------------- */

/* Reads the n digits at s into *out; 0 when one is not a digit. */
static int digits_at(const char *s, int n, int *out) {
  *out = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    *out = *out * 10 + (s[i] - '0');
  }
  return 1;
}

/* Reads a YYYY-MM-DD day into *y, *m, *d; 0 when date is none. */
static int read_date(const char *date, int *y, int *m, int *d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (!date || strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
      !digits_at(date, 4, y) || !digits_at(date + 5, 2, m) || !digits_at(date + 8, 2, d))
    return 0;
  if (*y < 1 || *m < 1 || *m > 12 || *d < 1)
    return 0;
  int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  return *d <= days[*m - 1] + (*m == 2 && leap);
}

int ar_layout_is_date(const char *date) {
  int y, m, d;
  return read_date(date, &y, &m, &d);
}

size_t ar_layout_month_name(const char *months, int m, const char **name) {
  if (m < 1 || m > 12)
    return 0;
  const char *p = months;
  for (int i = 1; p && i < m; i++)
    if ((p = strchr(p, ',')))
      p++;
  if (!p)
    return 0;
  p += strspn(p, " ");
  size_t len = strcspn(p, ",");
  while (len > 0 && p[len - 1] == ' ')
    len--;
  *name = p;
  return len;
}

char *ar_layout_long_date(const ar_node *doc, const char *date) {
  int y, m, d;
  if (!date)
    return NULL;
  if (!read_date(date, &y, &m, &d))
    return strdup(date);
  const char *name = "";
  size_t len = ar_layout_month_name(ar_document_word(doc, AR_WORD_MONTHS), m, &name);
  char day[8], year[8], *month = strndup(name, len);
  if (!month)
    return NULL;
  snprintf(day, sizeof day, "%d", d);
  snprintf(year, sizeof year, "%d", y);
  const ar_layout_var vars[] = {{"day", day}, {"month", month}, {"year", year}};
  char *shown = ar_layout_word(doc, AR_WORD_LONG_DATE, vars, 3);
  free(month);
  return shown;
}

/* ---- the title block ------------------------------------------------------------ */

static const char *given(const char *s) { return s && *s ? s : NULL; }

int ar_layout_title_init(ar_layout_title *t, const ar_node *doc) {
  memset(t, 0, sizeof *t);
  const char *author = given(ar_document_author(doc)), *publisher = given(ar_document_publisher(doc));
  if (author && publisher) {
    size_t len = strlen(author) + 2 + strlen(publisher) + 1;
    if (!(t->byline_buf = malloc(len)))
      return -1;
    snprintf(t->byline_buf, len, "%s, %s", author, publisher);
    t->byline = t->byline_buf;
  } else {
    t->byline = author ? author : publisher;
  }
  t->marking = given(ar_document_marking(doc));
  t->title = ar_document_title(doc) ? ar_document_title(doc) : "";
  t->subtitle = given(ar_document_subtitle(doc));
  t->date = given(ar_document_date(doc));
  t->datetime = ar_layout_is_date(t->date) ? t->date : NULL;
  if (t->date && !(t->date_text = t->date_buf = ar_layout_long_date(doc, t->date))) {
    ar_layout_title_clear(t);
    return -1;
  }
  return 0;
}

void ar_layout_title_clear(ar_layout_title *t) {
  if (!t)
    return;
  free(t->byline_buf);
  free(t->date_buf);
  memset(t, 0, sizeof *t);
}

/* ---- citations and notes ----------------------------------------------------------- */

size_t ar_layout_note_count(const ar_node *doc) { return ar_document_cited_count(doc); }

int ar_layout_note_at(const ar_node *doc, size_t number, ar_layout_note *note) {
  size_t r = ar_document_cited_reference(doc, number);
  memset(note, 0, sizeof *note);
  if (r == (size_t)-1)
    return 0;
  const char *text = ar_document_reference_text(doc, r);
  note->number = number;
  note->id = ar_document_reference_id(doc, r);
  note->text = text ? text : "";
  note->url = given(ar_document_reference_url(doc, r));
  return 1;
}

void ar_layout_note_marker(char *buf, size_t n, size_t number) {
  if (buf && n)
    snprintf(buf, n, "[%zu]", number);
}

/* ---- charts -------------------------------------------------------------------- */

/* Steps are never finer than this, nor than the doubles near an axis's
 * ends can tell apart (2^-40 of the larger end: some 4000 units in the
 * last place), so that every tick differs from the one before. */
#define MIN_STEP 1e-300
#define MIN_STEP_RELATIVE 0x1p-40

/* The round step (1, 2 or 5 times a power of ten) at or above raw > 0,
 * the largest finite one when that overflows. */
static double round_step(double raw) {
  if (!(raw >= MIN_STEP))
    return MIN_STEP;
  double mag = pow(10, floor(log10(raw))), f = raw / mag;
  double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  return isfinite(step) ? step : mag;
}

double ar_layout_nice_step(double range, int ticks) {
  if (!(range > 0) || !isfinite(range) || ticks < 1)
    return 1;
  return round_step(range / ticks);
}

void ar_layout_bar_range(const ar_node *chart, double *lo, double *hi) {
  ar_chart_range(chart, lo, hi);
  if (*lo > 0)
    *lo = 0;
  if (*hi < 0)
    *hi = 0;
  if (*hi - *lo <= 0)
    *hi = *lo + 1;
}

/* Widens [*lo, *hi] to whole steps of about a `ticks`th of it, never
 * empty, whatever finite values it holds: the step is kept coarse enough
 * for the doubles at the ends to tell the ticks apart, an end that the
 * rounding of end / step left inside the values moves a step out, and an
 * end that a whole step would take past the largest double stays where it
 * is (the other end then takes a step more when that leaves one tick
 * only). */
static void round_axis(double *lo, double *hi, double *step, int ticks) {
  double raw = *hi - *lo;
  raw = isfinite(raw) ? raw / ticks : *hi / ticks - *lo / ticks;
  double least = fmax(fabs(*lo), fabs(*hi)) * MIN_STEP_RELATIVE;
  *step = raw >= least ? round_step(raw) : round_step(least);
  double a = floor(*lo / *step) * *step, b = ceil(*hi / *step) * *step;
  if (a > *lo) /* the quotient was rounded to a whole number */
    a -= *step;
  if (b < *hi)
    b += *step;
  if (!isfinite(b) && isfinite(a) && *hi - a < *step) /* else one tick only */
    a -= *step;
  if (!isfinite(a) && isfinite(b) && b - *lo < *step)
    b += *step;
  *lo = isfinite(a) ? a : *lo;
  *hi = isfinite(b) ? b : *hi;
  if (*hi <= *lo) {
    if (isfinite(*lo + *step))
      *hi = *lo + *step;
    else
      *lo = *hi - *step;
  }
}

void ar_layout_bar_axis(const ar_node *chart, double *lo, double *hi, double *step,
                        int *decimals) {
  ar_layout_bar_range(chart, lo, hi);
  round_axis(lo, hi, step, 4);
  *decimals = ar_layout_tick_decimals(*step);
}

void ar_layout_line_axis(const ar_node *chart, double *lo, double *hi, double *step,
                         int *decimals) {
  ar_chart_range(chart, lo, hi);
  if (*lo > 0 && *lo < *hi * 0.5)
    *lo = 0;
  if (*hi - *lo <= 0) {
    *hi += 1;
    *lo -= *lo > 0 ? 1 : 0;
  }
  round_axis(lo, hi, step, 5);
  *decimals = ar_layout_tick_decimals(*step);
}

size_t ar_layout_ticks(double lo, double hi, double step, double *ticks, size_t max) {
  size_t n = 0;
  if (!ticks || !(step > 0) || !isfinite(step) || !isfinite(lo) || !isfinite(hi))
    return 0;
  for (double t = lo; n < max && isfinite(t) && (t <= hi || t - hi <= step / 2); t += step) {
    if (n > 0 && t == ticks[n - 1])
      break;
    ticks[n++] = t;
  }
  return n;
}

int ar_layout_tick_decimals(double step) { return step < 1 ? (step < 0.1 ? 2 : 1) : 0; }

double ar_layout_scale(double lo, double hi, double v) {
  double d = v - lo, span = hi - lo;
  if (!isfinite(d) || !isfinite(span)) { /* past the largest double: halve them */
    d = v / 2 - lo / 2;
    span = hi / 2 - lo / 2;
  }
  double f = d / span;
  return isfinite(f) ? f : 0;
}

void ar_layout_chart_axis(const ar_node *chart, ar_layout_axis *a) {
  if (ar_chart_get_kind(chart) == AR_CHART_LINE)
    ar_layout_line_axis(chart, &a->lo, &a->hi, &a->step, &a->decimals);
  else
    ar_layout_bar_axis(chart, &a->lo, &a->hi, &a->step, &a->decimals);
  /* An end kept short of a whole step (near the largest double): the
   * ticks still fall on whole steps. */
  double first = isfinite(floor(a->lo / a->step) * a->step) ? a->lo
                                                              : ceil(a->lo / a->step) * a->step;
  a->nticks = ar_layout_ticks(first, a->hi, a->step, a->ticks, AR_LAYOUT_MAX_TICKS);
  a->zero = a->nticks;
  for (size_t k = 0; k < a->nticks && a->zero == a->nticks; k++)
    if (fabs(a->ticks[k]) < a->step / 1000)
      a->zero = k;
}

int ar_layout_point_labels(const ar_node *chart) {
  return ar_chart_series_count(chart) == 1 && ar_chart_category_count(chart) <= 12;
}

int ar_layout_label_below(const ar_node *chart, size_t s, size_t i) {
  double v, prev, next;
  if (!ar_chart_value(chart, s, i, &v))
    return 0;
  int has_prev = i > 0 && ar_chart_value(chart, s, i - 1, &prev);
  int has_next = ar_chart_value(chart, s, i + 1, &next);
  int below = (has_prev && prev > v) || (has_next && next > v);
  int above = (has_prev && prev < v) || (has_next && next < v);
  return below && !above;
}

size_t ar_layout_label_step(double label_width, double slot_width, size_t count) {
  size_t step = 1;
  while (step < count && label_width > slot_width * (double)step)
    step++;
  return step;
}

/* ---- wording -------------------------------------------------------------------- */

#define MAX_PLACEHOLDER_NAME 32

size_t ar_layout_placeholder(const char *s, size_t *len) {
  *len = 0;
  if (!s)
    return 0;
  for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
    size_t name = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz-");
    if (name >= 1 && name <= MAX_PLACEHOLDER_NAME && p[1 + name] == '}') {
      *len = name + 2;
      return (size_t)(p - s);
    }
  }
  return strlen(s);
}

static const char *var_value(const ar_layout_var *vars, size_t nvars, const char *name,
                             size_t len) {
  for (size_t i = 0; vars && i < nvars; i++)
    if (vars[i].name && strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0)
      return vars[i].value ? vars[i].value : "";
  return NULL;
}

char *ar_layout_fill(const char *pattern, const ar_layout_var *vars, size_t nvars) {
  if (!pattern)
    pattern = "";
  size_t cap = strlen(pattern) + 1, len;
  for (const char *p = pattern; *p; p += len) {
    p += ar_layout_placeholder(p, &len);
    const char *v = len ? var_value(vars, nvars, p + 1, len - 2) : NULL;
    cap += v ? strlen(v) : 0;
  }
  char *out = malloc(cap), *o = out;
  if (!out)
    return NULL;
  for (const char *p = pattern; *p; p += len) {
    size_t at = ar_layout_placeholder(p, &len);
    memcpy(o, p, at);
    o += at;
    p += at;
    const char *v = len ? var_value(vars, nvars, p + 1, len - 2) : NULL;
    size_t vl = v ? strlen(v) : len; /* a placeholder without a var stays */
    memcpy(o, v ? v : p, vl);
    o += vl;
  }
  *o = '\0';
  return out;
}

char *ar_layout_word(const ar_node *doc, ar_word key, const ar_layout_var *vars, size_t nvars) {
  return ar_layout_fill(ar_document_word(doc, key), vars, nvars);
}

char *ar_layout_page_label(const ar_node *doc, size_t page, size_t pages) {
  char p[24], n[24];
  snprintf(p, sizeof p, "%zu", page);
  snprintf(n, sizeof n, "%zu", pages);
  const ar_layout_var vars[] = {{"page", p}, {"pages", n}};
  return ar_layout_word(doc, AR_WORD_PAGE, vars, 2);
}

/* ---- a chart in words --------------------------------------------------------- */

static void put_word(FILE *f, const ar_node *doc, ar_word key, const ar_layout_var *vars,
                     size_t nvars, int *failed) {
  char *s = ar_layout_word(doc, key, vars, nvars);
  if (!s)
    *failed = 1;
  else
    fputs(s, f);
  free(s);
}

static void put_value(FILE *f, const ar_node *ch, double v, int dec) {
  char buf[64];
  ar_layout_number(buf, sizeof buf, v, dec);
  fputs(buf, f);
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit)
    fprintf(f, " %s", unit);
}

char *ar_layout_chart_description(const ar_node *doc, const ar_node *ch) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f)
    return NULL;
  int failed = 0, dec = ar_layout_chart_decimals(ch);
  size_t nc = ar_chart_category_count(ch), ns = ar_chart_series_count(ch);
  put_word(f, doc, ar_chart_get_kind(ch) == AR_CHART_LINE ? AR_WORD_LINE_CHART : AR_WORD_BAR_CHART,
           NULL, 0, &failed);
  const char *unit = ar_chart_unit(ch);
  if (unit && *unit) {
    const ar_layout_var var = {"unit", unit};
    fputs(", ", f);
    put_word(f, doc, AR_WORD_CHART_UNIT, &var, 1, &failed);
  }
  if (nc * ns <= 12) {
    fputs(".", f);
    for (size_t s = 0; s < ns; s++) {
      if (ns > 1)
        fprintf(f, " %s:", ar_chart_series_name(ch, s));
      for (size_t i = 0; i < nc; i++) {
        double v;
        fprintf(f, " %s ", ar_chart_category(ch, i));
        if (ar_chart_value(ch, s, i, &v))
          put_value(f, ch, v, dec);
        else
          fputs(ar_document_word(doc, AR_WORD_NO_DATA), f);
        fputs(i + 1 < nc ? ";" : ".", f);
      }
    }
  } else {
    char ncs[24], nss[24], a[64], b[64];
    snprintf(ncs, sizeof ncs, "%zu", nc);
    snprintf(nss, sizeof nss, "%zu", ns);
    const ar_layout_var size[] = {{"categories", ncs}, {"series", nss}};
    fputs(", ", f);
    put_word(f, doc, ns > 1 ? AR_WORD_CHART_SIZE_SERIES : AR_WORD_CHART_SIZE, size, 2, &failed);
    double lo, hi;
    ar_chart_range(ch, &lo, &hi);
    ar_layout_number(a, sizeof a, lo, dec);
    ar_layout_number(b, sizeof b, hi, dec);
    const ar_layout_var range[] = {{"min", a}, {"max", b}};
    fputs(", ", f);
    put_word(f, doc, AR_WORD_CHART_RANGE, range, 2, &failed);
    fputs(".", f);
  }
  if (fclose(f) != 0 || failed) {
    free(text);
    return NULL;
  }
  return text;
}
