#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/xml-load.h"

#define HAS_DOCTYPE(s) ar_xml_prolog_has_doctype(s, sizeof(s) - 1)

static void test_doctype_detection(void **unused) {
  assert_true(HAS_DOCTYPE("<!DOCTYPE a []><a/>"));
  assert_true(HAS_DOCTYPE("<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE a SYSTEM \"x\"><a/>"));
  assert_true(HAS_DOCTYPE("\xEF\xBB\xBF<!DOCTYPE a><a/>"));
  assert_false(HAS_DOCTYPE("<a><!-- <!DOCTYPE a> --></a>"));
  assert_false(HAS_DOCTYPE("<?xml version=\"1.0\"?><alliance/>"));
  assert_false(HAS_DOCTYPE("<!-- <!DOCTYPE x> --><a/>"));
  assert_false(HAS_DOCTYPE(""));
  assert_false(HAS_DOCTYPE("<!-- never closed"));
}

static void test_compression_magic(void **unused) {
  assert_string_equal(ar_xml_compression_name((const unsigned char *)"\x1f\x8b\x08", 3), "gzip");
  assert_string_equal(ar_xml_compression_name((const unsigned char *)"\xfd" "7zXZ\0", 6), "xz");
  assert_string_equal(ar_xml_compression_name((const unsigned char *)"BZh9", 4), "bzip2");
  assert_null(ar_xml_compression_name((const unsigned char *)"<?xml", 5));
  assert_null(ar_xml_compression_name((const unsigned char *)"\x1f", 1));
}

/* Writes text to a new file in a fresh folder; returns the file's path. */
static char *write_temp(const char *text) {
  char dir[] = "/tmp/ar-test-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char *path = NULL;
  assert_true(asprintf(&path, "%s/data.xml", dir) > 0);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static void remove_temp(char *path) {
  unlink(path);
  char *slash = strrchr(path, '/');
  *slash = '\0';
  rmdir(path);
  free(path);
}

static void test_positions(void **unused) {
  char *path = write_temp("<alliance>\n  <member\n     code=\"AT\"  status='x'/>\n"
                          "\t<member code=\"é\"/></alliance>\n");
  ar_diag *diag = ar_diag_new(0);
  ar_xml_file *f = ar_xml_load(path, 1 << 20, diag);
  assert_non_null(f);
  xmlNodePtr root = xmlDocGetRootElement(ar_xml_file_doc(f));
  xmlNodePtr first = xmlFirstElementChild(root);
  xmlNodePtr second = xmlNextElementSibling(first);
  long line, col;
  ar_xml_node_position(f, first, NULL, &line, &col);
  assert_int_equal(line, 2);
  assert_int_equal(col, 3);
  ar_xml_node_position(f, first, "status", &line, &col);
  assert_int_equal(line, 3);
  assert_int_equal(col, 17);
  ar_xml_node_position(f, second, "code", &line, &col);
  assert_int_equal(line, 4);
  assert_int_equal(col, 10);
  assert_string_equal(ar_xml_node_file(f, second), path);
  ar_xml_file_free(f);
  ar_diag_free(diag);
  remove_temp(path);
}

static void test_doctype_refused(void **unused) {
  char *path = write_temp("<?xml version=\"1.0\"?>\n<!DOCTYPE alliance [\n"
                          "<!ENTITY a \"x\">]>\n<alliance>&a;</alliance>\n");
  ar_diag *diag = ar_diag_new(0);
  assert_null(ar_xml_load(path, 1 << 20, diag));
  assert_int_equal(ar_diag_errors(diag), 1);
  const ar_diag_entry *e = ar_diag_get(diag, 0);
  assert_int_equal(e->line, 2);
  assert_non_null(strstr(e->message, "DOCTYPE"));
  ar_diag_free(diag);
  remove_temp(path);
}

static void test_size_limit(void **unused) {
  char *path = write_temp("<alliance>0123456789</alliance>\n");
  ar_diag *diag = ar_diag_new(0);
  assert_null(ar_xml_load(path, 10, diag));
  assert_non_null(strstr(ar_diag_get(diag, 0)->message, "more than the limit"));
  ar_diag_free(diag);
  remove_temp(path);
}

/* The node limit counts elements, attributes and text, and stops the
 * load at the node that goes past it. */
static void test_node_limit(void **unused) {
  assert_int_equal(ar_xml_max_nodes(), AR_XML_DEFAULT_MAX_NODES);
  /* alliance, version, member, x, the line break, a, b: 7 nodes. */
  char *path = write_temp("<alliance version=\"1.0\"><member>x</member>\n  <a/><b/></alliance>\n");
  ar_xml_set_max_nodes(6);
  assert_int_equal(ar_xml_max_nodes(), 6);
  ar_diag *diag = ar_diag_new(0);
  assert_null(ar_xml_load(path, 1 << 20, diag));
  assert_int_equal(ar_diag_errors(diag), 1);
  const ar_diag_entry *e = ar_diag_get(diag, 0);
  assert_string_equal(e->file, path);
  assert_int_equal(e->line, 2);
  assert_int_equal(e->col, 7);
  assert_non_null(strstr(e->message, "more than the limit of 6 nodes"));
  ar_diag_free(diag);

  ar_xml_set_max_nodes(7);
  diag = ar_diag_new(0);
  ar_xml_file *f = ar_xml_load(path, 1 << 20, diag);
  assert_non_null(f);
  ar_xml_file_free(f);
  ar_diag_free(diag);

  ar_xml_set_max_nodes(0);
  assert_int_equal(ar_xml_max_nodes(), AR_XML_DEFAULT_MAX_NODES);
  remove_temp(path);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_doctype_detection),
      cmocka_unit_test(test_compression_magic),
      cmocka_unit_test(test_positions),
      cmocka_unit_test(test_doctype_refused),
      cmocka_unit_test(test_size_limit),
      cmocka_unit_test(test_node_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
