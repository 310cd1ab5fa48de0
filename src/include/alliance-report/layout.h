/* alliance-report/layout.h: the layout rules every output format shares,
 * so that all formats of one brief agree: number, scale and date forms. */
#ifndef ALLIANCE_REPORT_LAYOUT_H
#define ALLIANCE_REPORT_LAYOUT_H

#include <stddef.h>

#include "document.h"

/* A round step (1, 2 or 5 times a power of ten) dividing range into about
 * ticks parts; 1 for an empty range. */
double ar_layout_nice_step(double range, int ticks);

/* The value axis of a line chart: from zero when the values start below
 * half their largest, else from near the smallest; both ends on round
 * steps. *decimals: what the tick labels need. */
void ar_layout_line_axis(const ar_node *chart, double *lo, double *hi, double *step, int *decimals);

/* The value range of a bar chart: its values' range widened to take in
 * zero, and never empty. */
void ar_layout_bar_range(const ar_node *chart, double *lo, double *hi);

/* The decimals tick labels need at this step (0 to 2). */
int ar_layout_tick_decimals(double step);

/* v with the decimals given and thousands separated by commas, into buf. */
void ar_layout_number(char *buf, size_t n, double v, int decimals);

/* How many decimals (0 to 2) the chart's values need. */
int ar_layout_chart_decimals(const ar_node *chart);

/* "2014-09-30" as "30 September 2014" in buf; other text (or NULL) is
 * returned as it is. */
const char *ar_layout_long_date(const char *date, char *buf, size_t n);

#endif
