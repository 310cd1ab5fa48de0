/* alliance-report/layout.h: the layout rules every output format shares.
 *
 * One brief says the same in every format: its title block shows the same
 * fields in the same order, its dates and numbers take the same forms, its
 * citations carry the same numbers, its charts the same scales, and its
 * fixed words (ar_word in document.h) the same wording. Each format draws
 * these in its own way; the rules themselves live here, in
 * liballiance-report, for the built-in plugins and for any other.
 *
 * Ownership: functions that write into a caller's buffer of n bytes write
 * at most n bytes and end them with '\0' (when n is not 0). Functions
 * returning char * return a new string the caller frees with free(), or
 * NULL when out of memory. Structures filled from a document borrow its
 * strings, which stay valid while the tree does; what such a structure
 * owns is freed by its _clear function. Nothing here keeps state between
 * calls: every function may be called from several threads at once.
 */
#ifndef ALLIANCE_REPORT_LAYOUT_H
#define ALLIANCE_REPORT_LAYOUT_H

#include "export.h"

#include <stddef.h>

#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- numbers ------------------------------------------------------------------ */

/* v with the decimals given (0 to 6; others are taken as the nearest),
 * thousands separated by commas and '.' before the decimals, whatever the
 * locale: 1234.5 with 1 decimal is "1,234.5". No "-0": -0 and negative
 * values that round to zero are written without sign. Values of 1e15 or
 * more (in magnitude) are written as the shortest decimal that reads back
 * as v ("1e+20"); infinities as "inf" and "-inf", NaN as "nan". 32 bytes
 * hold any of these. */
AR_API void ar_layout_number(char *buf, size_t n, double v, int decimals);

/* How many decimals the chart's values are shown with: 0 when all are
 * whole, 1 when none has more than one, else 2 (values with more are
 * rounded). */
AR_API int ar_layout_chart_decimals(const ar_node *chart);

/* ---- dates -------------------------------------------------------------------- */

/* Tells whether date is a real calendar day written YYYY-MM-DD (years 0001
 * to 9999; 29 February only in leap years). */
AR_API int ar_layout_is_date(const char *date);

/* The long form of a date in the brief's wording (AR_WORD_LONG_DATE
 * filled with the day, the name from AR_WORD_MONTHS and the year; English
 * when doc is NULL): "2014-09-30" is "30 September 2014". A new string:
 * the long form, or a copy of date when ar_layout_is_date() refuses it;
 * NULL when date is NULL (or out of memory). */
AR_API char *ar_layout_long_date(const ar_node *doc, const char *date);

/* The name of month m (1 to 12) in months, a word of AR_WORD_MONTHS:
 * returns its length, without the spaces around it, and stores where it
 * starts in *name; returns 0 when months holds no such name. */
AR_API size_t ar_layout_month_name(const char *months, int m, const char **name);

/* ---- the title block ------------------------------------------------------------ */

/* What the head of a brief shows, in this order: the marking, the title,
 * the subtitle, the date and the byline. Fields a brief leaves out or
 * empty are NULL, except the title, which is "" then. */
typedef struct {
  const char *marking;   /* protective marking, "OFFICIAL" */
  const char *title;
  const char *subtitle;
  const char *date;      /* the date as the brief gives it */
  const char *datetime;  /* the date when it is a real day (ar_layout_is_date),
                            for machine-readable forms; NULL otherwise */
  const char *date_text; /* the date as shown: its long form, "30 September
                            2014" (ar_layout_long_date), or the date as given
                            when it is no real day */
  const char *byline;    /* "Author, Publisher", or the one of them given */
  /* Private. */
  char *date_buf, *byline_buf;
} ar_layout_title;

/* Fills t from doc. Returns 0, or -1 when out of memory (t is then empty
 * and needs no clearing). */
AR_API int ar_layout_title_init(ar_layout_title *t, const ar_node *doc);
/* Frees what t owns; its fields are NULL after. */
AR_API void ar_layout_title_clear(ar_layout_title *t);

/* ---- citations and notes ----------------------------------------------------------- */

/* One entry of a brief's notes: the reference its citations of number
 * `number` point to (see ar_cite_number). */
typedef struct {
  size_t number; /* 1-based */
  const char *id;
  const char *text; /* never NULL */
  const char *url;  /* NULL when the reference has none, or an empty one */
} ar_layout_note;

/* How many notes the brief has: one per distinct reference cited. */
AR_API size_t ar_layout_note_count(const ar_node *doc);
/* Fills *note with note number `number` (1 to ar_layout_note_count()) and
 * returns 1, or returns 0 (and clears *note) for another number. */
AR_API int ar_layout_note_at(const ar_node *doc, size_t number, ar_layout_note *note);
/* The mark of a citation or note, "[3]", into buf. 24 bytes hold any. */
AR_API void ar_layout_note_marker(char *buf, size_t n, size_t number);

/* ---- charts -------------------------------------------------------------------- */

/* At most this many ticks are ever drawn on an axis. */
#define AR_LAYOUT_MAX_TICKS 64

/* A round step (1, 2 or 5 times a power of ten) dividing range into about
 * `ticks` parts; 1 for an empty, negative or infinite range. Always finite
 * and never below 1e-300. */
AR_API double ar_layout_nice_step(double range, int ticks);

/* The value range of a bar chart: its values' range widened to take in
 * zero, and never empty. Bars run from zero to their value along it, in
 * every format (the text format included). */
AR_API void ar_layout_bar_range(const ar_node *chart, double *lo, double *hi);

/* The value axis of a bar chart that has ticks: the bar range widened to
 * round steps of about a quarter of it. *decimals: what the tick labels
 * need.
 *
 * This and ar_layout_line_axis() hold for any finite values: the axis is
 * finite, never empty, and takes in every value; its step is never finer
 * than the doubles near its ends can tell apart (about 2^-40 of the larger
 * end), so values closer than that are drawn at one height; an end that a
 * round step would take past the largest double stays at the value. */
AR_API void ar_layout_bar_axis(const ar_node *chart, double *lo, double *hi, double *step,
                        int *decimals);

/* The value axis of a line chart: from zero when the values start below
 * half their largest, else from near the smallest; both ends on round
 * steps of about a fifth of it. *decimals: what the tick labels need. */
AR_API void ar_layout_line_axis(const ar_node *chart, double *lo, double *hi, double *step,
                         int *decimals);

/* The ticks of an axis from lo to hi at step, lo first, into ticks (room
 * for max); returns how many. Stops at max, where a step no longer moves
 * the value (an axis far from zero with a tiny step), and before a tick
 * past the largest double. */
AR_API size_t ar_layout_ticks(double lo, double hi, double step, double *ticks, size_t max);

/* The decimals tick labels need at this step (0 to 2). */
AR_API int ar_layout_tick_decimals(double step);

/* Where v lies on an axis from lo to hi: 0 at lo, 1 at hi, beyond them
 * outside; 0 when the axis is empty or not finite. Finite for any finite
 * arguments, an axis from -DBL_MAX to DBL_MAX included. */
AR_API double ar_layout_scale(double lo, double hi, double v);

/* A chart's value axis with its ticks. */
typedef struct {
  double lo, hi, step;
  int decimals;  /* of the tick labels */
  size_t nticks; /* at least 2 for any chart with finite values */
  size_t zero;   /* the index of the tick at zero (drawn as the axis line),
                    or nticks when none is */
  double ticks[AR_LAYOUT_MAX_TICKS];
} ar_layout_axis;

/* Fills *axis for chart: ar_layout_bar_axis() for a bar chart,
 * ar_layout_line_axis() for a line chart, then ar_layout_ticks() on the
 * whole steps between its ends. */
AR_API void ar_layout_chart_axis(const ar_node *chart, ar_layout_axis *axis);

/* Tells whether a line chart writes each value by its point: when it has
 * one series of a dozen points or fewer. */
AR_API int ar_layout_point_labels(const ar_node *chart);

/* Tells whether the value of series s at category i goes below its point
 * rather than above: when the point is lower than a neighbour and higher
 * than none. (A format may still put it above a point too near the
 * bottom of the plot.) */
AR_API int ar_layout_label_below(const ar_node *chart, size_t s, size_t i);

/* Which categories of a line chart get a label: every step-th from the
 * first, step being the smallest that leaves each label (label_width, its
 * gap included) the room of `step` slots of slot_width; at most count. */
AR_API size_t ar_layout_label_step(double label_width, double slot_width, size_t count);

/* ---- wording -------------------------------------------------------------------- */

/* A value for a placeholder: {name} is replaced with value. */
typedef struct {
  const char *name; /* without the braces: "page" */
  const char *value;
} ar_layout_var;

/* Finds the first placeholder in s: '{', 1 to 32 of a-z and '-', '}'.
 * Returns its offset and stores its length, braces included, in *len; or
 * returns strlen(s) and stores 0 when s holds none (and for NULL, 0). */
AR_API size_t ar_layout_placeholder(const char *s, size_t *len);

/* pattern with each placeholder replaced with the value of the var of its
 * name; a placeholder without a var, and every other character, stay as
 * they are. pattern is never read as a printf format. A new string. */
AR_API char *ar_layout_fill(const char *pattern, const ar_layout_var *vars, size_t nvars);

/* The brief's word for key (ar_document_word), filled in with vars. A new
 * string. */
AR_API char *ar_layout_word(const ar_node *doc, ar_word key, const ar_layout_var *vars, size_t nvars);

/* What a chart shows, in words, for readers who cannot see it: its kind
 * and unit, then every value when there are at most 12, else how many
 * categories and series and the range of the values ("Bar chart, in
 * members. 2013 39; 2014 54."). The chart's title is not included. A new
 * string, or NULL when out of memory. */
AR_API char *ar_layout_chart_description(const ar_node *doc, const ar_node *chart);

/* The page footer's label, "Page 2 of 7", from the brief's AR_WORD_PAGE.
 * A new string. */
AR_API char *ar_layout_page_label(const ar_node *doc, size_t page, size_t pages);

#ifdef __cplusplus
}
#endif

#endif
