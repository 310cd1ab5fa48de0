/* The checks a plugin's descriptor must pass before the host uses it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "host/plugin-host.h"

static void *create(const ar_options *o, ar_error *e) {
  (void)o, (void)e;
  return (void *)1;
}
static int render(void *s, const ar_node *d, ar_sink *out, ar_error *e) {
  (void)s, (void)d, (void)out, (void)e;
  return 0;
}
static void destroy(void *s) { (void)s; }

static ar_plugin good(void) {
  return (ar_plugin){.abi_major = AR_PLUGIN_ABI_MAJOR, .abi_minor = AR_PLUGIN_ABI_MINOR,
                     .struct_size = sizeof(ar_plugin), .name = "md-2_x", .version = "1",
                     .summary = "a test format", .extension = "md2", .media_type = "text/plain",
                     .create = create, .render = render, .destroy = destroy};
}

/* One change to a good descriptor, and a word the refusal must contain
 * (NULL: accepted). */
typedef struct {
  const char *what;
  void (*change)(ar_plugin *d);
  const char *refusal;
} descriptor_case;

static void nothing(ar_plugin *d) { (void)d; }
static void older_minor(ar_plugin *d) { d->abi_minor = 0; }
static void bigger_struct(ar_plugin *d) { d->struct_size = sizeof(ar_plugin) + 64; }
static void no_version(ar_plugin *d) { d->version = NULL; }
static void empty_extension(ar_plugin *d) { d->extension = ""; }
static void other_major(ar_plugin *d) { d->abi_major = AR_PLUGIN_ABI_MAJOR + 1; }
static void older_major(ar_plugin *d) { d->abi_major = AR_PLUGIN_ABI_MAJOR - 1; }
static void newer_minor(ar_plugin *d) { d->abi_minor = AR_PLUGIN_ABI_MINOR + 1; }
static void small_struct(ar_plugin *d) { d->struct_size = sizeof(ar_plugin) - 1; }
static void zero_struct(ar_plugin *d) { d->struct_size = 0; }
static void no_name(ar_plugin *d) { d->name = NULL; }
static void empty_name(ar_plugin *d) { d->name = ""; }
static void no_summary(ar_plugin *d) { d->summary = NULL; }
static void no_extension(ar_plugin *d) { d->extension = NULL; }
static void no_media_type(ar_plugin *d) { d->media_type = NULL; }
static void no_create(ar_plugin *d) { d->create = NULL; }
static void no_render(ar_plugin *d) { d->render = NULL; }
static void no_destroy(ar_plugin *d) { d->destroy = NULL; }
static void upper_name(ar_plugin *d) { d->name = "PDF"; }
static void path_name(ar_plugin *d) { d->name = "../pdf"; }
static void space_name(ar_plugin *d) { d->name = "my pdf"; }
static void control_name(ar_plugin *d) { d->name = "pdf\n"; }
static void utf8_name(ar_plugin *d) { d->name = "p\xc3\xa9"; }
static void dot_extension(ar_plugin *d) { d->extension = ".pdf"; }
static void upper_extension(ar_plugin *d) { d->extension = "PDF"; }
static void slash_extension(ar_plugin *d) { d->extension = "a/b"; }
/* Option lists: the most a plugin may declare, ended; and one that does
 * not end within the bound (read no further than the array holds). */
static ar_plugin_option many[AR_PLUGIN_MAX_OPTIONS + 1], endless[AR_PLUGIN_MAX_OPTIONS + 8];
static void most_options(ar_plugin *d) {
  for (size_t i = 0; i < AR_PLUGIN_MAX_OPTIONS; i++)
    many[i] = (ar_plugin_option){"key", "N", "an option"};
  d->options = many;
}
static void endless_options(ar_plugin *d) {
  for (size_t i = 0; i < sizeof endless / sizeof *endless; i++)
    endless[i] = (ar_plugin_option){"key", "N", "an option"};
  d->options = endless;
}

static const descriptor_case cases[] = {
    {"a good descriptor", nothing, NULL},
    {"an older minor ABI", older_minor, NULL},
    {"a larger struct (a newer plugin's fields)", bigger_struct, NULL},
    {"no version", no_version, NULL},
    {"an empty extension", empty_extension, "extension"},
    {"another major ABI", other_major, "ABI"},
    {"an older major ABI", older_major, "ABI"},
    {"a newer minor ABI", newer_minor, "rebuild"},
    {"a smaller struct", small_struct, "struct_size"},
    {"a zero struct size", zero_struct, "struct_size"},
    {"no name", no_name, "name"},
    {"an empty name", empty_name, "name"},
    {"no summary", no_summary, "summary"},
    {"no extension", no_extension, "extension"},
    {"no media type", no_media_type, "media type"},
    {"no create", no_create, "create"},
    {"no render", no_render, "render"},
    {"no destroy", no_destroy, "destroy"},
    {"capitals in the name", upper_name, "name may hold"},
    {"a path as name", path_name, "name may hold"},
    {"a space in the name", space_name, "name may hold"},
    {"a newline in the name", control_name, "name may hold"},
    {"a non-ASCII name", utf8_name, "name may hold"},
    {"a dot in the extension", dot_extension, "extension may hold"},
    {"capitals in the extension", upper_extension, "extension may hold"},
    {"a slash in the extension", slash_extension, "extension may hold"},
    {"as many options as a plugin may have", most_options, NULL},
    {"an option list without its end", endless_options, "does not end"},
};

static void test_descriptors(void **unused) {
  (void)unused;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ar_plugin d = good();
    cases[i].change(&d);
    char buf[256];
    const char *why = ar_plugin_check_descriptor(&d, buf, sizeof buf);
    if (!cases[i].refusal && why)
      fail_msg("%s was refused: %s", cases[i].what, why);
    if (cases[i].refusal && !why)
      fail_msg("%s was accepted", cases[i].what);
    if (cases[i].refusal && !strstr(why, cases[i].refusal))
      fail_msg("%s: the refusal \"%s\" does not say \"%s\"", cases[i].what, why,
               cases[i].refusal);
  }
}

static void test_no_descriptor(void **unused) {
  (void)unused;
  char buf[64];
  const char *why = ar_plugin_check_descriptor(NULL, buf, sizeof buf);
  assert_non_null(why);
  assert_non_null(strstr(why, "no descriptor"));
}

/* The ABI refusal names both versions and fits a small buffer. */
static void test_abi_message(void **unused) {
  (void)unused;
  ar_plugin d = good();
  d.abi_major = 7;
  d.abi_minor = 3;
  char buf[256];
  const char *why = ar_plugin_check_descriptor(&d, buf, sizeof buf);
  assert_non_null(why);
  assert_non_null(strstr(why, "7.3"));
  char small[16];
  why = ar_plugin_check_descriptor(&d, small, sizeof small);
  assert_non_null(why);
  assert_true(strlen(why) < sizeof small);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_descriptors),
      cmocka_unit_test(test_no_descriptor),
      cmocka_unit_test(test_abi_message),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
