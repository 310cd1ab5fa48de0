/* layout.c: see alliance-report/layout.h. */
#include "config.h"

#include "alliance-report/layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

double ar_layout_nice_step(double range, int ticks) {
  if (range <= 0)
    return 1;
  double raw = range / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
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

void ar_layout_line_axis(const ar_node *chart, double *lo, double *hi, double *step, int *decimals) {
  ar_chart_range(chart, lo, hi);
  if (*lo > 0 && *lo < *hi * 0.5)
    *lo = 0;
  if (*hi - *lo <= 0) {
    *hi += 1;
    *lo -= *lo > 0 ? 1 : 0;
  }
  *step = ar_layout_nice_step(*hi - *lo, 5);
  *lo = floor(*lo / *step) * *step;
  *hi = ceil(*hi / *step) * *step;
  *decimals = ar_layout_tick_decimals(*step);
}

int ar_layout_tick_decimals(double step) { return step < 1 ? (step < 0.1 ? 2 : 1) : 0; }

void ar_layout_number(char *buf, size_t n, double v, int decimals) {
  char raw[64];
  if (fabs(v) >= 1e12 || !isfinite(v)) {
    snprintf(buf, n, "%.3g", v);
    return;
  }
  snprintf(raw, sizeof raw, "%.*f", decimals, v);
  if (strcmp(raw, "-0") == 0 || strcmp(raw, "-0.0") == 0 || strcmp(raw, "-0.00") == 0)
    memmove(raw, raw + 1, strlen(raw));
  const char *digits = raw[0] == '-' ? raw + 1 : raw;
  size_t intlen = strcspn(digits, "."), o = 0;
  char out[96];
  if (digits != raw)
    out[o++] = '-';
  for (size_t i = 0; i < intlen && o + 2 < sizeof out; i++) {
    if (i > 0 && (intlen - i) % 3 == 0 && intlen > 3)
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

const char *ar_layout_long_date(const char *date, char *buf, size_t n) {
  static const char *const months[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
  int y, m, d;
  char tail;
  if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
      d < 1 || d > 31)
    return date;
  snprintf(buf, n, "%d %s %d", d, months[m - 1], y);
  return buf;
}
