/* Fuzzes the chart scales of alliance-report/layout.h on charts built from
 * the input's doubles, extreme ones included. The input: a byte (bit 0: a
 * line chart, else bars; bits 1-3: series, less one), then doubles of 8
 * bytes, series after series, one value per category; a value that is not
 * finite is missing. The first doubles also go to the functions that take
 * numbers directly.
 *
 * Besides crashes and hangs, the scales fail the harness when they break
 * what layout.h promises: an axis with ticks in order, at most
 * AR_LAYOUT_MAX_TICKS of them and at least one for a chart with values,
 * that takes in every value; a bar range never empty; a round step that is
 * a finite number; numbers written in 32 bytes. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/layout.h"

#define MAX_VALUES 256
#define SLACK 1e-9 /* of the axis length, for rounding */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void broken(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "fuzz-chart-axis: ");
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

static ar_node *make_chart(int line, size_t nseries, size_t ncat, const double *v) {
  ar_node *chart = ar_node_new(AR_NODE_CHART);
  if (!chart || !ar_chart_set(chart, line ? AR_CHART_LINE : AR_CHART_BAR, "Test chart", "units"))
    abort();
  char name[32];
  for (size_t i = 0; i < ncat; i++) {
    snprintf(name, sizeof name, "c%zu", i + 1);
    if (!ar_chart_add_category(chart, name))
      abort();
  }
  for (size_t s = 0; s < nseries; s++) {
    snprintf(name, sizeof name, "s%zu", s + 1);
    if (ar_chart_add_series(chart, name) < 0)
      abort();
    for (size_t i = 0; i < ncat; i++)
      ar_chart_set_value(chart, s, i, v[s * ncat + i]); /* refuses what is not finite */
  }
  return chart;
}

static void check_number(double v, int decimals) {
  char buf[64];
  ar_layout_number(buf, sizeof buf, v, decimals);
  if (strlen(buf) >= 32)
    broken("%.17g with %d decimals is written in more than 32 bytes: %s", v, decimals, buf);
}

static void check_ticks(const double *ticks, size_t n, size_t max) {
  if (n > max)
    broken("%zu ticks, more than %zu", n, max);
  for (size_t k = 1; k < n; k++)
    if (!(ticks[k] > ticks[k - 1]))
      broken("tick %.17g is not above the one before, %.17g", ticks[k], ticks[k - 1]);
}

static void check_axis(const ar_node *chart) {
  ar_layout_axis a;
  ar_layout_chart_axis(chart, &a);
  check_ticks(a.ticks, a.nticks, AR_LAYOUT_MAX_TICKS);
  if (a.zero > a.nticks)
    broken("zero at tick %zu of %zu", a.zero, a.nticks);
  if (a.decimals < 0 || a.decimals > 2)
    broken("tick labels with %d decimals (step %.17g)", a.decimals, a.step);
  double v;
  int any = 0;
  for (size_t s = 0; s < ar_chart_series_count(chart); s++)
    for (size_t i = 0; i < ar_chart_category_count(chart); i++) {
      if (!ar_chart_value(chart, s, i, &v))
        continue;
      any = 1;
      double f = ar_layout_scale(a.lo, a.hi, v);
      if (f < -SLACK || f > 1 + SLACK)
        broken("the value %.17g lies outside the axis from %.17g to %.17g (at %g of it)", v, a.lo, a.hi, f);
      check_number(v, a.decimals);
      check_number(v, ar_layout_chart_decimals(chart));
      (void)ar_layout_label_below(chart, s, i);
    }
  if (any && a.nticks == 0)
    broken("no ticks on an axis from %.17g to %.17g (step %.17g)", a.lo, a.hi, a.step);
  for (size_t k = 0; k < a.nticks; k++)
    check_number(a.ticks[k], a.decimals);
  double lo, hi;
  ar_layout_bar_range(chart, &lo, &hi);
  if (!(lo < hi))
    broken("an empty bar range, %.17g to %.17g", lo, hi);
  (void)ar_layout_point_labels(chart);
}

/* The functions that take numbers, on the first doubles. */
static void check_direct(const double *d, size_t n, size_t ncat, uint8_t byte) {
  double x = n > 0 ? d[0] : 0, y = n > 1 ? d[1] : 1, z = n > 2 ? d[2] : 1;
  double step = ar_layout_nice_step(x, 1 + byte % 16);
  if (!(step > 0) || !isfinite(step))
    broken("a round step of %.17g for the range %.17g", step, x);
  (void)ar_layout_tick_decimals(step);
  double ticks[AR_LAYOUT_MAX_TICKS];
  check_ticks(ticks, ar_layout_ticks(x, y, z, ticks, AR_LAYOUT_MAX_TICKS), AR_LAYOUT_MAX_TICKS);
  (void)ar_layout_scale(x, y, z);
  size_t every = ar_layout_label_step(x, y, ncat);
  if (every < 1 || (ncat > 0 && every > ncat))
    broken("labels every %zu of %zu categories", every, ncat);
  for (int dec = -1; dec <= 7; dec++)
    check_number(x, dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 1 + 8 * MAX_VALUES)
    return -1;
  int line = data[0] & 1;
  size_t nseries = 1 + ((data[0] >> 1) & 7);
  double v[MAX_VALUES];
  size_t n = (size - 1) / 8;
  memcpy(v, data + 1, n * 8);
  size_t ncat = n / nseries;
  ar_node *chart = make_chart(line, nseries, ncat, v);
  check_axis(chart);
  check_direct(v, n, ncat, data[0]);
  ar_node_free(chart);
  return 0;
}
