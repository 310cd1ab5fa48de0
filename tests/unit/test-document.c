#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alliance-report/document.h"

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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_containment),
      cmocka_unit_test(test_accessors_check_type),
      cmocka_unit_test(test_iterator_and_numbers),
      cmocka_unit_test(test_citations),
      cmocka_unit_test(test_chart_and_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
