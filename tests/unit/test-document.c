#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/document.h"
#include "alliance-report/layout.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

static ar_node *text(const char *s) {
  ar_node *t = ar_node_new(AR_NODE_TEXT);
  assert_true(ar_text_set_literal(t, s));
  return t;
}

static void test_containment(void **unused) {
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  ar_node *item = ar_node_new(AR_NODE_ITEM);
  ar_node *t = text("x");
  assert_false(ar_node_append(doc, t));       /* text is not a block */
  assert_false(ar_node_append(doc, item));    /* items go in lists */
  assert_true(ar_node_append(p, t));
  assert_false(ar_node_append(p, t));         /* already has a parent */
  assert_true(ar_node_append(doc, p));
  assert_false(ar_node_append(p, doc));       /* a document is always the root */
  assert_ptr_equal(ar_node_parent(t), p);
  assert_ptr_equal(ar_node_document(t), doc);
  assert_true(ar_node_can_contain(AR_NODE_ITEM, AR_NODE_LIST));
  assert_false(ar_node_can_contain(AR_NODE_ITEM, AR_NODE_SECTION));
  assert_false(ar_node_can_contain(AR_NODE_CELL, AR_NODE_PARAGRAPH));
  ar_node_free(item);
  ar_node_free(doc);
}

static void test_accessors_check_type(void **unused) {
  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_null(ar_document_title(p));
  assert_int_equal(ar_section_level(p), 0);
  assert_null(ar_text_literal(p));
  assert_int_equal(ar_chart_category_count(p), 0);
  assert_false(ar_section_set(p, 1, "id", "Title"));
  assert_false(ar_text_set_literal(p, "x"));
  assert_null(ar_node_new(AR_NODE_NONE));
  assert_string_equal(ar_node_type_name(AR_NODE_PARAGRAPH), "p");
  assert_string_equal(ar_node_type_name((ar_node_type)999), "none");
  ar_node *s = ar_node_new(AR_NODE_SECTION);
  assert_false(ar_section_set(s, 7, "id", "Too deep"));
  assert_false(ar_section_set(s, 0, "id", "Too shallow"));
  assert_true(ar_section_set(s, 1, "id", "Fine"));
  ar_node_free(s);
  ar_node_free(p);
}

static ar_node *section(ar_node *parent, const char *title) {
  ar_node *s = ar_node_new(AR_NODE_SECTION);
  assert_true(ar_section_set(s, 1, NULL, title));
  assert_true(ar_node_append(parent, s));
  return s;
}

static void test_iterator_and_numbers(void **unused) {
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_true(ar_document_set(doc, "title", "T"));
  assert_false(ar_document_set(doc, "colour", "red"));
  ar_node *a = section(doc, "A");
  ar_node *b = section(doc, "B");
  ar_node *b1 = section(b, "B1");
  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_true(ar_node_append(b1, p));
  assert_true(ar_node_append(p, text("hello")));
  ar_node *br = ar_node_new(AR_NODE_BREAK);
  assert_true(ar_node_append(p, br));
  assert_true(ar_node_append(p, text("world")));
  assert_true(ar_document_finish(doc, NULL));
  assert_string_equal(ar_section_number(a), "1");
  assert_string_equal(ar_section_number(b), "2");
  assert_string_equal(ar_section_number(b1), "2.1");
  assert_int_equal(ar_section_level(b1), 2);

  /* ENTER and EXIT pair up; leaves get ENTER only. */
  const char *expected[] = {"+brief", "+section", "-section", "+section", "+section", "+p",
                            "+text",  "+br",      "+text",    "-p",       "-section", "-section",
                            "-brief"};
  ar_iter *it = ar_iter_new(doc);
  size_t i = 0;
  for (ar_event ev; (ev = ar_iter_next(it)) != AR_EVENT_DONE; i++) {
    char got[32];
    snprintf(got, sizeof got, "%c%s", ev == AR_EVENT_ENTER ? '+' : '-',
             ar_node_type_name(ar_node_get_type(ar_iter_node(it))));
    assert_true(i < sizeof expected / sizeof *expected);
    assert_string_equal(got, expected[i]);
  }
  assert_int_equal(i, sizeof expected / sizeof *expected);
  assert_int_equal(ar_iter_next(it), AR_EVENT_DONE);
  ar_iter_free(it);

  /* Skipping children jumps to the EXIT. */
  it = ar_iter_new(doc);
  assert_int_equal(ar_iter_next(it), AR_EVENT_ENTER);
  assert_int_equal(ar_iter_next(it), AR_EVENT_ENTER); /* section A */
  assert_int_equal(ar_iter_next(it), AR_EVENT_EXIT);
  assert_int_equal(ar_iter_next(it), AR_EVENT_ENTER); /* section B */
  ar_iter_skip_children(it);
  assert_int_equal(ar_iter_next(it), AR_EVENT_EXIT);
  assert_ptr_equal(ar_iter_node(it), b);
  ar_iter_free(it);

  char *plain = ar_node_plain_text(doc);
  assert_string_equal(plain, "hello world");
  free(plain);
  ar_node_free(doc);
}

static void test_citations(void **unused) {
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_true(ar_document_add_reference(doc, "r1", "First", NULL));
  assert_true(ar_document_add_reference(doc, "r2", "Second", "https://example.org/"));
  assert_false(ar_document_add_reference(doc, "r1", "Again", NULL));
  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_true(ar_node_append(doc, p));
  const char *refs[] = {"r2", "r1", "r2"};
  ar_node *cites[3];
  for (int i = 0; i < 3; i++) {
    cites[i] = ar_node_new(AR_NODE_CITE);
    assert_true(ar_cite_set_reference_id(cites[i], refs[i]));
    assert_true(ar_node_append(p, cites[i]));
  }
  assert_true(ar_document_finish(doc, NULL));
  assert_int_equal(ar_cite_number(cites[0]), 1);
  assert_int_equal(ar_cite_number(cites[1]), 2);
  assert_int_equal(ar_cite_number(cites[2]), 1);
  assert_int_equal(ar_document_cited_count(doc), 2);
  assert_string_equal(ar_document_reference_id(doc, ar_document_cited_reference(doc, 1)), "r2");
  assert_string_equal(ar_document_reference_url(doc, 1), "https://example.org/");
  assert_int_equal(ar_document_cited_reference(doc, 3), (size_t)-1);

  ar_node *bad = ar_node_new(AR_NODE_CITE);
  assert_true(ar_cite_set_reference_id(bad, "nope"));
  assert_true(ar_node_append(p, bad));
  const ar_node *which = NULL;
  assert_false(ar_document_finish(doc, &which));
  assert_ptr_equal(which, bad);
  ar_node_free(doc);
}

/* Many references: each id once, found from its citations, numbered in
 * the order first cited. */
static void test_many_references(void **unused) {
  enum { N = 20000 };
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT), *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_true(ar_node_append(doc, p));
  char id[32];
  for (size_t i = 0; i < N; i++) {
    snprintf(id, sizeof id, "r%zu", i);
    assert_true(ar_document_add_reference(doc, id, "Source (fictional)", NULL));
  }
  for (size_t i = 0; i < N; i += 997) {
    snprintf(id, sizeof id, "r%zu", i);
    assert_false(ar_document_add_reference(doc, id, "Again", NULL));
  }
  assert_int_equal(ar_document_reference_count(doc), N);
  for (size_t i = N; i-- > 0;) { /* cited last to first */
    ar_node *cite = ar_node_new(AR_NODE_CITE);
    snprintf(id, sizeof id, "r%zu", i);
    assert_true(ar_cite_set_reference_id(cite, id));
    assert_true(ar_node_append(p, cite));
  }
  assert_true(ar_document_finish(doc, NULL));
  assert_int_equal(ar_document_cited_count(doc), N);
  assert_int_equal(ar_cite_number(ar_node_first_child(p)), 1);
  assert_string_equal(ar_document_reference_id(doc, ar_document_cited_reference(doc, 1)), "r19999");
  assert_string_equal(ar_document_reference_id(doc, ar_document_cited_reference(doc, N)), "r0");
  ar_node_free(doc);
}

static void test_chart_and_table(void **unused) {
  ar_node *c = ar_node_new(AR_NODE_CHART);
  assert_true(ar_chart_set(c, AR_CHART_LINE, "Members", "countries"));
  assert_true(ar_chart_add_category(c, "2012"));
  assert_true(ar_chart_add_category(c, "2014"));
  int s = ar_chart_add_series(c, "Members");
  assert_int_equal(s, 0);
  assert_false(ar_chart_add_category(c, "2016")); /* categories come first */
  assert_true(ar_chart_set_value(c, 0, 0, 48));
  assert_false(ar_chart_set_value(c, 0, 2, 1));
  assert_false(ar_chart_set_value(c, 0, 1, NAN));
  double v = -1;
  assert_true(ar_chart_value(c, 0, 0, &v));
  assert_true(v == 48);
  assert_false(ar_chart_value(c, 0, 1, &v)); /* missing */
  double lo, hi;
  ar_chart_range(c, &lo, &hi);
  assert_true(lo == 48 && hi == 48);
  assert_int_equal(ar_chart_get_kind(c), AR_CHART_LINE);
  ar_node_free(c);

  ar_node *t = ar_node_new(AR_NODE_TABLE);
  assert_true(ar_table_add_column(t, AR_ALIGN_LEFT, 0));
  assert_true(ar_table_add_column(t, AR_ALIGN_RIGHT, 1));
  ar_node *head = ar_node_new(AR_NODE_ROW), *body = ar_node_new(AR_NODE_ROW);
  assert_true(ar_row_set_header(head, 1));
  assert_true(ar_node_append(t, head));
  assert_true(ar_node_append(t, body));
  assert_int_equal(ar_table_column_count(t), 2);
  assert_int_equal(ar_table_column_align(t, 1), AR_ALIGN_RIGHT);
  assert_true(ar_table_column_is_numeric(t, 1));
  assert_false(ar_table_column_is_numeric(t, 5));
  assert_int_equal(ar_table_header_row_count(t), 1);
  assert_true(ar_row_is_header(head));
  assert_false(ar_row_is_header(body));
  ar_node_free(t);
}


/* ---- layout rules --------------------------------------------------------- */

static void test_number_forms(void **unused) {
  static const struct {
    double v;
    int decimals;
    const char *expected;
  } cases[] = {
      {0, 0, "0"},
      {-0.0, 0, "0"},
      {-0.0, 2, "0.00"},
      {-0.004, 2, "0.00"},   /* rounds to zero: no sign */
      {-0.006, 2, "-0.01"},
      {7, 0, "7"},
      {999, 0, "999"},
      {1000, 0, "1,000"},
      {-1000, 0, "-1,000"},
      {1234.5, 1, "1,234.5"},
      {-1234567, 0, "-1,234,567"},
      {54, 1, "54.0"},
      {0.25, 2, "0.25"},
      {1e12, 0, "1,000,000,000,000"},
      {999999999999999, 0, "999,999,999,999,999"},
      {1e15, 0, "1e+15"},
      {-2.5e20, 1, "-2.5e+20"},
      {1234567890123456789.0, 0, "1.2345678901234568e+18"},
      {1.5, -3, "2"},         /* decimals below 0 are 0 */
      {1.25, 9, "1.250000"},  /* and above 6 are 6 */
      {NAN, 0, "nan"},
      {INFINITY, 2, "inf"},
      {-INFINITY, 2, "-inf"},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char buf[32];
    memset(buf, 'x', sizeof buf);
    ar_layout_number(buf, sizeof buf, cases[i].v, cases[i].decimals);
    if (strcmp(buf, cases[i].expected) != 0)
      fail_msg("case %zu: %g with %d decimals is \"%s\", expected \"%s\"", i, cases[i].v,
               cases[i].decimals, buf, cases[i].expected);
  }
  char small[4];
  ar_layout_number(small, sizeof small, 1234567, 0);
  assert_string_equal(small, "1,2"); /* cut, never overrun */
  ar_layout_number(NULL, 0, 1, 0);
}

static ar_node *chart_of(ar_chart_kind kind, const double *values, size_t n) {
  ar_node *c = ar_node_new(AR_NODE_CHART);
  assert_true(ar_chart_set(c, kind, "Chart", NULL));
  for (size_t i = 0; i < n; i++) {
    char name[16];
    snprintf(name, sizeof name, "c%zu", i);
    assert_true(ar_chart_add_category(c, name));
  }
  assert_int_equal(ar_chart_add_series(c, "s"), 0);
  for (size_t i = 0; i < n; i++)
    if (!isnan(values[i]))
      assert_true(ar_chart_set_value(c, 0, i, values[i]));
  return c;
}

static void test_chart_decimals(void **unused) {
  static const struct {
    double values[3];
    int decimals;
  } cases[] = {
      {{1, 2, 3}, 0},
      {{1, 2.5, 3}, 1},
      {{1, 2.5, 3.25}, 2},
      {{0.001, 1, 2}, 2},
      {{-4, NAN, 1e6}, 0},
      {{NAN, NAN, NAN}, 0},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    ar_node *c = chart_of(AR_CHART_BAR, cases[i].values, 3);
    assert_int_equal(ar_layout_chart_decimals(c), cases[i].decimals);
    ar_node_free(c);
  }
  assert_int_equal(ar_layout_chart_decimals(NULL), 0);
}

static void test_long_dates(void **unused) {
  static const struct {
    const char *date, *shown; /* shown NULL: not a date, returned as it is */
  } cases[] = {
      {"2014-09-30", "30 September 2014"},
      {"2012-12-05", "5 December 2012"},
      {"2016-02-29", "29 February 2016"},
      {"2000-02-29", "29 February 2000"},
      {"0001-01-01", "1 January 1"},
      {"2015-02-29", NULL},
      {"1900-02-29", NULL},
      {"2014-09-31", NULL},
      {"2014-13-01", NULL},
      {"2014-00-10", NULL},
      {"2014-01-00", NULL},
      {"0000-01-01", NULL},
      {"2014-9-30", NULL},
      {" 2014-09-30", NULL},
      {"2014-09-30 ", NULL},
      {"+014-09-30", NULL},
      {"2014/09/30", NULL},
      {"30 September 2014", NULL},
      {"", NULL},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char *got = ar_layout_long_date(NULL, cases[i].date);
    assert_non_null(got);
    if (strcmp(got, cases[i].shown ? cases[i].shown : cases[i].date) != 0)
      fail_msg("case %zu: \"%s\" became \"%s\"", i, cases[i].date, got);
    assert_int_equal(ar_layout_is_date(cases[i].date), cases[i].shown != NULL);
    free(got);
  }
  assert_null(ar_layout_long_date(NULL, NULL));
  assert_false(ar_layout_is_date(NULL));

  /* In the brief's wording. */
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_true(ar_document_set_word(doc, AR_WORD_MONTHS,
                                   "janvier, février, mars, avril, mai, juin, juillet, août, "
                                   "septembre, octobre, novembre, décembre"));
  char *got = ar_layout_long_date(doc, "2014-08-01");
  assert_string_equal(got, "1 août 2014");
  free(got);
  assert_true(ar_document_set_word(doc, AR_WORD_LONG_DATE, "{month} {day}, {year}"));
  got = ar_layout_long_date(doc, "2014-12-31");
  assert_string_equal(got, "décembre 31, 2014");
  free(got);
  got = ar_layout_long_date(doc, "2014-12-32");
  assert_string_equal(got, "2014-12-32");
  free(got);
  ar_node_free(doc);

  const char *name;
  static const char *const months = " One ,Two,, Four, 5, 6, 7, 8, 9, 10, 11, Twelve ";
  assert_int_equal(ar_layout_month_name(months, 1, &name), 3);
  assert_memory_equal(name, "One", 3);
  assert_int_equal(ar_layout_month_name(months, 3, &name), 0);
  assert_int_equal(ar_layout_month_name(months, 12, &name), 6);
  assert_memory_equal(name, "Twelve", 6);
  assert_int_equal(ar_layout_month_name(months, 13, &name), 0);
  assert_int_equal(ar_layout_month_name(months, 0, &name), 0);
  assert_int_equal(ar_layout_month_name("a, b", 3, &name), 0);
}

static void test_title_block(void **unused) {
  static const struct {
    const char *author, *publisher, *byline;
  } bylines[] = {
      {"A. Author", "The Publisher", "A. Author, The Publisher"},
      {"A. Author", NULL, "A. Author"},
      {NULL, "The Publisher", "The Publisher"},
      {"", "The Publisher", "The Publisher"},
      {NULL, NULL, NULL},
  };
  for (size_t i = 0; i < COUNT(bylines); i++) {
    ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
    assert_true(ar_document_set(doc, "title", "Title"));
    assert_true(ar_document_set(doc, "author", bylines[i].author));
    assert_true(ar_document_set(doc, "publisher", bylines[i].publisher));
    ar_layout_title t;
    assert_int_equal(ar_layout_title_init(&t, doc), 0);
    if (bylines[i].byline)
      assert_string_equal(t.byline, bylines[i].byline);
    else
      assert_null(t.byline);
    ar_layout_title_clear(&t);
    assert_null(t.byline);
    ar_node_free(doc);
  }

  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_true(ar_document_set(doc, "title", "The Global Alliance"));
  assert_true(ar_document_set(doc, "subtitle", ""));
  assert_true(ar_document_set(doc, "marking", "OFFICIAL"));
  assert_true(ar_document_set(doc, "date", "2014-09-30"));
  ar_layout_title t;
  assert_int_equal(ar_layout_title_init(&t, doc), 0);
  assert_string_equal(t.marking, "OFFICIAL");
  assert_string_equal(t.title, "The Global Alliance");
  assert_null(t.subtitle); /* empty is absent */
  assert_string_equal(t.date, "2014-09-30");
  assert_string_equal(t.datetime, "2014-09-30");
  assert_string_equal(t.date_text, "30 September 2014");
  ar_layout_title_clear(&t);

  assert_true(ar_document_set(doc, "date", "2014-02-30"));
  assert_int_equal(ar_layout_title_init(&t, doc), 0);
  assert_null(t.datetime);
  assert_string_equal(t.date_text, "2014-02-30"); /* shown as given */
  ar_layout_title_clear(&t);
  ar_node_free(doc);

  assert_int_equal(ar_layout_title_init(&t, NULL), 0); /* no document: empty */
  assert_string_equal(t.title, "");
  assert_null(t.date_text);
  ar_layout_title_clear(&t);
}

static void test_notes(void **unused) {
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_true(ar_document_add_reference(doc, "uncited", "Never cited", NULL));
  assert_true(ar_document_add_reference(doc, "a", "Report A", "https://example.org/a"));
  assert_true(ar_document_add_reference(doc, "b", "Report B", ""));
  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_true(ar_node_append(doc, p));
  const char *order[] = {"b", "a", "b"};
  for (size_t i = 0; i < COUNT(order); i++) {
    ar_node *cite = ar_node_new(AR_NODE_CITE);
    assert_true(ar_cite_set_reference_id(cite, order[i]));
    assert_true(ar_node_append(p, cite));
  }
  assert_true(ar_document_finish(doc, NULL));
  static const struct {
    const char *id, *text, *url;
  } expected[] = {{"b", "Report B", NULL}, {"a", "Report A", "https://example.org/a"}};
  assert_int_equal(ar_layout_note_count(doc), COUNT(expected));
  for (size_t k = 1; k <= COUNT(expected); k++) {
    ar_layout_note note;
    assert_true(ar_layout_note_at(doc, k, &note));
    assert_int_equal(note.number, k);
    assert_string_equal(note.id, expected[k - 1].id);
    assert_string_equal(note.text, expected[k - 1].text);
    if (expected[k - 1].url)
      assert_string_equal(note.url, expected[k - 1].url);
    else
      assert_null(note.url); /* an empty URL is none */
  }
  ar_layout_note note;
  assert_false(ar_layout_note_at(doc, 0, &note));
  assert_false(ar_layout_note_at(doc, 3, &note));
  assert_null(note.text);
  assert_false(ar_layout_note_at(NULL, 1, &note));
  assert_int_equal(ar_layout_note_count(p), 0);

  char marker[24];
  ar_layout_note_marker(marker, sizeof marker, 12);
  assert_string_equal(marker, "[12]");
  ar_layout_note_marker(marker, sizeof marker, (size_t)-1);
  assert_string_equal(marker, "[18446744073709551615]");
  ar_node_free(doc);
}

static void test_chart_axes(void **unused) {
  double lo, hi, step;
  int dec;
  const double positive[] = {39, 12, NAN, 3};
  ar_node *c = chart_of(AR_CHART_BAR, positive, COUNT(positive));
  ar_layout_bar_range(c, &lo, &hi);
  assert_true(lo == 0 && hi == 39); /* from zero */
  ar_layout_bar_axis(c, &lo, &hi, &step, &dec);
  assert_true(lo == 0 && hi == 40 && step == 10 && dec == 0);
  ar_node_free(c);

  const double mixed[] = {-2.5, 7.5};
  c = chart_of(AR_CHART_BAR, mixed, COUNT(mixed));
  ar_layout_bar_range(c, &lo, &hi);
  assert_true(lo == -2.5 && hi == 7.5);
  ar_layout_bar_axis(c, &lo, &hi, &step, &dec);
  assert_true(lo == -5 && hi == 10 && step == 5 && dec == 0);
  ar_node_free(c);

  const double zeros[] = {0, 0};
  c = chart_of(AR_CHART_BAR, zeros, COUNT(zeros));
  ar_layout_bar_range(c, &lo, &hi);
  assert_true(lo == 0 && hi == 1); /* never empty */
  ar_node_free(c);

  const double growth[] = {48, 50, 54};
  c = chart_of(AR_CHART_LINE, growth, COUNT(growth));
  ar_layout_line_axis(c, &lo, &hi, &step, &dec);
  assert_true(lo == 48 && hi == 54 && step == 2 && dec == 0); /* not from zero */
  ar_node_free(c);

  const double low[] = {0.12, 0.3};
  c = chart_of(AR_CHART_LINE, low, COUNT(low));
  ar_layout_line_axis(c, &lo, &hi, &step, &dec);
  assert_true(lo == 0 && fabs(step - 0.1) < 1e-12 && dec == 1); /* from zero */
  ar_node_free(c);

  const double close[] = {0.12, 0.18};
  c = chart_of(AR_CHART_LINE, close, COUNT(close));
  ar_layout_line_axis(c, &lo, &hi, &step, &dec);
  assert_true(fabs(step - 0.02) < 1e-12 && dec == 2);
  assert_true(lo > 0 && lo <= 0.12 && hi >= 0.18 && hi < 0.2);
  ar_node_free(c);

  static const struct {
    double range;
    int ticks;
    double step;
  } steps[] = {{10, 5, 2}, {7, 4, 2}, {1000, 5, 200}, {0.3, 5, 0.1}, {0, 5, 1},
               {-3, 5, 1}, {INFINITY, 5, 1}, {NAN, 5, 1}, {10, 0, 1}};
  for (size_t i = 0; i < COUNT(steps); i++)
    if (fabs(ar_layout_nice_step(steps[i].range, steps[i].ticks) - steps[i].step) > 1e-12)
      fail_msg("step %zu: %g", i, ar_layout_nice_step(steps[i].range, steps[i].ticks));
  assert_int_equal(ar_layout_tick_decimals(5), 0);
  assert_int_equal(ar_layout_tick_decimals(0.5), 1);
  assert_int_equal(ar_layout_tick_decimals(0.05), 2);
}

static void test_ticks_and_scale(void **unused) {
  double t[AR_LAYOUT_MAX_TICKS];
  assert_int_equal(ar_layout_ticks(0, 40, 10, t, AR_LAYOUT_MAX_TICKS), 5);
  assert_true(t[0] == 0 && t[4] == 40);
  assert_int_equal(ar_layout_ticks(-4, 8, 2, t, AR_LAYOUT_MAX_TICKS), 7);
  assert_true(t[2] == 0);
  /* Bounded: by max, and where a step no longer moves the value. */
  assert_int_equal(ar_layout_ticks(0, 1e9, 1, t, AR_LAYOUT_MAX_TICKS), AR_LAYOUT_MAX_TICKS);
  assert_int_equal(ar_layout_ticks(1e17, 1e17, 1, t, AR_LAYOUT_MAX_TICKS), 1);
  assert_int_equal(ar_layout_ticks(0, 10, 0, t, AR_LAYOUT_MAX_TICKS), 0);
  assert_int_equal(ar_layout_ticks(0, 10, -1, t, AR_LAYOUT_MAX_TICKS), 0);
  assert_int_equal(ar_layout_ticks(0, 10, NAN, t, AR_LAYOUT_MAX_TICKS), 0);
  assert_int_equal(ar_layout_ticks(-INFINITY, 10, 1, t, AR_LAYOUT_MAX_TICKS), 0);
  assert_int_equal(ar_layout_ticks(0, 10, 1, NULL, 5), 0);
  assert_int_equal(ar_layout_ticks(0, 10, 1, t, 0), 0);

  assert_true(ar_layout_scale(0, 40, 10) == 0.25);
  assert_true(ar_layout_scale(-4, 8, 0) == 4.0 / 12);
  assert_true(ar_layout_scale(0, 40, 50) == 1.25);
  assert_true(ar_layout_scale(5, 5, 5) == 0); /* an empty axis */
  assert_true(ar_layout_scale(0, 10, NAN) == 0);
}

static void test_chart_axis_and_labels(void **unused) {
  const double growth[] = {48, 50, 47, 54, NAN, 52, 53};
  ar_node *c = chart_of(AR_CHART_LINE, growth, COUNT(growth));
  ar_layout_axis ax;
  ar_layout_chart_axis(c, &ax);
  assert_true(ax.lo == 46 && ax.hi == 54 && ax.step == 2 && ax.decimals == 0);
  assert_int_equal(ax.nticks, 5);
  assert_int_equal(ax.zero, ax.nticks); /* no tick at zero */
  assert_true(ar_layout_point_labels(c));
  /* Below a point lower than a neighbour and higher than none. */
  static const int below[] = {1, 0, 1, 0, 0, 1, 0};
  for (size_t i = 0; i < COUNT(below); i++)
    if (ar_layout_label_below(c, 0, i) != below[i])
      fail_msg("point %zu: below is %d", i, ar_layout_label_below(c, 0, i));
  assert_false(ar_layout_label_below(c, 0, 99));
  assert_false(ar_layout_label_below(c, 1, 0));
  ar_node_free(c);

  const double mixed[] = {-2.5, 7.5};
  c = chart_of(AR_CHART_BAR, mixed, COUNT(mixed));
  ar_layout_chart_axis(c, &ax);
  assert_true(ax.lo == -5 && ax.hi == 10 && ax.step == 5);
  assert_int_equal(ax.nticks, 4);
  assert_int_equal(ax.zero, 1);
  assert_true(ax.ticks[ax.zero] == 0);
  ar_node_free(c);

  const double many[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  c = chart_of(AR_CHART_LINE, many, COUNT(many));
  assert_false(ar_layout_point_labels(c)); /* more than a dozen points */
  ar_node_free(c);

  assert_int_equal(ar_layout_label_step(10, 20, 8), 1);
  assert_int_equal(ar_layout_label_step(30, 20, 8), 2);
  assert_int_equal(ar_layout_label_step(41, 20, 8), 3);
  assert_int_equal(ar_layout_label_step(1000, 1, 8), 8); /* at most count */
  assert_int_equal(ar_layout_label_step(10, 0, 8), 8);
  assert_int_equal(ar_layout_label_step(10, 1, 0), 1);
}

/* Values at the edges of what doubles hold: every axis is finite and not
 * empty, takes in every value, has between 2 and AR_LAYOUT_MAX_TICKS
 * ticks, each above the one before and written without "nan" or "inf". */
static void test_chart_axes_at_the_limits(void **unused) {
  static const struct {
    double values[3];
  } cases[] = {
      {{1e17, NAN, NAN}},
      {{1e15, 1e15 + 0.2, NAN}},
      {{1e300, NAN, NAN}},
      {{1e300, 1e300, 1e300}},
      {{DBL_MAX, NAN, NAN}},
      {{-DBL_MAX, NAN, NAN}},
      {{-DBL_MAX, DBL_MAX, 0}},
      {{1e308, -1e308, NAN}},
      {{0, DBL_MAX, NAN}},
      {{DBL_MAX, DBL_MAX * 0.999, NAN}},
      {{5e-324, NAN, NAN}},
      {{0, 5e-324, -5e-324}},
      {{-1e17, -1e17 + 16, NAN}},
      {{4503599627370496.0, 4503599627370497.0, NAN}}, /* 2^52 and the next */
      {{-15059648512.000002, NAN, NAN}}, /* end / step rounds to a whole number */
      {{15059648512.000002, NAN, NAN}},
  };
  static const ar_chart_kind kinds[] = {AR_CHART_BAR, AR_CHART_LINE};
  for (size_t i = 0; i < COUNT(cases); i++)
    for (size_t k = 0; k < COUNT(kinds); k++) {
      ar_node *c = chart_of(kinds[k], cases[i].values, 3);
      ar_layout_axis ax;
      ar_layout_chart_axis(c, &ax);
      if (!isfinite(ax.lo) || !isfinite(ax.hi) || !(ax.lo < ax.hi) || !isfinite(ax.step) ||
          !(ax.step > 0))
        fail_msg("case %zu, kind %zu: axis %g to %g, step %g", i, k, ax.lo, ax.hi, ax.step);
      if (ax.nticks < 2 || ax.nticks > AR_LAYOUT_MAX_TICKS)
        fail_msg("case %zu, kind %zu: %zu ticks", i, k, ax.nticks);
      for (size_t t = 0; t < ax.nticks; t++) {
        char label[32];
        ar_layout_number(label, sizeof label, ax.ticks[t], ax.decimals);
        if (!isfinite(ax.ticks[t]) || (t > 0 && !(ax.ticks[t] > ax.ticks[t - 1])) ||
            strstr(label, "nan") || strstr(label, "inf"))
          fail_msg("case %zu, kind %zu: tick %zu is %s", i, k, t, label);
      }
      for (size_t v = 0; v < 3; v++) {
        double at = ar_layout_scale(ax.lo, ax.hi, cases[i].values[v]);
        if (!isnan(cases[i].values[v]) && !(at >= -1e-9 && at <= 1 + 1e-9))
          fail_msg("case %zu, kind %zu: value %zu at %g of the axis", i, k, v, at);
      }
      double lo, hi;
      ar_layout_bar_range(c, &lo, &hi);
      for (size_t v = 0; v < 3; v++) {
        double at = ar_layout_scale(lo, hi, cases[i].values[v]);
        if (!isnan(cases[i].values[v]) && !(at >= 0 && at <= 1))
          fail_msg("case %zu: value %zu at %g of the bar range", i, v, at);
      }
      ar_node_free(c);
    }

  /* One tick per round step from -1e308 to 1e308, the ends kept short of a
   * step past the largest double. */
  const double widest[] = {-DBL_MAX, DBL_MAX};
  ar_node *c = chart_of(AR_CHART_BAR, widest, COUNT(widest));
  ar_layout_axis ax;
  ar_layout_chart_axis(c, &ax);
  assert_true(ax.lo == -DBL_MAX && ax.hi == DBL_MAX && ax.step == 1e308);
  assert_int_equal(ax.nticks, 3);
  assert_true(ax.ticks[0] == -1e308 && ax.ticks[1] == 0 && ax.ticks[2] == 1e308);
  assert_int_equal(ax.zero, 1);
  assert_true(ar_layout_scale(ax.lo, ax.hi, 0) == 0.5);
  assert_true(ar_layout_scale(ax.lo, ax.hi, DBL_MAX) == 1);
  ar_node_free(c);

  /* A step finer than the doubles at the values is made coarser. */
  const double close[] = {1e15, 1e15 + 0.2};
  c = chart_of(AR_CHART_LINE, close, COUNT(close));
  ar_layout_chart_axis(c, &ax);
  assert_true(ax.lo + ax.step > ax.lo && ax.step >= 1e15 * 0x1p-40);
  ar_node_free(c);

  /* Round steps stay finite and above zero for any range. */
  assert_true(ar_layout_nice_step(DBL_MAX, 1) == 1e308);
  assert_true(ar_layout_nice_step(5e-324, 16) > 0);
  assert_true(ar_layout_nice_step(1e-320, 3) == 1e-300);
  assert_true(ar_layout_scale(-DBL_MAX, DBL_MAX, DBL_MAX / 2) == 0.75);
  double t[AR_LAYOUT_MAX_TICKS];
  size_t n = ar_layout_ticks(1e308, 1.7e308, 1e308, t, AR_LAYOUT_MAX_TICKS);
  assert_int_equal(n, 1); /* the next would be past the largest double */
}

/* ---- wording ----------------------------------------------------------------- */

static void test_word_fallback(void **unused) {
  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  assert_string_equal(ar_document_word(doc, AR_WORD_NOTES), "Notes");
  assert_string_equal(ar_document_word(NULL, AR_WORD_CONTENTS), "Contents");
  assert_string_equal(ar_document_word(doc, AR_WORD_PAGE), "Page {page} of {pages}");
  assert_string_equal(ar_document_word(doc, AR_WORD_NO_DATA), "no data");
  assert_string_equal(ar_document_word(doc, (ar_word)999), "");
  assert_null(ar_document_word_given(doc, AR_WORD_NOTES));

  assert_true(ar_document_set_word(doc, AR_WORD_NOTES, "Remarques"));
  assert_string_equal(ar_document_word(doc, AR_WORD_NOTES), "Remarques");
  assert_string_equal(ar_document_word_given(doc, AR_WORD_NOTES), "Remarques");
  assert_string_equal(ar_document_word(doc, AR_WORD_CONTENTS), "Contents"); /* others stay */
  assert_true(ar_document_set_word(doc, AR_WORD_NOTES, NULL));
  assert_string_equal(ar_document_word(doc, AR_WORD_NOTES), "Notes");

  ar_node *p = ar_node_new(AR_NODE_PARAGRAPH);
  assert_false(ar_document_set_word(p, AR_WORD_NOTES, "x"));
  assert_false(ar_document_set_word(doc, (ar_word)999, "x"));
  ar_node_free(p);

  /* Every key has a name that finds it again, and an English word that
   * passes its own check. */
  size_t keys = 0;
  for (ar_word k = 0; ar_document_word_name(k); k++, keys++) {
    ar_word back;
    assert_true(ar_document_word_key(ar_document_word_name(k), &back));
    assert_int_equal(back, k);
    assert_true(ar_document_word_check(k, ar_document_word(NULL, k), NULL, 0));
    assert_non_null(ar_document_word_placeholders(k));
  }
  assert_int_equal(keys, AR_WORD_LONG_DATE + 1);
  assert_false(ar_document_word_key("nope", NULL));
  assert_false(ar_document_word_key(NULL, NULL));
  assert_null(ar_document_word_placeholders((ar_word)999));
  assert_string_equal(ar_document_word_placeholders(AR_WORD_PAGE), "page pages");
  ar_node_free(doc);
}

static void test_word_checks(void **unused) {
  static const struct {
    ar_word key;
    const char *value, *why; /* why NULL: accepted */
  } cases[] = {
      {AR_WORD_PAGE, "Seite {page} von {pages}", NULL},
      {AR_WORD_PAGE, "{page}/{pages}", NULL},
      {AR_WORD_PAGE, "{pages}: {page}, {page}", NULL},
      {AR_WORD_PAGE, "Page {page}",
       "lacks the placeholder {pages} (it takes {page} and {pages})"},
      {AR_WORD_PAGE, "Page {page} of {pages} {total}",
       "has the placeholder {total}, which it does not take (it takes {page} and {pages})"},
      {AR_WORD_PAGE, "Page %s of %zu",
       "lacks the placeholder {page} (it takes {page} and {pages})"},
      {AR_WORD_NOTES, "Notes {page}",
       "has the placeholder {page}, which it does not take (it takes none)"},
      {AR_WORD_NOTES, "Notes {1} {Page} { page} {", NULL}, /* not placeholders */
      {AR_WORD_NOTES, "", "is empty"},
      {AR_WORD_NOTES, NULL, "is empty"},
      {AR_WORD_CHART_SIZE_SERIES, "{series} séries, {categories} catégories", NULL},
      {AR_WORD_CHART_RANGE, "de {min}", "lacks the placeholder {max} (it takes {min} and {max})"},
      {AR_WORD_LONG_DATE, "{day}.{month}.{year}", NULL},
      {AR_WORD_LONG_DATE, "{day} {month}",
       "lacks the placeholder {year} (it takes {day}, {month} and {year})"},
      {AR_WORD_MONTHS, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12", NULL},
      {AR_WORD_MONTHS, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
       "must name the twelve months, separated by commas"},
      {AR_WORD_MONTHS, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13",
       "must name the twelve months, separated by commas"},
      {AR_WORD_MONTHS, "1, 2, 3, 4, 5, , 7, 8, 9, 10, 11, 12",
       "must name the twelve months, separated by commas"},
      {(ar_word)999, "x", "is not a word this version knows"},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char why[256] = "";
    int ok = ar_document_word_check(cases[i].key, cases[i].value, why, sizeof why);
    if (!cases[i].why) {
      if (!ok)
        fail_msg("case %zu: \"%s\" refused: %s", i, cases[i].value, why);
      continue;
    }
    if (ok)
      fail_msg("case %zu: \"%s\" accepted", i, cases[i].value);
    assert_string_equal(why, cases[i].why);
    ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
    assert_false(ar_document_set_word(doc, cases[i].key, cases[i].value ? cases[i].value : ""));
    assert_null(ar_document_word_given(doc, cases[i].key));
    ar_node_free(doc);
  }
  char tiny[9];
  assert_false(ar_document_word_check(AR_WORD_NOTES, "", tiny, sizeof tiny));
  assert_string_equal(tiny, "is empty");
  assert_false(ar_document_word_check(AR_WORD_PAGE, "x", tiny, sizeof tiny));
  assert_int_equal(strlen(tiny), sizeof tiny - 1); /* cut, never overrun */
}

static void test_fill_and_page_label(void **unused) {
  const ar_layout_var vars[] = {{"page", "2"}, {"pages", "7"}, {"empty", NULL}};
  static const struct {
    const char *pattern, *filled;
  } cases[] = {
      {"Page {page} of {pages}", "Page 2 of 7"},
      {"{page}{pages}{page}", "272"},
      {"{unknown} stays, {empty} is empty", "{unknown} stays, "" is empty"},
      {"%s %n %zu {page}", "%s %n %zu 2"}, /* never a printf format */
      {"{ page} {Page} {page", "{ page} {Page} {page"},
      {"{{page}}", "{2}"},
      {"", ""},
  };
  for (size_t i = 0; i < COUNT(cases); i++) {
    char *s = ar_layout_fill(cases[i].pattern, vars, COUNT(vars));
    assert_non_null(s);
    assert_string_equal(s, cases[i].filled);
    free(s);
  }
  char *s = ar_layout_fill(NULL, NULL, 0);
  assert_string_equal(s, "");
  free(s);

  size_t len;
  assert_int_equal(ar_layout_placeholder("back to citation {citation}", &len), 17);
  assert_int_equal(len, 10);
  assert_int_equal(ar_layout_placeholder("none {} {A}", &len), 11);
  assert_int_equal(len, 0);
  assert_int_equal(ar_layout_placeholder(NULL, &len), 0);

  ar_node *doc = ar_node_new(AR_NODE_DOCUMENT);
  s = ar_layout_page_label(doc, 2, 7);
  assert_string_equal(s, "Page 2 of 7");
  free(s);
  assert_true(ar_document_set_word(doc, AR_WORD_PAGE, "{page} / {pages}"));
  s = ar_layout_page_label(doc, 12, 100);
  assert_string_equal(s, "12 / 100");
  free(s);
  const ar_layout_var source = {"source", "3"};
  s = ar_layout_word(doc, AR_WORD_CITATION, &source, 1);
  assert_string_equal(s, "source 3");
  free(s);
  ar_node_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_containment),
      cmocka_unit_test(test_accessors_check_type),
      cmocka_unit_test(test_iterator_and_numbers),
      cmocka_unit_test(test_citations),
      cmocka_unit_test(test_many_references),
      cmocka_unit_test(test_chart_and_table),
      cmocka_unit_test(test_number_forms),
      cmocka_unit_test(test_chart_decimals),
      cmocka_unit_test(test_long_dates),
      cmocka_unit_test(test_title_block),
      cmocka_unit_test(test_notes),
      cmocka_unit_test(test_chart_axes),
      cmocka_unit_test(test_ticks_and_scale),
      cmocka_unit_test(test_chart_axis_and_labels),
      cmocka_unit_test(test_chart_axes_at_the_limits),
      cmocka_unit_test(test_word_fallback),
      cmocka_unit_test(test_word_checks),
      cmocka_unit_test(test_fill_and_page_label),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
